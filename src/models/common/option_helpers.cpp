// Option conventions shared by the common models.
#include "neml2/models/common/option_helpers.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace neml2
{
std::string
option_alias(const Options & options, const std::string & name, const std::string & alias, bool required)
{
  const bool a = options.has(name), b = options.has(alias);
  if (a && b)
    throw options.error(
        alias, fmt::format("'{}' and '{}' are the same option (NEML2 renamed it); give only one", name, alias));
  if (required && !a && !b)
    throw options.error(fmt::format("missing the required option '{}' (also accepted as '{}'); add '{} = ...' to "
                                    "the block",
                                    name, alias, name));
  return b ? alias : name;
}

std::string
option_alias_or(const Options & options, const std::string & name, const std::string & alias,
                const std::string & fallback)
{
  const auto option = option_alias(options, name, alias);
  return options.has(option) ? options.get_string(option) : fallback;
}

std::vector<std::string>
per_variable(const Options & options, const std::string & option, std::size_t n)
{
  auto words = options.get_strings(option);
  if (words.size() == 1)
    return std::vector<std::string>(n, words[0]);
  if (words.size() != n)
    throw options.error(option, fmt::format("expected 1 entry (used for every variable) or {} entries (one per "
                                            "variable), got {}",
                                            n, words.size()));
  return words;
}

bool
bool_word(const Options & options, const std::string & option, const std::string & word)
{
  std::string w = word;
  std::transform(w.begin(), w.end(), w.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (w == "true" || w == "on" || w == "yes" || w == "1")
    return true;
  if (w == "false" || w == "off" || w == "no" || w == "0")
    return false;
  throw options.error(option, fmt::format("expected true or false, got '{}'", word));
}
} // namespace neml2

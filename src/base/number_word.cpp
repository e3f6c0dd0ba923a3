// One rule for words that are a number or a name, shared by every option that takes either.
#include "neml2/base/number_word.h"

#include <cctype>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "neml2/base/options.h"

namespace neml2
{
namespace
{
bool
written_as_number(std::string_view w)
{
  std::size_t i = 0;
  if (i < w.size() && (w[i] == '+' || w[i] == '-'))
    ++i;
  if (i < w.size() && w[i] == '.')
    ++i;
  return i < w.size() && std::isdigit(static_cast<unsigned char>(w[i]));
}

bool
spelled_non_finite(std::string_view w)
{
  if (!w.empty() && (w[0] == '+' || w[0] == '-'))
    w.remove_prefix(1);
  std::string lower;
  for (char c : w)
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "inf" || lower == "infinity" || lower == "nan";
}
} // namespace

NumberWord
read_number_word(std::string_view w)
{
  NumberWord out;
  if (spelled_non_finite(w))
    return {NumberWord::Kind::bad_number, 0, "not a finite number"};
  if (!written_as_number(w))
    return out;
  const char * b = w.data() + (w[0] == '+' ? 1 : 0);
  const char * e = w.data() + w.size();
  // from_chars would also take "0x"-less hex digits only with chars_format::hex; the general
  // format reads "0x1p17" as 0 followed by garbage, which the end check below rejects.
  const auto [p, ec] = std::from_chars(b, e, out.value);
  if (ec == std::errc::result_out_of_range)
    return {NumberWord::Kind::bad_number, 0, "out of the range of a double"};
  if (ec != std::errc() || p != e)
    return {NumberWord::Kind::bad_number, 0, "malformed"};
  if (!std::isfinite(out.value))
    return {NumberWord::Kind::bad_number, 0, "not a finite number"};
  out.kind = NumberWord::Kind::number;
  return out;
}

std::string
printable_word(std::string_view word)
{
  const auto nul = word.find('\0');
  return nul == std::string_view::npos ? std::string(word) : std::string(word.substr(0, nul)) + "\\0...";
}

std::string
bad_number_message(std::string_view word, const NumberWord & read)
{
  return fmt::format("'{}' is not a number this reader accepts ({}); write a decimal number such as 200e3 or 0.3",
                     printable_word(word), read.problem);
}

std::optional<double>
number_or_name(const Options & options, const std::string & option, std::string_view word, std::string_view context)
{
  const auto read = read_number_word(word);
  if (read.kind == NumberWord::Kind::bad_number)
    throw options.error(option, fmt::format("{}{}", context, bad_number_message(word, read)));
  if (read.kind == NumberWord::Kind::number)
    return read.value;
  return std::nullopt;
}
} // namespace neml2

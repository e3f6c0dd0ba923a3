// Typed reads of field values; errors name the key, the value found and the type expected.
#include "neml2/hit/convert.h"

#include <charconv>
#include <cmath>
#include <system_error>

#include "text.h"

namespace neml2::hit
{
namespace
{
Error
conversion_error(const Field & field, const detail::Word & word, std::string_view expected)
{
  return Error(field.location_of(word.offset),
               "invalid value " + detail::quote(word.text) + " for " + detail::quote(field.key) + "; expected " +
                   std::string(expected),
               ErrorKind::Conversion);
}

/// A leading '+' is accepted by people but not by from_chars.
std::string_view
strip_plus(std::string_view text)
{
  return text.size() > 1 && text.front() == '+' && text[1] != '-' && text[1] != '+' ? text.substr(1) : text;
}

template <typename T>
T
parse_number(const Field & field, const detail::Word & word, std::string_view expected)
{
  const std::string_view text = strip_plus(word.text);
  T out{};
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec == std::errc::result_out_of_range)
    throw conversion_error(field, word, std::string(expected) + " within range");
  if (ec != std::errc() || ptr != text.data() + text.size())
    throw conversion_error(field, word, expected);
  return out;
}

double
parse_double(const Field & field, const detail::Word & word)
{
  // from_chars reads "inf" and "nan"; no option of a material model means either.
  const double v = parse_number<double>(field, word, "a real number");
  if (!std::isfinite(v))
    throw conversion_error(field, word, "a finite real number");
  return v;
}

long
parse_int(const Field & field, const detail::Word & word)
{
  return parse_number<long>(field, word, "an integer");
}

bool
parse_bool(const Field & field, const detail::Word & word)
{
  const std::string w = detail::lower(word.text);
  if (w == "true" || w == "on" || w == "yes" || w == "1")
    return true;
  if (w == "false" || w == "off" || w == "no" || w == "0")
    return false;
  throw conversion_error(field, word, "a boolean (true/false, on/off, yes/no, 1/0)");
}

/// The single word of a scalar field.
detail::Word
single_word(const Field & field, std::string_view expected)
{
  const auto words = detail::split_words(field.value);
  if (words.size() == 1)
    return words.front();
  const std::string found = words.empty() ? std::string("an empty value")
                                          : std::to_string(words.size()) + " words in " + detail::quote(field.value);
  throw Error(field.value_loc,
              "expected a single " + std::string(expected) + " for " + detail::quote(field.key) + ", found " + found,
              ErrorKind::Conversion);
}

template <typename T, typename Parse>
std::vector<T>
parse_list(const Field & field, Parse parse)
{
  std::vector<T> out;
  for (const auto & w : detail::split_words(field.value))
    out.push_back(parse(field, w));
  return out;
}
} // namespace

double
to_double(const Field & field)
{
  return parse_double(field, single_word(field, "real number"));
}

long
to_int(const Field & field)
{
  return parse_int(field, single_word(field, "integer"));
}

bool
to_bool(const Field & field)
{
  return parse_bool(field, single_word(field, "boolean"));
}

std::vector<double>
to_doubles(const Field & field)
{
  return parse_list<double>(field, parse_double);
}

std::vector<long>
to_ints(const Field & field)
{
  return parse_list<long>(field, parse_int);
}

std::vector<std::string>
to_strings(const Field & field)
{
  return field.words();
}

std::vector<std::vector<double>>
to_double_rows(const Field & field)
{
  std::vector<std::vector<double>> out;
  for (const auto & row : detail::split_rows(field.value))
  {
    auto & r = out.emplace_back();
    for (const auto & w : row)
      r.push_back(parse_double(field, w));
  }
  return out;
}
} // namespace neml2::hit

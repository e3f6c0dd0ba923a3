// The rule for option words that may be a number or a name (a [Tensors] object, a variable).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace neml2
{
class Options;

/// How one word reads. A word written as a number (a digit first, or a sign or a point and then
/// a digit) is never a name: NEML2's names start with a letter or '_'. Such a word must read in
/// full as a finite double, otherwise it is a bad number, not a variable called "1e400".
/// A word spelled inf/nan (any sign or case) is a bad number too: no option takes one.
struct NumberWord
{
  enum class Kind
  {
    name,
    number,
    bad_number
  };
  Kind kind = Kind::name;
  double value = 0;
  /// For a bad number: why, e.g. "out of the range of a double".
  std::string problem;
};

NumberWord read_number_word(std::string_view word);

/// The word as an error message shows it: cut at a NUL byte, which a terminal would not show.
std::string printable_word(std::string_view word);

/// "'1e400' is not a number this reader accepts (out of the range of a double); write ..."
std::string bad_number_message(std::string_view word, const NumberWord & read);

/// The number `word` stands for, or nullopt for a name; a bad number is an error at `option`,
/// prefixed by `context` (e.g. "parameter 'E': ") when given.
std::optional<double> number_or_name(const Options & options, const std::string & option, std::string_view word,
                                     std::string_view context = {});
} // namespace neml2

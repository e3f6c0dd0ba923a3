// Character classes and small text helpers shared by the HIT lexer, parser and renderer.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "neml2/hit/error.h"

namespace neml2::hit::detail
{
/// Blank within a line: space, tab, carriage return, form feed, vertical tab.
bool is_space(char c);
/// Blank including newline.
bool is_blank(char c);
/// A character allowed in keys and section names.
bool is_ident_char(char c);
/// All characters allowed in keys and section names (for messages).
std::string_view ident_chars_description();

/// The character for a message: 'x', or '\xNN' for non-printable bytes.
std::string describe(char c);
/// A string for a message: quoted with ', non-printable bytes escaped, long text shortened.
std::string quote(std::string_view text);

/// The location reached after reading `text` from `loc`.
Location advance_over(Location loc, std::string_view text);

/// A piece of a value with its byte offset in the value.
struct Word
{
  std::string_view text;
  std::size_t offset = 0;
};
/// Split on blanks.
std::vector<Word> split_words(std::string_view text);
/// Split on ';' into rows, then on blanks; see Field::rows for the rules on empty rows.
std::vector<std::vector<Word>> split_rows(std::string_view text);

/// Lower-case ASCII copy.
std::string lower(std::string_view text);
} // namespace neml2::hit::detail

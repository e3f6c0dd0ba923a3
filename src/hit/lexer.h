// Splits the text of one HIT file into statements: section headers, fields and includes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "neml2/hit/error.h"

namespace neml2::hit::detail
{
enum class TokenKind
{
  SectionOpen,  ///< [header]
  SectionClose, ///< [] or [../]
  Field,        ///< key = value, key := value
  Include,      ///< !include path
  End           ///< end of the text
};

struct Token
{
  TokenKind kind = TokenKind::End;
  /// Location of the first character.
  Location loc;
  /// Byte range [begin, end) of the statement in the text.
  std::size_t begin = 0;
  std::size_t end = 0;
  /// Header text (SectionOpen), key (Field), path (Include).
  std::string name;
  /// Field written with ':='.
  bool override_op = false;
  /// Field value as written, quotes stripped.
  std::string value;
  bool quoted = false;
  bool verbatim = false;
  Location value_loc;
};

/// Reads a byte string left to right, tracking line and column.
class Cursor
{
public:
  Cursor(std::string_view text, const std::string & file);

  bool done() const { return _pos >= _text.size(); }
  /// Whether at least `n` more bytes remain.
  bool has(std::size_t n) const { return _text.size() - _pos >= n; }
  /// The byte `ahead` positions on; only valid when has(ahead + 1).
  char peek(std::size_t ahead = 0) const { return _text[_pos + ahead]; }
  bool at(char c) const { return !done() && peek() == c; }
  bool starts_with(std::string_view s) const { return _text.substr(_pos).starts_with(s); }
  void advance(std::size_t n = 1);
  std::size_t pos() const { return _pos; }
  Location loc() const { return {_file, _line, _col}; }
  std::string_view text() const { return _text; }
  /// What is at the cursor, for messages: "'x'", "end of line", "end of file".
  std::string found() const;

private:
  std::string_view _text;
  std::string _file;
  std::size_t _pos = 0;
  int _line = 1;
  int _col = 1;
};

/// Produces the statements of one file, in order.
class Lexer
{
public:
  Lexer(std::string_view text, const std::string & file);

  /// The next statement; TokenKind::End at the end. Throws Error on malformed text.
  Token next();

private:
  void skip_trivia();
  Token lex_statement();
  Token lex_header();
  Token lex_field();
  Token lex_directive();
  /// Reads a value into tok; `what` names it in errors ("the value of 'x'").
  void lex_value(Token & tok, std::string_view what);
  void lex_quoted(Token & tok);
  void lex_triple_quoted(Token & tok);
  void lex_bare(Token & tok);
  void skip_brace_group();
  /// A hint for text after a field value on the same line: probably an unquoted list.
  std::string unquoted_hint() const;

  Cursor _c;
  /// Line on which the previous statement ended (0 before the first).
  int _prev_end_line = 0;
  /// Key of the previous statement if it was a field.
  std::string _prev_field;
};
} // namespace neml2::hit::detail

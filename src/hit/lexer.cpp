// Splits the text of one HIT file into statements: section headers, fields and includes.
#include "lexer.h"

#include "text.h"

namespace neml2::hit::detail
{
Cursor::Cursor(std::string_view text, const std::string & file)
  : _text(text),
    _file(file)
{
  // A UTF-8 byte order mark is not part of the input.
  if (_text.starts_with("\xEF\xBB\xBF"))
    _pos = 3;
}

void
Cursor::advance(std::size_t n)
{
  for (std::size_t i = 0; i < n && !done(); ++i, ++_pos)
  {
    if (_text[_pos] == '\n')
    {
      ++_line;
      _col = 1;
    }
    else
      ++_col;
  }
}

std::string
Cursor::found() const
{
  return done() ? "end of file" : describe(peek());
}

Lexer::Lexer(std::string_view text, const std::string & file)
  : _c(text, file)
{
}

void
Lexer::skip_trivia()
{
  while (!_c.done())
  {
    if (is_blank(_c.peek()))
      _c.advance();
    else if (_c.peek() == '#')
      while (!_c.done() && _c.peek() != '\n')
        _c.advance();
    else
      break;
  }
}

Token
Lexer::next()
{
  skip_trivia();
  if (_c.done())
  {
    Token tok;
    tok.kind = TokenKind::End;
    tok.loc = _c.loc();
    tok.begin = tok.end = _c.pos();
    return tok;
  }
  Token tok = lex_statement();
  _prev_end_line = _c.loc().line;
  _prev_field = tok.kind == TokenKind::Field ? tok.name : std::string();
  return tok;
}

Token
Lexer::lex_statement()
{
  const char c = _c.peek();
  if (c == '[')
    return lex_header();
  if (c == '!')
    return lex_directive();
  if (is_ident_char(c))
    return lex_field();
  throw Error(_c.loc(), "unexpected " + describe(c) +
                            "; expected a section header '[name]', a field 'key = value', '!include' or "
                            "a comment" +
                            unquoted_hint());
}

std::string
Lexer::unquoted_hint() const
{
  if (_prev_field.empty() || _c.loc().line != _prev_end_line)
    return "";
  return " (a value with spaces must be quoted: " + _prev_field + " = '... ...')";
}

Token
Lexer::lex_header()
{
  Token tok;
  tok.loc = _c.loc();
  tok.begin = _c.pos();
  _c.advance(); // '['
  const std::size_t content = _c.pos();
  while (!_c.done() && _c.peek() != ']' && _c.peek() != '\n')
    _c.advance();
  if (!_c.at(']'))
    throw Error(tok.loc, "unterminated section header " + quote(_c.text().substr(tok.begin, _c.pos() - tok.begin)) +
                             "; expected ']' before " + _c.found());
  const auto header = _c.text().substr(content, _c.pos() - content);
  _c.advance(); // ']'
  tok.end = _c.pos();
  if (header.empty() || header == "../")
    tok.kind = TokenKind::SectionClose;
  else
  {
    tok.kind = TokenKind::SectionOpen;
    tok.name = std::string(header);
  }
  return tok;
}

Token
Lexer::lex_field()
{
  Token tok;
  tok.kind = TokenKind::Field;
  tok.loc = _c.loc();
  tok.begin = _c.pos();
  while (!_c.done() && is_ident_char(_c.peek()))
    _c.advance();
  tok.name = std::string(_c.text().substr(tok.begin, _c.pos() - tok.begin));
  while (!_c.done() && is_space(_c.peek()))
    _c.advance();
  if (_c.starts_with(":="))
  {
    tok.override_op = true;
    _c.advance(2);
  }
  else if (_c.at('='))
    _c.advance();
  else
    throw Error(_c.loc(), "expected '=' or ':=' after key '" + tok.name + "', found " + _c.found() +
                              (tok.loc.line == _prev_end_line ? unquoted_hint() : std::string()));
  while (!_c.done() && is_space(_c.peek()))
    _c.advance();
  if (_c.done() || _c.peek() == '\n' || _c.peek() == '#')
    throw Error(_c.loc(), "missing value for '" + tok.name + "'; expected a value after '" +
                              (tok.override_op ? ":=" : "=") + "', found " + _c.found() +
                              " (write '' for an empty value)");
  lex_value(tok, "the value of '" + tok.name + "'");
  tok.end = _c.pos();
  return tok;
}

void
Lexer::lex_value(Token & tok, std::string_view what)
{
  tok.value_loc = _c.loc();
  if (_c.starts_with("'''"))
    lex_triple_quoted(tok);
  else if (_c.peek() == '\'' || _c.peek() == '"')
    lex_quoted(tok);
  else
    lex_bare(tok);
  if (_c.done() || is_blank(_c.peek()) || _c.peek() == '#')
    return;
  // A quoted value may span lines, so a forgotten closing quote swallows the next lines up to
  // the next quote; what follows that is where parsing fails. Point at the line with the mistake.
  if (tok.quoted && !tok.verbatim && tok.value.find('\n') != std::string::npos)
    throw Error(tok.value_loc, "unterminated string? " + std::string(what) +
                                   " opens a quote here that closes on line " + std::to_string(_c.loc().line) +
                                   ", where " + _c.found() + " follows it; expected a closing quote on this line");
  throw Error(_c.loc(), "unexpected " + _c.found() + " after " + std::string(what) +
                            "; expected whitespace, a comment or end of line");
}

void
Lexer::lex_quoted(Token & tok)
{
  const char q = _c.peek();
  const Location open = _c.loc();
  _c.advance();
  const std::size_t begin = _c.pos();
  while (!_c.done() && _c.peek() != q)
    _c.advance();
  if (_c.done())
    throw Error(open, std::string("unterminated string; expected a closing ") + (q == '\'' ? "\"'\"" : "'\"'") +
                          " before end of file");
  tok.value = std::string(_c.text().substr(begin, _c.pos() - begin));
  tok.quoted = true;
  _c.advance();
}

void
Lexer::lex_triple_quoted(Token & tok)
{
  const Location open = _c.loc();
  _c.advance(3);
  const std::size_t begin = _c.pos();
  const std::size_t close = _c.text().find("'''", begin);
  if (close == std::string_view::npos)
    throw Error(open, "unterminated triple-quoted string; expected a closing \"'''\" before end of "
                      "file");
  tok.value = std::string(_c.text().substr(begin, close - begin));
  tok.quoted = true;
  tok.verbatim = true;
  _c.advance(close - begin + 3);
}

void
Lexer::lex_bare(Token & tok)
{
  const std::size_t begin = _c.pos();
  while (!_c.done() && !is_blank(_c.peek()) && _c.peek() != '#')
  {
    if (_c.starts_with("${"))
      skip_brace_group();
    else
      _c.advance();
  }
  tok.value = std::string(_c.text().substr(begin, _c.pos() - begin));
}

void
Lexer::skip_brace_group()
{
  const Location open = _c.loc();
  int depth = 0;
  while (!_c.done() && _c.peek() != '\n')
  {
    if (_c.starts_with("${"))
    {
      ++depth;
      _c.advance(2);
      continue;
    }
    const bool close = _c.peek() == '}';
    _c.advance();
    if (close && --depth == 0)
      return;
  }
  throw Error(open,
              "unterminated brace expression; expected '}' before " + _c.found() + " (quote the value to span lines)");
}

Token
Lexer::lex_directive()
{
  Token tok;
  tok.kind = TokenKind::Include;
  tok.loc = _c.loc();
  tok.begin = _c.pos();
  _c.advance(); // '!'
  const std::size_t word = _c.pos();
  while (!_c.done() && is_ident_char(_c.peek()))
    _c.advance();
  const auto directive = _c.text().substr(word, _c.pos() - word);
  if (directive != "include")
    throw Error(tok.loc, "unknown directive " + quote("!" + std::string(directive)) + "; expected '!include'");
  if (tok.loc.line == _prev_end_line)
    throw Error(tok.loc, "'!include' must be on its own line; found a statement before it");
  if (!_c.done() && !is_space(_c.peek()) && _c.peek() != '\n')
    throw Error(_c.loc(), "expected a space after '!include', found " + _c.found());
  while (!_c.done() && is_space(_c.peek()))
    _c.advance();
  if (_c.done() || _c.peek() == '\n' || _c.peek() == '#')
    throw Error(_c.loc(), "missing path after '!include'; expected a file name, found " + _c.found());
  Token path;
  lex_value(path, "the include path");
  if (path.verbatim || path.value.empty())
    throw Error(path.value_loc, std::string("expected a file name after '!include', found ") +
                                    (path.verbatim ? "a triple-quoted string" : "an empty string"));
  tok.name = path.value;
  tok.value_loc = path.value_loc;
  tok.end = _c.pos();
  while (!_c.done() && is_space(_c.peek()))
    _c.advance();
  if (!_c.done() && _c.peek() != '\n' && _c.peek() != '#')
    throw Error(_c.loc(), "unexpected " + _c.found() + " after the include path; expected end of line");
  return tok;
}
} // namespace neml2::hit::detail

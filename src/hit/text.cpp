// Character classes and small text helpers shared by the HIT lexer, parser and renderer.
#include "text.h"

#include <cstdio>

namespace neml2::hit::detail
{
bool
is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

bool
is_blank(char c)
{
  return c == '\n' || is_space(c);
}

bool
is_ident_char(char c)
{
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
    return true;
  switch (c)
  {
    case '_':
    case '.':
    case '-':
    case '+':
    case '~':
    case '@':
    case '<':
    case '>':
      return true;
    default:
      return false;
  }
}

std::string_view
ident_chars_description()
{
  return "letters, digits and '_', '.', '-', '+', '~', '@', '<', '>'";
}

namespace
{
bool
is_printable(char c)
{
  return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
}

void
append_escaped(std::string & out, char c)
{
  if (is_printable(c))
  {
    out += c;
    return;
  }
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(static_cast<unsigned char>(c)));
  out += buf;
}
} // namespace

std::string
describe(char c)
{
  if (c == '\n')
    return "end of line";
  std::string out = "'";
  append_escaped(out, c);
  out += '\'';
  return out;
}

std::string
quote(std::string_view text)
{
  constexpr std::size_t max_shown = 60;
  const std::size_t n = text.size() > max_shown ? max_shown : text.size();
  std::string out = "'";
  for (std::size_t i = 0; i < n; ++i)
  {
    if (text[i] == '\n')
      out += "\\n";
    else
      append_escaped(out, text[i]);
  }
  if (n < text.size())
    out += "...";
  out += '\'';
  return out;
}

Location
advance_over(Location loc, std::string_view text)
{
  for (char c : text)
  {
    if (c == '\n')
    {
      ++loc.line;
      loc.col = 1;
    }
    else
      ++loc.col;
  }
  return loc;
}

std::vector<Word>
split_words(std::string_view text)
{
  std::vector<Word> words;
  std::size_t i = 0;
  while (i < text.size())
  {
    while (i < text.size() && is_blank(text[i]))
      ++i;
    const std::size_t begin = i;
    while (i < text.size() && !is_blank(text[i]))
      ++i;
    if (i > begin)
      words.push_back({text.substr(begin, i - begin), begin});
  }
  return words;
}

std::vector<std::vector<Word>>
split_rows(std::string_view text)
{
  std::vector<std::vector<Word>> rows;
  if (split_words(text).empty())
    return rows;
  std::size_t begin = 0;
  for (;;)
  {
    const std::size_t semi = text.find(';', begin);
    const std::size_t end = semi == std::string_view::npos ? text.size() : semi;
    auto words = split_words(text.substr(begin, end - begin));
    for (auto & w : words)
      w.offset += begin;
    const bool last = semi == std::string_view::npos;
    if (!(last && words.empty()))
      rows.push_back(std::move(words));
    if (last)
      break;
    begin = semi + 1;
  }
  return rows;
}

std::string
lower(std::string_view text)
{
  std::string out(text);
  for (char & c : out)
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  return out;
}
} // namespace neml2::hit::detail

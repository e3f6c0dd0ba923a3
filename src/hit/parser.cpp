// Builds the section tree from the statements of a file, following '!include'.
#include "parser.h"

#include "source.h"
#include "text.h"

#include <algorithm>

namespace neml2::hit::detail
{
namespace
{
constexpr std::size_t max_include_depth = 32;

std::string
strip_legacy_prefix(std::string_view header)
{
  return std::string(header.starts_with("./") ? header.substr(2) : header);
}

/// Split a section header into names, each checked; errors point at the offending character.
std::vector<std::string>
split_header(const std::string & header, const Location & first)
{
  std::vector<std::string> names;
  std::size_t begin = 0;
  for (;;)
  {
    const std::size_t slash = header.find('/', begin);
    const std::size_t end = slash == std::string::npos ? header.size() : slash;
    const std::string name = header.substr(begin, end - begin);
    if (name.empty())
      throw Error(advance_over(first, std::string_view(header).substr(0, begin)),
                  "empty section name in header " + quote("[" + header + "]") +
                      "; expected names separated by single '/'");
    for (std::size_t i = 0; i < name.size(); ++i)
      if (!is_ident_char(name[i]))
        throw Error(advance_over(first, std::string_view(header).substr(0, begin + i)),
                    "invalid character " + describe(name[i]) + " in section header " + quote("[" + header + "]") +
                        "; expected a name made of " + std::string(ident_chars_description()));
    if (name == "." || name == "..")
      throw Error(advance_over(first, std::string_view(header).substr(0, begin)),
                  "invalid section name " + quote(name) + " in header " + quote("[" + header + "]") +
                      "; expected a name (close sections with '[]')");
    names.push_back(name);
    if (slash == std::string::npos)
      return names;
    begin = slash + 1;
  }
}
} // namespace

std::string
describe_section(const Section & section)
{
  return section.path.empty() ? std::string("at the top level") : "in section " + quote(section.path);
}

std::size_t
depth_of(const Section & section)
{
  std::size_t depth = 0;
  for (const Section * s = section.parent; s; s = s->parent)
    ++depth;
  return depth;
}

void
add_field(Section & section, Field field, bool replace)
{
  Field * earlier = section.find_field(field.key);
  add_field(section, std::move(field), replace, earlier);
}

void
add_field(Section & section, Field field, bool replace, Field * earlier)
{
  if (!earlier)
  {
    section.fields.push_back(std::move(field));
    return;
  }
  if (!replace)
    throw Error(field.loc,
                "duplicate field " + quote(field.key) + " " + describe_section(section) + "; first defined at " +
                    earlier->loc.str() + " (use ':=' to override an earlier value)",
                ErrorKind::Duplicate);
  *earlier = std::move(field);
}

Parser::Parser(bool allow_includes)
  : _allow_includes(allow_includes)
{
}

void
Parser::parse_text(std::string_view text, const std::string & file, Section & into)
{
  _include_stack.push_back(file_identity(file));
  Lexer lexer(text, file);
  std::vector<Frame> frames;
  for (;;)
  {
    const Token tok = lexer.next();
    Section & current = frames.empty() ? into : *frames.back().inner;
    switch (tok.kind)
    {
      case TokenKind::End:
        if (!frames.empty())
          throw Error(frames.back().loc, "unterminated section " + quote(frames.back().header) +
                                             " opened here; expected '[]' before end of file");
        _include_stack.pop_back();
        return;
      case TokenKind::SectionOpen:
        frames.push_back(open_section(tok, current));
        break;
      case TokenKind::SectionClose:
        close_section(tok, frames);
        break;
      case TokenKind::Field:
      {
        Field field;
        field.key = tok.name;
        field.raw = tok.value;
        field.value = tok.value;
        field.quoted = tok.quoted;
        field.verbatim = tok.verbatim;
        field.loc = tok.loc;
        field.value_loc = tok.value_loc;
        add(current, std::move(field), tok.override_op);
        break;
      }
      case TokenKind::Include:
        include(tok, file, current);
        break;
    }
  }
}

void
Parser::add(Section & section, Field field, bool replace)
{
  auto & index = _field_index[&section];
  const auto [it, fresh] = index.try_emplace(field.key, section.fields.size());
  add_field(section, std::move(field), replace, fresh ? nullptr : &section.fields[it->second]);
}

Parser::Frame
Parser::open_section(const Token & tok, Section & outer)
{
  Frame frame;
  frame.header = strip_legacy_prefix(tok.name);
  frame.loc = tok.loc;
  Section * s = &outer;
  const std::size_t prefix = tok.name.size() - frame.header.size();
  const Location first = advance_over(advance_over(tok.loc, "["), std::string_view(tok.name).substr(0, prefix));
  std::size_t depth = depth_of(outer);
  for (const auto & name : split_header(frame.header, first))
  {
    if (++depth > max_section_depth)
      throw Error(tok.loc, "sections nested too deeply (more than " + std::to_string(max_section_depth) +
                               " levels); expected a shallower input");
    Section *& child = _child_index[s][name];
    if (!child)
    {
      child = &s->add_child(name);
      child->header = frame.header;
      child->loc = tok.loc;
      child->source_begin = tok.begin;
      frame.created.push_back(child);
    }
    s = child;
  }
  frame.inner = s;
  if (frame.created.empty() || frame.created.back() != s)
  {
    s->reopened.push_back({tok.loc, tok.begin, tok.begin});
    frame.reopened = static_cast<std::ptrdiff_t>(s->reopened.size()) - 1;
  }
  return frame;
}

void
Parser::close_section(const Token & tok, std::vector<Frame> & frames)
{
  if (frames.empty())
    throw Error(tok.loc, "unexpected '[]' with no open section; expected a section header, a field or "
                         "end of file");
  for (Section * s : frames.back().created)
    s->source_end = tok.end;
  if (frames.back().reopened >= 0)
    frames.back().inner->reopened[static_cast<std::size_t>(frames.back().reopened)].source_end = tok.end;
  frames.pop_back();
}

void
Parser::include(const Token & tok, const std::string & file, Section & into)
{
  if (!_allow_includes)
    throw Error(tok.loc, "'!include' is not allowed here; expected the input inline", ErrorKind::Include);
  if (_include_stack.size() > max_include_depth)
    throw Error(tok.loc,
                "includes nested too deeply (more than " + std::to_string(max_include_depth) +
                    " levels); expected a shallower include chain",
                ErrorKind::Include);
  const std::string path = resolve_include(file, tok.name);
  const std::string identity = file_identity(path);
  if (std::find(_include_stack.begin(), _include_stack.end(), identity) != _include_stack.end())
    throw Error(tok.value_loc,
                "include cycle: " + quote(path) +
                    " is already being read; expected a file that does not include itself",
                ErrorKind::Include);
  const auto text = read_regular_file(path);
  if (!text)
    throw Error(tok.value_loc,
                "cannot read included file " + quote(tok.name) + " (looked for " + quote(path) +
                    "); expected an existing regular file",
                ErrorKind::Include);
  parse_text(*text, path, into);
}
} // namespace neml2::hit::detail

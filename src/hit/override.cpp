// Command-line overrides: "Section/sub/key=value" or "Section/sub/key:=value".
#include "override.h"

#include "neml2/hit/nearest.h"
#include "parser.h"
#include "text.h"

namespace neml2::hit::detail
{
namespace
{
struct Override
{
  std::vector<std::string> sections;
  Field field;
};

Error
override_error(const Location & loc, const std::string & arg, const std::string & what)
{
  return Error(loc, what + " in override " + quote(arg), ErrorKind::Override);
}

/// Split "a/b/key" into names; every name must be non-empty and made of identifier characters.
std::vector<std::string>
split_path(const std::string & arg, std::size_t end, const Location & start)
{
  std::vector<std::string> names(1);
  for (std::size_t i = 0; i < end; ++i)
  {
    const Location here = advance_over(start, std::string_view(arg).substr(0, i));
    if (arg[i] == '/')
    {
      if (names.back().empty())
        throw override_error(here, arg, "empty name before '/'; expected 'section/key=value'");
      names.emplace_back();
    }
    else if (is_ident_char(arg[i]))
      names.back() += arg[i];
    else
      throw override_error(here, arg,
                           "invalid character " + describe(arg[i]) + " in the path; expected names made of " +
                               std::string(ident_chars_description()));
  }
  if (names.back().empty())
    throw override_error(advance_over(start, std::string_view(arg).substr(0, end)), arg,
                         "missing key before '='; expected 'section/key=value'");
  return names;
}

/// The value part: bare text is taken as is (spaces included, the shell removed the quotes);
/// text fully wrapped in quotes is unwrapped.
void
parse_value(const std::string & arg, std::size_t begin, const Location & start, Field & field)
{
  const std::string_view v = std::string_view(arg).substr(begin);
  field.value_loc = advance_over(start, std::string_view(arg).substr(0, begin));
  const char q = v.empty() ? '\0' : v.front();
  if (v.starts_with("'''"))
  {
    if (v.size() < 6 || !v.ends_with("'''") || v.substr(3, v.size() - 6).find("'''") != std::string_view::npos)
      throw override_error(field.value_loc, arg, "unterminated triple-quoted value; expected it to end with \"'''\"");
    field.raw = std::string(v.substr(3, v.size() - 6));
    field.quoted = field.verbatim = true;
  }
  else if (q == '\'' || q == '"')
  {
    if (v.size() < 2 || v.back() != q || v.substr(1, v.size() - 2).find(q) != std::string_view::npos)
      throw override_error(field.value_loc, arg,
                           std::string("unterminated or misplaced quote; expected the value to "
                                       "end with its only closing ") +
                               (q == '\'' ? "\"'\"" : "'\"'"));
    field.raw = std::string(v.substr(1, v.size() - 2));
    field.quoted = true;
  }
  else
    field.raw = std::string(v);
  field.value = field.raw;
}

Override
parse_override(const std::string & arg, int index)
{
  const Location start{command_line_file, index, 1};
  const std::size_t eq = arg.find('=');
  if (eq == std::string::npos)
    throw override_error(start, arg, "missing '='; expected 'section/key=value' or 'section/key:=value'");
  const bool colon = eq > 0 && arg[eq - 1] == ':';
  const std::size_t path_end = colon ? eq - 1 : eq;
  Override out;
  out.sections = split_path(arg, path_end, start);
  out.field.key = out.sections.back();
  out.sections.pop_back();
  if (out.sections.size() > max_section_depth)
    throw override_error(start, arg,
                         "path nested too deeply (more than " + std::to_string(max_section_depth) + " sections)");
  out.field.loc = start;
  parse_value(arg, eq + 1, start, out.field);
  return out;
}

/// The section an override targets. Every block on its path must exist: a typo in a block name
/// ("Modles/...") would otherwise create a block nothing reads and change nothing.
Section &
find_target(Section & root, const std::vector<std::string> & names, const std::string & arg, const Location & loc)
{
  Section * s = &root;
  std::string path;
  for (const auto & name : names)
  {
    Section * child = s->find_child(name);
    if (!child)
    {
      std::vector<std::string> have;
      for (const auto & c : s->children)
        have.push_back(c->name);
      const auto guess = nearest(name, have);
      std::string list;
      for (const auto & h : have)
        list += (list.empty() ? "" : ", ") + quote(h);
      throw override_error(loc, arg,
                           "no block " + quote(path.empty() ? name : path + "/" + name) + " in the input file" +
                               (guess.empty() ? "" : " (did you mean " + quote(guess) + "?)") + "; " +
                               (path.empty() ? std::string("its sections are: ") : "[" + path + "] has: ") +
                               (list.empty() ? std::string("none") : list));
    }
    path += (path.empty() ? "" : "/") + name;
    s = child;
  }
  return *s;
}
} // namespace

void
apply_overrides(Section & root, const std::vector<std::string> & overrides)
{
  for (std::size_t i = 0; i < overrides.size(); ++i)
  {
    Override o = parse_override(overrides[i], static_cast<int>(i + 1));
    Section & target = find_target(root, o.sections, overrides[i], o.field.loc);
    add_field(target, std::move(o.field), /*replace=*/true);
  }
}
} // namespace neml2::hit::detail

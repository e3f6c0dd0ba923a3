// Writes a section tree back as HIT text.
#include "neml2/hit/hit.h"

#include "text.h"

namespace neml2::hit
{
namespace
{
bool
needs_quotes(const Field & field)
{
  const std::string & v = field.value;
  if (field.quoted || v.empty() || v.front() == '\'' || v.front() == '"')
    return true;
  for (char c : v)
    if (detail::is_blank(c) || c == '#')
      return true;
  return false;
}

/// The value as it must be written to read back the same: plain when possible, quoted when it
/// holds blanks or '#', triple-quoted when it holds "${" (which must not be substituted again).
std::string
render_value(const Field & field)
{
  const std::string & v = field.value;
  const bool has_triple = v.find("'''") != std::string::npos;
  const bool literal = field.verbatim || v.find("${") != std::string::npos;
  if (literal && !has_triple)
    return "'''" + v + "'''";
  if (!needs_quotes(field))
    return v;
  if (v.find('\'') == std::string::npos)
    return "'" + v + "'";
  if (v.find('"') == std::string::npos)
    return "\"" + v + "\"";
  if (!has_triple)
    return "'''" + v + "'''";
  return "'" + v + "'"; // holds ', " and ''' at once: no HIT spelling reads back the same
}

void
render_section(const Section & section, std::size_t depth, std::string & out)
{
  const std::string indent(2 * depth, ' ');
  for (const auto & field : section.fields)
    out += indent + field.key + " = " + render_value(field) + "\n";
  for (const auto & child : section.children)
  {
    out += indent + "[" + child->name + "]\n";
    render_section(*child, depth + 1, out);
    out += indent + "[]\n";
  }
}
} // namespace

std::string
render(const Section & root)
{
  std::string out;
  render_section(root, 0, out);
  return out;
}
} // namespace neml2::hit

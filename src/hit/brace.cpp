// The '${...}' substitution pass over a parsed tree.
#include "brace.h"

#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_map>

#include "neml2/hit/hit.h"
#include "parser.h"
#include "text.h"

namespace neml2::hit::detail
{
namespace
{
constexpr std::size_t max_value_size = std::size_t(1) << 20;
constexpr int max_nesting = 64;

class Expander
{
public:
  void expand_tree(Section & section);

private:
  enum class State
  {
    Active,
    Done
  };

  /// The field being expanded and its section (where variable lookups start).
  struct Context
  {
    const Field & field;
    Section & section;
  };

  void expand_field(Field & field, Section & section, int depth);
  std::string expand(std::string_view text, std::size_t base, const Context & ctx, int depth);
  std::string evaluate(std::string_view inner, std::string_view expr, const Location & loc, const Context & ctx,
                       int depth);
  std::string lookup(std::string_view name, std::string_view expr, const Location & loc, const Context & ctx,
                     int depth);

  /// The field `key` of `section` other than `self`, or nullptr.
  Field * find(Section & section, std::string_view key, const Field & self);

  std::unordered_map<const Field *, State> _state;
  /// Per section: key -> field, built on first lookup (fields do not move during expansion).
  std::unordered_map<const Section *, std::unordered_map<std::string_view, Field *>> _index;
};

/// Index of the '}' closing the "${" at `open`, or npos.
std::size_t
matching_brace(std::string_view text, std::size_t open)
{
  int depth = 0;
  for (std::size_t i = open; i < text.size(); ++i)
  {
    if (text.substr(i).starts_with("${"))
    {
      ++depth;
      ++i;
    }
    else if (text[i] == '}' && --depth == 0)
      return i;
  }
  return std::string_view::npos;
}

Location
raw_location(const Field & field, std::size_t offset)
{
  Location start = field.value_loc;
  if (start.line <= 0)
    return start;
  if (field.quoted)
    start.col += 1;
  return advance_over(start, std::string_view(field.raw).substr(0, offset));
}

void
Expander::expand_tree(Section & section)
{
  for (auto & field : section.fields)
    expand_field(field, section, 0);
  for (auto & child : section.children)
    expand_tree(*child);
}

void
Expander::expand_field(Field & field, Section & section, int depth)
{
  auto [it, fresh] = _state.try_emplace(&field, State::Active);
  if (!fresh)
    return; // Done (cycles are caught in lookup before getting here)
  if (!field.verbatim && field.raw.find("${") != std::string::npos)
    field.value = expand(field.raw, 0, {field, section}, depth);
  else
    field.value = field.raw;
  it = _state.find(&field);
  it->second = State::Done;
}

std::string
Expander::expand(std::string_view text, std::size_t base, const Context & ctx, int depth)
{
  if (depth > max_nesting)
    throw Error(raw_location(ctx.field, base),
                "brace expressions nested too deeply in the value of " + quote(ctx.field.key) + "; expected at most " +
                    std::to_string(max_nesting) + " levels",
                ErrorKind::Substitution);
  std::string out;
  std::size_t i = 0;
  while (i < text.size())
  {
    if (!text.substr(i).starts_with("${"))
    {
      out += text[i++];
      continue;
    }
    const Location loc = raw_location(ctx.field, base + i);
    const std::size_t close = matching_brace(text, i);
    if (close == std::string_view::npos)
      throw Error(loc, "unterminated brace expression " + quote(text.substr(i)) + "; expected a closing '}'",
                  ErrorKind::Substitution);
    const auto expr = text.substr(i, close + 1 - i);
    const std::string inner = expand(text.substr(i + 2, close - i - 2), base + i + 2, ctx, depth + 1);
    out += evaluate(inner, expr, loc, ctx, depth);
    if (out.size() > max_value_size)
      throw Error(ctx.field.value_loc,
                  "the value of " + quote(ctx.field.key) + " grows past " + std::to_string(max_value_size) +
                      " bytes after substitution; expected a smaller value",
                  ErrorKind::Substitution);
    i = close + 1;
  }
  return out;
}

std::string
Expander::evaluate(std::string_view inner, std::string_view expr, const Location & loc, const Context & ctx, int depth)
{
  const auto words = split_words(inner);
  if (words.empty())
    throw Error(loc,
                "empty brace expression " + quote(expr) + "; expected a variable name or a command (env, raw, replace)",
                ErrorKind::Substitution);
  if (words.size() == 1)
    return lookup(words[0].text, expr, loc, ctx, depth);
  const std::string_view command = words[0].text;
  if (command == "raw")
  {
    std::string out;
    for (std::size_t i = 1; i < words.size(); ++i)
      out += words[i].text;
    return out;
  }
  if (command == "env" || command == "replace")
  {
    if (words.size() != 2)
      throw Error(loc,
                  "command '" + std::string(command) + "' in " + quote(expr) + " takes one " +
                      (command == "env" ? "environment variable" : "variable") + " name, found " +
                      std::to_string(words.size() - 1),
                  ErrorKind::Substitution);
    if (command == "replace")
      return lookup(words[1].text, expr, loc, ctx, depth);
    const std::string var(words[1].text);
    const char * value = std::getenv(var.c_str());
    if (!value)
      throw Error(
          loc, "environment variable " + quote(var) + " in " + quote(expr) + " is not set; expected it to be defined",
          ErrorKind::Substitution);
    return value;
  }
  std::string message =
      "unknown command " + quote(command) + " in " + quote(expr) + "; expected 'env', 'raw' or 'replace'";
  const std::string guess = nearest(command, {"env", "raw", "replace"});
  if (!guess.empty())
    message += " (did you mean '" + guess + "'?)";
  throw Error(loc, message, ErrorKind::Substitution);
}

Field *
Expander::find(Section & section, std::string_view key, const Field & self)
{
  auto [it, fresh] = _index.try_emplace(&section);
  if (fresh)
    for (auto & f : section.fields)
      it->second.emplace(f.key, &f);
  const auto found = it->second.find(key);
  return found == it->second.end() || found->second == &self ? nullptr : found->second;
}

std::string
Expander::lookup(std::string_view name, std::string_view expr, const Location & loc, const Context & ctx, int depth)
{
  for (Section * s = &ctx.section; s; s = s->parent)
  {
    Field * f = find(*s, name, ctx.field);
    if (!f)
      continue;
    auto state = _state.find(f);
    if (state != _state.end() && state->second == State::Active)
      throw Error(loc,
                  "circular reference: " + quote(expr) + " in the value of " + quote(ctx.field.key) + " refers to " +
                      quote(f->key) + " (defined at " + f->loc.str() +
                      "), whose value depends on it; expected a definition that "
                      "does not refer back to itself",
                  ErrorKind::Substitution);
    if (depth >= max_nesting)
      throw Error(loc,
                  "variable references nested too deeply at " + quote(expr) + "; expected at most " +
                      std::to_string(max_nesting) + " levels",
                  ErrorKind::Substitution);
    expand_field(*f, *s, depth + 1);
    return f->value;
  }
  if (name == ctx.field.key)
    throw Error(loc,
                "circular reference: " + quote(expr) + " in the value of " + quote(ctx.field.key) +
                    " refers to that field itself, and no enclosing section defines " + quote(name) +
                    "; expected a value, or a field of that name in an enclosing section",
                ErrorKind::Substitution);
  std::vector<std::string> visible;
  for (const Section * s = &ctx.section; s; s = s->parent)
    for (const auto & f : s->fields)
      if (&f != &ctx.field)
        visible.push_back(f.key);
  std::string message = "unknown variable " + quote(name) + " in " + quote(expr) + "; expected a field " + quote(name) +
                        " " + describe_section(ctx.section) + (ctx.section.parent ? " or an enclosing section" : "");
  const std::string guess = nearest(name, visible);
  if (!guess.empty())
    message += " (did you mean '" + guess + "'?)";
  throw Error(loc, message, ErrorKind::Substitution);
}
} // namespace

void
expand_braces(Section & root)
{
  Expander().expand_tree(root);
}
} // namespace neml2::hit::detail

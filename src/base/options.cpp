// Option schemas and validated option values.
#include "neml2/base/options.h"

#include <algorithm>

#include <fmt/format.h>

#include "neml2/hit/convert.h"
#include "neml2/hit/error.h"
#include "neml2/hit/hit.h"

namespace neml2
{
std::string_view
option_kind_name(OptionKind k)
{
  switch (k)
  {
    case OptionKind::Bool:
      return "bool";
    case OptionKind::Int:
      return "integer";
    case OptionKind::Real:
      return "real";
    case OptionKind::String:
      return "string";
    case OptionKind::Strings:
      return "list of strings";
    case OptionKind::Reals:
      return "list of reals";
    case OptionKind::RealRows:
      return "rows of reals";
    case OptionKind::Enum:
      return "choice";
    case OptionKind::Enums:
      return "list of choices";
  }
  return "?";
}

OptionSpec &
OptionSchema::add(OptionSpec spec)
{
  for (auto & s : _specs)
    if (s.name == spec.name)
      return s = std::move(spec);
  _specs.push_back(std::move(spec));
  return _specs.back();
}

OptionSchema &
OptionSchema::required(std::string name, OptionKind kind, std::string doc)
{
  add({std::move(name), kind, std::move(doc), true, std::nullopt, {}});
  return *this;
}

OptionSchema &
OptionSchema::optional(std::string name, OptionKind kind, std::string default_text, std::string doc)
{
  add({std::move(name), kind, std::move(doc), false, std::move(default_text), {}});
  return *this;
}

OptionSchema &
OptionSchema::choice(std::string name, std::vector<std::string> choices, std::string default_text, std::string doc)
{
  add({std::move(name), OptionKind::Enum, std::move(doc), default_text.empty(),
       default_text.empty() ? std::nullopt : std::optional<std::string>(default_text), std::move(choices)});
  return *this;
}

OptionSchema &
OptionSchema::choices(std::string name, std::vector<std::string> choices, std::string default_text, std::string doc)
{
  add({std::move(name), OptionKind::Enums, std::move(doc), false, std::move(default_text), std::move(choices)});
  return *this;
}

OptionSchema &
OptionSchema::merge(const OptionSchema & other)
{
  for (const auto & s : other._specs)
    add(s);
  return *this;
}

OptionSchema &
OptionSchema::doc(std::string text)
{
  _doc = std::move(text);
  return *this;
}

const OptionSpec *
OptionSchema::find(std::string_view name) const
{
  for (const auto & s : _specs)
    if (s.name == name)
      return &s;
  return nullptr;
}

namespace
{
std::vector<std::string>
names_of(const OptionSchema & schema)
{
  std::vector<std::string> n;
  for (const auto & s : schema.specs())
    n.push_back(s.name);
  return n;
}

std::string
suggestion(const std::string & word, const std::vector<std::string> & candidates)
{
  auto near = hit::nearest(word, candidates);
  return near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near);
}
} // namespace

Options::Options(const hit::Section & section, const std::string & type, const OptionSchema & schema)
  : _name(section.name),
    _type(type),
    _path(section.path),
    _loc(section.loc)
{
  for (const auto & f : section.fields)
  {
    if (f.key == "type")
      continue;
    const auto * spec = schema.find(f.key);
    if (!spec)
      throw InputError(fmt::format("{}: unknown option '{}' for [{}] of type {}{}; valid options: {}", f.loc.str(),
                                   f.key, _path, type, suggestion(f.key, names_of(schema)),
                                   fmt::join(names_of(schema), ", ")));
    _values[f.key] = Value{f, true};
  }
  for (const auto & spec : schema.specs())
  {
    _kinds[spec.name] = spec.kind;
    if (!_values.count(spec.name))
    {
      if (spec.required)
        throw InputError(fmt::format("{}: [{}] of type {} is missing the required option '{}' ({}); add "
                                     "'{} = ...' to the block",
                                     _loc.str(), _path, type, spec.name, spec.doc, spec.name));
      hit::Field f;
      f.key = spec.name;
      f.value = f.raw = spec.default_text.value_or("");
      f.loc = f.value_loc = _loc;
      _values[spec.name] = Value{f, false};
    }
    check_value(spec, _values[spec.name]);
  }
}

Options::Options(const std::string & name, const std::string & type, const OptionSchema & schema,
                 const std::map<std::string, std::string> & values)
  : _name(name),
    _type(type),
    _path(name)
{
  _loc.file = "<" + name + ">";
  for (const auto & [k, v] : values)
  {
    const auto * spec = schema.find(k);
    if (!spec)
      throw InputError(
          fmt::format("unknown option '{}' for '{}' of type {}{}", k, name, type, suggestion(k, names_of(schema))));
    hit::Field f;
    f.key = k;
    f.value = f.raw = v;
    f.loc = f.value_loc = _loc;
    _values[k] = Value{f, true};
  }
  for (const auto & spec : schema.specs())
  {
    _kinds[spec.name] = spec.kind;
    if (!_values.count(spec.name))
    {
      if (spec.required)
        throw InputError(fmt::format("'{}' of type {} is missing the required option '{}'", name, type, spec.name));
      hit::Field f;
      f.key = spec.name;
      f.value = f.raw = spec.default_text.value_or("");
      f.loc = f.value_loc = _loc;
      _values[spec.name] = Value{f, false};
    }
    check_value(spec, _values[spec.name]);
  }
}

void
Options::check_value(const OptionSpec & spec, const Value & v) const
{
  try
  {
    switch (spec.kind)
    {
      case OptionKind::Bool:
        (void)hit::to_bool(v.field);
        break;
      case OptionKind::Int:
        (void)hit::to_int(v.field);
        break;
      case OptionKind::Real:
        (void)hit::to_double(v.field);
        break;
      case OptionKind::String:
        if (v.field.words().size() > 1 && !v.field.quoted)
          throw error(spec.name, "expected a single word");
        break;
      case OptionKind::Strings:
        break;
      case OptionKind::Reals:
        (void)hit::to_doubles(v.field);
        break;
      case OptionKind::RealRows:
        (void)hit::to_double_rows(v.field);
        break;
      case OptionKind::Enum:
      case OptionKind::Enums:
      {
        auto words = v.field.words();
        if (spec.kind == OptionKind::Enum && words.size() != 1)
          throw error(spec.name,
                      fmt::format("expected one of {}, got '{}'", fmt::join(spec.choices, ", "), v.field.value));
        for (const auto & w : words)
          if (std::find(spec.choices.begin(), spec.choices.end(), w) == spec.choices.end())
            throw error(spec.name, fmt::format("'{}' is not a valid choice{}; expected one of {}", w,
                                               suggestion(w, spec.choices), fmt::join(spec.choices, ", ")));
        break;
      }
    }
  }
  catch (const hit::Error & e)
  {
    throw InputError(fmt::format("{}: option '{}' of [{}]: {}", e.location().str(), spec.name, _path, e.message()));
  }
}

const Options::Value &
Options::value(const std::string & name) const
{
  auto it = _values.find(name);
  NEML2_ASSERT(it != _values.end(), "option '{}' of {} was never declared", name, _type);
  return it->second;
}

bool
Options::has(const std::string & name) const
{
  auto it = _values.find(name);
  return it != _values.end() && it->second.from_input;
}

bool
Options::get_bool(const std::string & name) const
{
  return hit::to_bool(value(name).field);
}
long
Options::get_int(const std::string & name) const
{
  return hit::to_int(value(name).field);
}
double
Options::get_real(const std::string & name) const
{
  return hit::to_double(value(name).field);
}
std::string
Options::get_string(const std::string & name) const
{
  return value(name).field.value;
}
std::vector<std::string>
Options::get_strings(const std::string & name) const
{
  return value(name).field.words();
}
std::vector<double>
Options::get_reals(const std::string & name) const
{
  return hit::to_doubles(value(name).field);
}
std::vector<std::vector<double>>
Options::get_real_rows(const std::string & name) const
{
  return hit::to_double_rows(value(name).field);
}

hit::Location
Options::location_of(const std::string & name) const
{
  return value(name).field.value_loc;
}

InputError
Options::error(const std::string & name, const std::string & msg) const
{
  return InputError(fmt::format("{}: option '{}' of [{}]: {}", location_of(name).str(), name, _path, msg));
}

InputError
Options::error(const std::string & msg) const
{
  return InputError(fmt::format("{}: [{}] of type {}: {}", _loc.str(), _path, _type, msg));
}
} // namespace neml2

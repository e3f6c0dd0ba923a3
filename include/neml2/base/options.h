// Declared options of a registered type and their values read from an input-file section.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "neml2/base/error.h"
#include "neml2/hit/node.h"

namespace neml2
{
/// The value types an option can have.
enum class OptionKind
{
  Bool,
  Int,
  Real,
  String,
  Strings,
  Reals,
  RealRows,
  Enum, ///< one word out of `choices`
  Enums ///< a list of words out of `choices`
};
std::string_view option_kind_name(OptionKind k);

/// One declared option: its type, default (as input-file text), whether required, and a doc line.
struct OptionSpec
{
  std::string name;
  OptionKind kind = OptionKind::String;
  std::string doc;
  bool required = false;
  std::optional<std::string> default_text;
  std::vector<std::string> choices;
};

/// The options a registered type accepts (what `neml2-syntax` prints).
class OptionSchema
{
public:
  OptionSchema & required(std::string name, OptionKind kind, std::string doc);
  OptionSchema & optional(std::string name, OptionKind kind, std::string default_text, std::string doc);
  OptionSchema & choice(std::string name, std::vector<std::string> choices, std::string default_text, std::string doc);
  OptionSchema & choices(std::string name, std::vector<std::string> choices, std::string default_text, std::string doc);
  /// Adds (or replaces) the declarations of `other`.
  OptionSchema & merge(const OptionSchema & other);
  /// A one-paragraph description of the type.
  OptionSchema & doc(std::string text);

  const std::vector<OptionSpec> & specs() const { return _specs; }
  const OptionSpec * find(std::string_view name) const;
  const std::string & doc() const { return _doc; }

private:
  OptionSpec & add(OptionSpec spec);
  std::vector<OptionSpec> _specs;
  std::string _doc;
};

/**
 * The options of one object, validated against its schema: unknown names (with a "did you
 * mean" suggestion), missing required options and values of the wrong type are reported with
 * the input file's location. Getters return typed values (defaults applied).
 */
class Options
{
public:
  Options() = default;
  /// Validates `section` (whose `type` field has already been read) against `schema`.
  Options(const hit::Section & section, const std::string & type, const OptionSchema & schema);
  /// Options of an object created programmatically (no input file); values as text.
  Options(const std::string & name, const std::string & type, const OptionSchema & schema,
          const std::map<std::string, std::string> & values);

  const std::string & name() const { return _name; }
  const std::string & type() const { return _type; }
  /// "Models/elasticity" (or the name when not from a file).
  const std::string & path() const { return _path; }
  /// Location of the section header (for errors about the object as a whole).
  const hit::Location & location() const { return _loc; }

  bool has(const std::string & name) const; ///< set in the input (not only defaulted)
  bool get_bool(const std::string & name) const;
  long get_int(const std::string & name) const;
  double get_real(const std::string & name) const;
  std::string get_string(const std::string & name) const;
  std::vector<std::string> get_strings(const std::string & name) const;
  std::vector<double> get_reals(const std::string & name) const;
  std::vector<std::vector<double>> get_real_rows(const std::string & name) const;

  /// Location of an option's value (the section header for defaults).
  hit::Location location_of(const std::string & name) const;
  /// An InputError located at the option's value: "file:line:col: option 'x' of [path]: msg".
  InputError error(const std::string & name, const std::string & msg) const;
  /// An InputError located at the section header.
  InputError error(const std::string & msg) const;

private:
  struct Value
  {
    hit::Field field; // a synthetic field for defaults
    bool from_input = false;
  };
  const Value & value(const std::string & name) const;
  void check_value(const OptionSpec & spec, const Value & v) const;

  std::string _name, _type, _path;
  hit::Location _loc;
  std::map<std::string, Value> _values;
  std::map<std::string, OptionKind> _kinds;
};
} // namespace neml2

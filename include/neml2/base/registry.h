// The registry of object types that input files can name with `type = ...`.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "neml2/base/options.h"

namespace neml2
{
class Factory;

/// Every object built from an input file (models, tensors, drivers, ...).
class Object
{
public:
  explicit Object(const Options & options)
    : _options(options)
  {
  }
  virtual ~Object() = default;
  const std::string & name() const { return _options.name(); }
  const std::string & type() const { return _options.type(); }
  const Options & options() const { return _options; }
  /// Called by the factory once the object is constructed, for what needs the finished object
  /// (a model applies the sub-batches [Settings] declares to its variables).
  virtual void built(Factory &) {}

private:
  Options _options;
};

/// The top-level input-file section each kind of object lives in.
enum class ObjectKind
{
  Tensor,
  Data, ///< [Data]: shared objects models refer to by name (crystal geometry)
  Model,
  EquationSystem,
  Solver,
  Predictor,
  Driver
};
std::string_view section_name(ObjectKind kind);

struct RegistryEntry
{
  std::string type;
  ObjectKind kind;
  std::function<OptionSchema()> schema;
  std::function<std::shared_ptr<Object>(const Options &, Factory &)> create;
};

/// All registered types, filled by NEML2_REGISTER at static-initialisation time.
class Registry
{
public:
  static bool add(RegistryEntry entry);
  static const RegistryEntry * find(ObjectKind kind, const std::string & type);
  /// Entries of one kind, sorted by type name.
  static std::vector<const RegistryEntry *> entries(ObjectKind kind);
  static std::vector<const RegistryEntry *> all();

private:
  static std::map<std::pair<ObjectKind, std::string>, RegistryEntry> & table();
};

#define NEML2_CONCAT_IMPL(a, b) a##b
#define NEML2_CONCAT(a, b) NEML2_CONCAT_IMPL(a, b)
/// Registers `Class` (which has `static OptionSchema expected_options()` and a constructor
/// `Class(const Options &, Factory &)`) under its own name.
#define NEML2_REGISTER(KIND, Class)                                                               \
  static const bool NEML2_CONCAT(neml2_registered_, Class) = ::neml2::Registry::add(              \
      {#Class, ::neml2::ObjectKind::KIND, &Class::expected_options,                               \
       [](const ::neml2::Options & o, ::neml2::Factory & f) -> std::shared_ptr<::neml2::Object> { \
         return std::make_shared<Class>(o, f);                                                    \
       }})
} // namespace neml2

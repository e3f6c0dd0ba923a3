// Builds the objects an input file declares, by name, on demand.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "neml2/base/registry.h"
#include "neml2/hit/node.h"
#include "neml2/tensors/tensor.h"

namespace neml2
{
class Model;
class TensorObject;

/**
 * Owns a parsed input file and creates its objects lazily by (section, name), each once.
 * Unknown names, unknown types and dependency cycles are reported with file:line:col.
 */
class Factory
{
public:
  explicit Factory(std::shared_ptr<const hit::Section> root);
  /// Parses `file` (with command-line style overrides).
  static std::shared_ptr<Factory> from_file(const std::string & file, const std::vector<std::string> & overrides = {});

  const hit::Section & root() const { return *_root; }
  std::shared_ptr<const hit::Section> root_ptr() const { return _root; }

  std::shared_ptr<Object> get(ObjectKind kind, const std::string & name);
  template <typename T>
  std::shared_ptr<T> get_as(ObjectKind kind, const std::string & name)
  {
    auto obj = get(kind, name);
    auto t = std::dynamic_pointer_cast<T>(obj);
    if (!t)
      throw InputError(fmt::format("[{}/{}] of type {} cannot be used here", section_name(kind), name, obj->type()));
    return t;
  }
  /// The model `name` (a template so that this layer needs no model definitions: it is
  /// instantiated where Model is complete).
  template <typename M = Model>
  std::shared_ptr<M> get_model(const std::string & name)
  {
    return get_as<M>(ObjectKind::Model, name);
  }
  /// Whether [Tensors] declares `name`.
  bool has_tensor(const std::string & name) const;
  /// Whether [Models] declares `name`.
  bool has_model(const std::string & name) const;
  /// Throws InputError for a tensor with sub-batch (intermediate) axes, which only tables take.
  std::shared_ptr<TensorObject> get_tensor(const std::string & name);
  /// A [Tensors] object used as a table (interpolation abscissae and ordinates): sub-batch axes
  /// allowed.
  std::shared_ptr<TensorObject> get_table(const std::string & name);
  /// Names declared in a section, in input order.
  std::vector<std::string> names(ObjectKind kind) const;

private:
  std::shared_ptr<const hit::Section> _root;
  std::map<std::pair<ObjectKind, std::string>, std::shared_ptr<Object>> _built;
  std::vector<std::string> _building; // "Models/a" currently under construction (cycle check)
};
} // namespace neml2

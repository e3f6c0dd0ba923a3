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

/// A sub-batch declared in [Settings] example_batch_shape: '(2; 12)' gives `variable` (and its
/// history variable~j) 12 values per point; the dynamic part before ';' is a tracing hint NEML2's
/// exporter reads and is not used here. An empty `variable` is the single-field form, which
/// applies to every input whose sub-batch nothing else fixes.
struct DeclaredSubBatch
{
  std::string variable;
  Shape sub_batch;
  hit::Location where;
  std::string text;
};

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
  /// Throws InputError for a tensor with sub-batch (intermediate) axes, which only tables and
  /// drivers' values take.
  std::shared_ptr<TensorObject> get_tensor(const std::string & name);
  /// A [Tensors] object whose sub-batch axes are allowed: an interpolation table's abscissae and
  /// ordinates, a driver's initial conditions and prescribed values.
  std::shared_ptr<TensorObject> get_table(const std::string & name);
  /// Names declared in a section, in input order.
  std::vector<std::string> names(ObjectKind kind) const;
  /// The sub-batches [Settings] example_batch_shape declares (only those with a ';').
  const std::vector<DeclaredSubBatch> & declared_sub_batches() const { return _declared_sub_batches; }

private:
  std::shared_ptr<const hit::Section> _root;
  std::vector<DeclaredSubBatch> _declared_sub_batches;
  std::map<std::pair<ObjectKind, std::string>, std::shared_ptr<Object>> _built;
  std::vector<std::string> _building; // "Models/a" currently under construction (cycle check)
};
} // namespace neml2

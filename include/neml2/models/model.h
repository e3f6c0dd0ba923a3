// The base of every material model: declared variables and parameters, staged math, and
// eager evaluation (value, jvp, jacobian) over batches.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "neml2/base/factory.h"
#include "neml2/base/registry.h"
#include "neml2/graph/graph.h"
#include "neml2/models/staging.h"
#include "neml2/tensors/tensor.h"
#include "neml2/tensors/value_map.h"

namespace neml2
{
struct VariableSpec
{
  std::string name;
  TypeKind type;
};

/// A parameter: a tensor value (uniform or batched), or coupled to an input variable.
struct ParameterSpec
{
  std::string name;
  TypeKind type;
  Tensor value;         ///< when not coupled; shared storage, so in-place edits are seen
  std::string variable; ///< non-empty when the parameter is the input variable of that name
};

/// A typed handle to one of a model's parameters: declared once in the constructor
/// (declare_parameter<T>) and read in define() with param(s, handle), so that a parameter's name
/// and type are written in one place.
template <typename T>
class Param
{
public:
  Param() = default;
  const std::string & name() const { return _name; }

private:
  friend class Model;
  explicit Param(std::string name)
    : _name(std::move(name))
  {
  }
  std::string _name;
};

class Model : public Object
{
public:
  Model(const Options & options);
  /// Options every model accepts.
  static OptionSchema expected_options();

  const std::vector<VariableSpec> & input_spec() const { return _inputs; }
  const std::vector<VariableSpec> & output_spec() const { return _outputs; }
  const VariableSpec * find_input(const std::string & name) const;
  const VariableSpec * find_output(const std::string & name) const;

  /// This model's own parameters (unqualified).
  const std::vector<ParameterSpec> & own_parameters() const { return _params; }
  /// Every parameter reachable from this model with its qualified name ("sub.E" inside a
  /// composition); coupled parameters are left out (they are input variables).
  virtual std::vector<std::pair<std::string, ParameterSpec *>> named_parameters();
  /// The qualified name of a parameter given its qualified or bare name (unique suffix);
  /// throws ValueError listing the parameters when there is no unique match.
  std::string resolve_parameter(const std::string & name);
  /// Replaces a parameter's value (base shape checked; any batch shape).
  void set_parameter(const std::string & name, const Tensor & value);
  /// The parameter's tensor; editing it in place changes the next evaluation.
  Tensor & parameter(const std::string & name);

  /// Records this model's math into `s` (never computes).
  virtual void define(Staging & s) const = 0;
  /// One-line kind shown by tools ("composed" for compositions).
  virtual bool is_composed() const { return false; }

  /// The forward graph: arguments are the input variables, then every named parameter.
  graph::Graph forward_graph(Dtype dtype = Dtype::Float64) const;

  /// Evaluates the outputs. Inputs must all be given, with the declared base shapes, one
  /// dtype, and broadcastable batch shapes.
  virtual ValueMap value(const ValueMap & inputs);
  /// Outputs and J·v for every output; a missing tangent counts as zero.
  virtual std::pair<ValueMap, ValueMap> jvp(const ValueMap & inputs, const ValueMap & tangents);
  /// Outputs and every block d(output)/d(input).
  virtual std::pair<ValueMap, DerivativeMap> jacobian(const ValueMap & inputs);

protected:
  void declare_input(const std::string & name, TypeKind type);
  void declare_output(const std::string & name, TypeKind type);
  /// Declares parameter `name` from input text: numbers (as many as the type's components), the
  /// name of a [Tensors] object, or the name of a variable (then it becomes an input).
  /// `option` names the option the text came from, for errors.
  void declare_parameter(const std::string & name, TypeKind type, const std::string & text, const std::string & option,
                         Factory & factory);
  /// The same, returning the handle define() reads it with; T is the symbolic type (sym::Scalar, …).
  template <typename T>
  Param<T> declare_parameter(const std::string & name, const std::string & text, const std::string & option,
                             Factory & factory)
  {
    declare_parameter(name, T::kind, text, option, factory);
    return Param<T>(name);
  }
  /// Declares a parameter with a known value.
  void declare_parameter(const std::string & name, const Tensor & value, TypeKind type);

  /// Reads a parameter inside define(): its symbolic value, or the coupled variable.
  template <typename T>
  T param(const Staging & s, const Param<T> & handle) const
  {
    const auto & p = own_parameter(handle.name());
    return p.variable.empty() ? s.parameter<T>(handle.name()) : s.input<T>(p.variable);
  }
  const ParameterSpec & own_parameter(const std::string & name) const;

private:
  /// Arguments for the graph in order, checked against the specs; sets the dtype.
  std::vector<Tensor> bind_arguments(const graph::Graph & g, const ValueMap & inputs, const ValueMap * tangents);
  Dtype input_dtype(const ValueMap & inputs) const;
  void check_inputs(const ValueMap & inputs, const char * what) const;

  std::vector<VariableSpec> _inputs, _outputs;
  std::vector<ParameterSpec> _params;

  struct GraphCache
  {
    std::unique_ptr<graph::Graph> forward, jvp, jacobian;
  };
  std::mutex _cache_mutex;
  std::map<Dtype, GraphCache> _cache;
  const graph::Graph & cached(Dtype dtype, int which);
};

/// Runs a graph over batched arguments (one per graph argument, in order, any broadcastable
/// batch shapes); returns one tensor per graph output with the broadcast batch shape.
std::vector<Tensor> run_graph(const graph::Graph & g, const std::vector<Tensor> & args);

/// Loads model `name` from an input file (eager models and compiled stubs alike).
std::shared_ptr<Model> load_model(const std::string & file, const std::string & name,
                                  const std::vector<std::string> & overrides = {});
} // namespace neml2

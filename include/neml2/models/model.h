// The base of every material model: declared variables and parameters and staged math (the
// definition); value, jvp and jacobian are run by the model's evaluator.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "neml2/base/factory.h"
#include "neml2/base/registry.h"
#include "neml2/graph/graph.h"
#include "neml2/models/admissible.h"
#include "neml2/models/eager_evaluator.h" // the default evaluator; run_graph for existing callers
#include "neml2/models/staging.h"
#include "neml2/tensors/tensor.h"
#include "neml2/tensors/value_map.h"

namespace neml2
{
struct VariableSpec
{
  std::string name;
  TypeKind type;
  /// The static sub-batch of every point: {12} for one value per slip system; empty for none.
  Shape sub_batch = {};
  /// True while the sub-batch is not known: element-wise and reducing models (a slip rule, a sum
  /// over slip systems) take it from the model that provides the variable when they are composed.
  bool sub_batch_pending = false;
  /// When not empty, the input whose sub-batch this variable has (element-wise models' outputs).
  std::string follows = {};
  /// True when `sub_batch` starts with the model's mapped sub-batch (see Model::mapped_sub_batch):
  /// the model reads one slice of it per copy. An input of a mapped model that is not is shared
  /// by every copy (a global time, say).
  bool mapped = false;

  /// The shape of one point's value: the sub-batch, then the type's base shape.
  Shape shape() const;
};

/// A parameter: a tensor value (uniform or batched), or coupled to an input variable.
struct ParameterSpec
{
  std::string name;
  TypeKind type;
  Tensor value;                         ///< when not coupled; shared storage, so in-place edits are seen
  std::string variable;                 ///< non-empty when the parameter is the input variable of that name
  std::string provider;                 ///< the [Models] block whose output `variable` is, when one was named
  std::optional<Admissible> admissible; ///< the values it admits, when the model declared them
  /// One value per entry of this sub-batch (a finite-volume model's cell spacings), folded into the
  /// value's base shape; empty for one value per point. List parameters (see
  /// Model::declare_list_parameter) read it as a list; any other parameter with one is `mapped`.
  Shape sub_batch = {};
  /// True when the model reads one value of it and runs once per entry of its sub-batch (a
  /// per-cell [Tensors] object given to a model that reads one value, see Model::mapped_sub_batch).
  bool mapped = false;

  /// The shape of one point's value: the sub-batch, then the type's base shape.
  Shape shape() const;
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
  // The evaluator refers back to this model, so a model never moves.
  Model(const Model &) = delete;
  Model & operator=(const Model &) = delete;
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
  std::vector<std::pair<std::string, ParameterSpec *>> named_parameters();
  /// The same, coupled parameters included. Models that hold others (compositions, wrappers)
  /// override this to list their members' parameters under qualified names.
  virtual std::vector<std::pair<std::string, ParameterSpec *>> all_parameters();
  /// The qualified name of a parameter given its qualified or bare name (unique suffix);
  /// throws ValueError listing the parameters when there is no unique match.
  std::string resolve_parameter(const std::string & name);
  /// Replaces a parameter's value (base shape checked; any batch shape).
  void set_parameter(const std::string & name, const Tensor & value);
  /// The parameter's tensor; editing it in place changes the next evaluation.
  Tensor & parameter(const std::string & name);
  /// The models whose outputs feed this model's parameters (a parameter option that names a
  /// [Models] block), including those of wrapped models whose outputs are still inputs here.
  /// A ComposedModel adds them to its sub-models, as NEML2 does.
  const std::vector<std::shared_ptr<Model>> & parameter_providers() const { return _providers; }

  /// Sets the sub-batch of variable `name` (an input or an output) and of every variable in its
  /// group: those that follow the same input (an element-wise model's operands and result). A
  /// composition calls this with the shape another model gives the variable. A known sub-batch
  /// may grow by leading axes: an element-wise group takes them whole; any other model is mapped
  /// over them (see mapped_sub_batch), so that a single-crystal model runs once per grain of a
  /// Taylor polycrystal. Throws ValueError for any other change.
  virtual void resolve_sub_batch(const std::string & name, const Shape & sub_batch);
  /// The leading sub-batch this model is mapped over: staged once per entry of it, each copy
  /// reading its slice of the mapped inputs and sharing the others; its outputs have it in front
  /// of their own sub-batch. Empty for a model not mapped.
  const Shape & mapped_sub_batch() const { return _mapped; }
  /// Applies the sub-batches [Settings] example_batch_shape declares (see DeclaredSubBatch).
  void built(Factory & factory) override;

  /// Records this model's math into `s` (never computes).
  virtual void define(Staging & s) const = 0;
  /// define() with the nodes it adds marked as coming from this model and its input-file block
  /// ("Models/<name> (file:line)"), which generated kernels print as comments. Compositions
  /// stage their sub-models through this.
  void stage(Staging & s) const;
  /// "Models/<name> (file:line)", or "Models/<name>" for a model not read from a file.
  std::string origin() const;
  /// One-line kind shown by tools ("composed" for compositions).
  virtual bool is_composed() const { return false; }

  /// The forward graph: arguments are the input variables, then every named parameter. With
  /// `one_element`, every variable is one element of its sub-batch (an element-wise model applied
  /// to a single slip system, as a CoordinateDescentPredictor does coordinate by coordinate).
  graph::Graph forward_graph(Dtype dtype = Dtype::Float64, bool one_element = false) const;

  /// How this model is run: eager (the interpreter) unless a subclass installs another.
  Evaluator & evaluator() { return *_evaluator; }
  /// evaluator().value / jvp / jacobian (see Evaluator). Virtual only so that a wrapper model (a
  /// test's corrupted model, say) can alter results; evaluation strategies are evaluators.
  ///
  /// A parameter coupled to an input variable takes its values at run time: where one is outside
  /// the parameter's admissible range these throw ValueError naming the point, the parameter and
  /// the range, or, inside a FailureCapture, report the point as failed for that reason (NaN in
  /// its outputs). (A parameter coupled to an intermediate variable is not checked.)
  virtual ValueMap value(const ValueMap & inputs);
  virtual std::pair<ValueMap, ValueMap> jvp(const ValueMap & inputs, const ValueMap & tangents);
  virtual std::pair<ValueMap, DerivativeMap> jacobian(const ValueMap & inputs);
  /// Outputs and every block d(output)/d(parameter) for the named parameters (qualified or
  /// unique bare names, see resolve_parameter); blocks are keyed by the names as given. With
  /// `with_inputs`, also every block d(output)/d(input), from the same evaluation.
  std::pair<ValueMap, DerivativeMap>
  parameter_jacobian(const ValueMap & inputs, const std::vector<std::string> & parameters, bool with_inputs = false);

protected:
  void declare_input(const std::string & name, TypeKind type, const Shape & sub_batch = {});
  void declare_output(const std::string & name, TypeKind type, const Shape & sub_batch = {});
  /// An input with a sub-batch to be taken from the model that provides it (see
  /// resolve_sub_batch). Inputs given a `group` (the name of an input declared before) have the
  /// sub-batch of that input: resolving one resolves them all.
  void declare_input_pending(const std::string & name, TypeKind type, const std::string & group = {});
  /// declare_input or declare_input_pending, as `v` is (wrappers and compositions).
  void declare_input_like(const VariableSpec & v);
  /// Each pending variable of this model (every variable, with `all`) takes the sub-batch of the
  /// first of `models` that has a variable of that name with a known one (wrappers and
  /// compositions after a resolution).
  void adopt_sub_batches(const std::vector<const Model *> & models, bool all = false);
  /// Sets the sub-batch of an input or output as given, known from now on (models that compute
  /// the sub-batches of their outputs themselves, such as reductions).
  void set_sub_batch(const std::string & name, const Shape & sub_batch);
  /// Sets an output's sub-batch (a composition copies its producer's).
  void set_output_sub_batch(const std::string & name, const Shape & sub_batch, bool pending);
  /// An output with the sub-batch of input `input` (element-wise models), checked like
  /// declare_output_distinct.
  void declare_output_following(const std::string & name, TypeKind type, const std::string & input,
                                const std::string & option);
  /// declare_output, first checking that `name` is not one of the inputs declared so far (the
  /// error points at `option`, the option that named the output).
  void declare_output_distinct(const std::string & name, TypeKind type, const std::string & option,
                               const Shape & sub_batch = {});
  /// Declares parameter `name` from input text: numbers (as many as the type's components), the
  /// name of a [Tensors] object, the name of a [Models] block with one output of the parameter's
  /// type (its output becomes an input here, see parameter_providers), or the name of a variable
  /// (then it becomes an input). `option` names the option the text came from, for errors.
  void declare_parameter(const std::string & name, TypeKind type, const std::string & text, const std::string & option,
                         Factory & factory, bool list = false);
  /// The same, returning the handle define() reads it with; T is the symbolic type (sym::Scalar, …).
  template <typename T>
  Param<T> declare_parameter(const std::string & name, const std::string & text, const std::string & option,
                             Factory & factory)
  {
    declare_parameter(name, T::kind, text, option, factory);
    return Param<T>(name);
  }
  /// Declares a list parameter: one value per entry of a sub-batch axis (cell spacings per edge, say),
  /// read in define() with param_list. The text is a number (one value for every entry), the name of
  /// a [Tensors] object with sub-batch dimensions (NEML2's sub_batch_ndim / intermediate_dimension),
  /// or a variable or [Models] name (an input whose sub-batch comes from its provider).
  template <typename T>
  Param<T> declare_list_parameter(const std::string & name, const std::string & text, const std::string & option,
                                  Factory & factory)
  {
    declare_parameter(name, T::kind, text, option, factory, true);
    return Param<T>(name);
  }
  /// Declares a parameter with a known value.
  void declare_parameter(const std::string & name, const Tensor & value, TypeKind type, const Shape & sub_batch = {});
  /// Declares the values parameter `name` (already declared) admits. A constant outside them is an
  /// error at `option` now; set_parameter refuses such values later. (A parameter coupled to a
  /// variable takes its values at run time and is not checked here.)
  void admit(const std::string & name, Admissible range, const std::string & option);

  /// Reads a parameter inside define(): its symbolic value, or the coupled variable.
  template <typename T>
  T param(const Staging & s, const Param<T> & handle) const
  {
    const auto & p = own_parameter(handle.name());
    return p.variable.empty() ? s.parameter<T>(handle.name()) : s.input<T>(p.variable);
  }
  /// Reads a list parameter inside define(): one value per entry of its sub-batch, in row-major
  /// order (a single entry for a number given for every entry).
  template <typename T>
  std::vector<T> param_list(const Staging & s, const Param<T> & handle) const
  {
    const auto & p = own_parameter(handle.name());
    if (!p.variable.empty())
      return s.input_list<T>(p.variable);
    const auto & nodes = s.parameter_nodes(handle.name());
    std::vector<T> out;
    for (std::size_t i = 0; i < nodes.size(); i += T::size)
      out.push_back(T::from_nodes(s.graph(), {nodes.begin() + static_cast<std::ptrdiff_t>(i),
                                              nodes.begin() + static_cast<std::ptrdiff_t>(i + T::size)}));
    return out;
  }
  const ParameterSpec & own_parameter(const std::string & name) const;

  /// For models that wrap another (Normality, ImplicitUpdate): the wrapped model's parameter
  /// providers whose outputs are inputs of this model become this model's, so that a composition
  /// containing the wrapper still finds them.
  void adopt_parameter_providers(const Model & inner);

  /// Replaces the evaluator (AOTIModel installs its compiled one).
  void set_evaluator(std::unique_ptr<Evaluator> evaluator);

private:
  /// Maps the model over the sub-batch of its mapped parameters (per-cell [Tensors] objects given
  /// to a model that reads one value); throws InputError when it cannot be.
  void map_over_parameters();
  /// The sub-batch of `v` without the mapped axes.
  Shape native_sub_batch(const VariableSpec & v) const;
  /// Points (flat, in the inputs' broadcast batch) where a parameter coupled to an input variable
  /// is outside its admissible range, each with why; throws ValueError for them unless a
  /// FailureCapture is active.
  std::map<std::int64_t, std::string> inadmissible_points(const ValueMap & inputs);

  std::vector<VariableSpec> _inputs, _outputs;
  Shape _mapped;
  std::vector<ParameterSpec> _params;
  std::vector<std::shared_ptr<Model>> _providers;
  std::unique_ptr<Evaluator> _evaluator;
};

/// Makes the variables that share a name across `models` (the members of a composition, an
/// implicit update's residual and predictor) share one sub-batch: a pending one takes the known
/// one, until nothing changes. Throws ValueError naming both models when two known ones differ.
void unify_sub_batches(const std::vector<Model *> & models);
/// For an error about sub-batches: the ones [Settings] declares, which may be its cause ("" when
/// there are none).
std::string declared_sub_batches_hint(const Factory & factory);

/// Loads model `name` from an input file (eager models and compiled stubs alike).
std::shared_ptr<Model> load_model(const std::string & file, const std::string & name,
                                  const std::vector<std::string> & overrides = {});
} // namespace neml2

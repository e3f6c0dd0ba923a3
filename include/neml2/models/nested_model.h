// A model used inside another one's define() (Normality, RateCondensation,
// CoordinateDescentPredictor): its graph with chosen derivatives, inlined into the caller's graph.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "neml2/models/model.h"

namespace neml2
{
/// Component nodes as Staging::output() takes them.
struct RawNodes
{
  std::vector<graph::NodeId> ids;
  const std::vector<graph::NodeId> & nodes() const { return ids; }
};

/**
 * The graph of `model` with the derivative outputs d(output)/d(input) of `pairs`, built once per
 * dtype (graph::with_jacobian), and inlined on demand into the graph being staged. The nested
 * model's parameters are read from the caller's symbols as "<model name>.<parameter>", so the
 * caller lists them in named_parameters() under those names.
 */
class NestedModel
{
public:
  /// With `one_element`, the graph is of one element of the model's sub-batches (see
  /// Model::forward_graph): an element-wise model applied to one coordinate at a time.
  NestedModel(std::shared_ptr<Model> model, std::vector<std::pair<std::string, std::string>> pairs,
              bool one_element = false);

  const Model & model() const { return *_model; }
  const std::shared_ptr<Model> & model_ptr() const { return _model; }

  /// The values and derivatives of one inlined copy.
  struct Copy
  {
    std::map<std::string, std::vector<graph::NodeId>> values;
    std::map<std::pair<std::string, std::string>, std::vector<graph::NodeId>> derivatives;
  };
  /// Inlines a copy into `s`'s graph: each input is the caller's symbol of that name unless
  /// `given` has nodes for it.
  Copy inline_into(Staging & s, const std::map<std::string, std::vector<graph::NodeId>> & given = {}) const;

  /// The nested model's parameters, qualified as the caller sees them.
  std::vector<std::pair<std::string, ParameterSpec *>> all_parameters() const;

private:
  const graph::Graph & graph(Dtype dtype) const;

  std::shared_ptr<Model> _model;
  std::vector<std::pair<std::string, std::string>> _pairs;
  bool _one_element;
  mutable std::mutex _mutex;
  mutable std::map<Dtype, std::unique_ptr<graph::Graph>> _graphs;
};

/// "a, b, c" (or "none") for an error message listing variables.
std::string names_of(const std::vector<VariableSpec> & vars);
/// " (did you mean 'x'?)" when a variable's name is close to `name`, else "".
std::string did_you_mean(const std::string & name, const std::vector<VariableSpec> & vars);
} // namespace neml2

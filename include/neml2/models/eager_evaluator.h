// EagerEvaluator: runs a model's staged graphs through the batched interpreter.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "neml2/graph/graph.h"
#include "neml2/models/evaluator.h"

namespace neml2
{
class Model;

/**
 * The default evaluator of every model: stages the forward graph (and its jvp and jacobian forms)
 * once per dtype, then interprets it over the batch. Parameters are read at each call, so edits
 * (set_parameter, or in place) show in the next evaluation.
 */
class EagerEvaluator : public Evaluator
{
public:
  /// `model` must outlive this evaluator (the model owns it).
  explicit EagerEvaluator(const Model & model);

  ValueMap value(const ValueMap & inputs) override;
  std::pair<ValueMap, ValueMap> jvp(const ValueMap & inputs, const ValueMap & tangents) override;
  std::pair<ValueMap, DerivativeMap> jacobian(const ValueMap & inputs) override;
  std::pair<ValueMap, DerivativeMap> parameter_jacobian(const ValueMap & inputs,
                                                        const std::vector<std::string> & parameters,
                                                        bool with_inputs = false) override;

private:
  enum class Form
  {
    Forward,
    Jvp,
    Jacobian
  };
  /// The graph of `form` for `dtype`, staged on first use.
  const graph::Graph & cached(Dtype dtype, Form form);
  /// The forward graph of `dtype` with the blocks d(output)/d(parameter) (and d(output)/d(input),
  /// with `with_inputs`), staged on first use.
  const graph::Graph & cached_parameter_jacobian(Dtype dtype, const std::vector<std::string> & parameters,
                                                 bool with_inputs);
  /// Arguments for the graph in order, checked against the specs.
  std::vector<Tensor> bind_arguments(const graph::Graph & g, const ValueMap & inputs, const ValueMap * tangents) const;
  Dtype input_dtype(const ValueMap & inputs) const;
  void check_inputs(const ValueMap & inputs, const char * what) const;

  const Model & _model;

  struct GraphCache
  {
    std::unique_ptr<graph::Graph> forward, jvp, jacobian;
    std::map<std::pair<std::vector<std::string>, bool>, std::unique_ptr<graph::Graph>> parameter_jacobian;
  };
  // Concurrent evaluations of one model share the cache.
  std::mutex _cache_mutex;
  std::map<Dtype, GraphCache> _cache;
};

/// Runs a graph over batched arguments (one per graph argument, in order, any broadcastable
/// batch shapes); returns one tensor per graph output with the broadcast batch shape.
std::vector<Tensor> run_graph(const graph::Graph & g, const std::vector<Tensor> & args);
} // namespace neml2

// Evaluator: what runs a model's definition (eagerly through the interpreter, or compiled).
#pragma once

#include <utility>

#include <string>
#include <vector>

#include "neml2/base/error.h"
#include "neml2/tensors/value_map.h"

namespace neml2
{
/**
 * Runs one model. A Model only describes its variables, parameters and math; its evaluator
 * computes with them: EagerEvaluator stages and interprets the graphs, AOTIModel's evaluator calls
 * compiled kernels. Model::value / jvp / jacobian delegate here, so callers never pick one.
 */
class Evaluator
{
public:
  virtual ~Evaluator() = default;

  /// Evaluates the outputs. Inputs must all be given, with the declared base shapes, one
  /// dtype, and broadcastable batch shapes.
  virtual ValueMap value(const ValueMap & inputs) = 0;
  /// Outputs and J·v for every output; a missing tangent counts as zero.
  virtual std::pair<ValueMap, ValueMap> jvp(const ValueMap & inputs, const ValueMap & tangents) = 0;
  /// Outputs and every block d(output)/d(input).
  virtual std::pair<ValueMap, DerivativeMap> jacobian(const ValueMap & inputs) = 0;
  /// Outputs and every block d(output)/d(parameter) for the named parameters (qualified names,
  /// as Model::resolve_parameter gives them). Evaluators that froze their parameters (compiled
  /// ones) cannot, and say so.
  /// With `with_inputs`, the blocks d(output)/d(input) of jacobian() come too, from the same
  /// evaluation (what autograd needs when inputs and parameters both require grad).
  virtual std::pair<ValueMap, DerivativeMap>
  parameter_jacobian(const ValueMap & inputs, const std::vector<std::string> & parameters, bool with_inputs = false)
  {
    (void)inputs;
    (void)parameters;
    (void)with_inputs;
    throw ValueError("this model's evaluator gives no parameter derivatives; evaluate the model eagerly, or "
                     "compile it with -d output:parameter");
  }
};
} // namespace neml2

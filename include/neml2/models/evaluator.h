// Evaluator: what runs a model's definition (eagerly through the interpreter, or compiled).
#pragma once

#include <utility>

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
};
} // namespace neml2

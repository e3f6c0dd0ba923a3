// ScalarLinearInterpolation: a piecewise-linear function of a Scalar, from a table.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * output = y_i + (y_{i+1} − y_i)/(x_{i+1} − x_i) (argument − x_i) on the segment [x_i, x_{i+1}]
 * holding the argument, the first and last segments extended beyond the table (NEML2 v3). The
 * table (`abscissa` x, increasing, and `ordinate` y: [Tensors] Scalars with one batch axis of the
 * same length, or lists of numbers) is read when the model is built and compiled in as constants:
 * unlike NEML2, whose tables are parameters, it cannot be changed afterwards or differentiated
 * with respect to (that needs per-entry tables, which come with crystal plasticity's sub-batch
 * variables). The output defaults to the block's name.
 */
class ScalarLinearInterpolation : public Model
{
public:
  ScalarLinearInterpolation(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _x, _y;
  std::vector<double> _abscissa, _ordinate;
};
} // namespace neml2

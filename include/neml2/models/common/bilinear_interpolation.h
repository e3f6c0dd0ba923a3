// <Type>BilinearInterpolation: a bilinear function of two Scalars, from a rectilinear table.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * Bilinear interpolation over a rectilinear grid (NEML2 v3): in the cell [x1_i, x1_{i+1}] ×
 * [x2_j, x2_{j+1}] holding the arguments (end cells extended beyond the grid), with ξ, η the
 * arguments' fractions of the cell, output = Y00 + (Y10 − Y00) ξ + (Y01 − Y00) η + (Y11 − Y10 −
 * Y01 + Y00) ξ η. `abscissa1`, `abscissa2` are increasing tables (Scalars with one batch axis,
 * or numbers) and `ordinate` a [Tensors] value of the output's type with batch shape
 * (N1, N2). As for ScalarLinearInterpolation, the tables are constants of the model here (NEML2's
 * are sub-batch parameters). The output defaults to the block's name.
 */
template <typename T>
class BilinearInterpolation : public Model
{
public:
  BilinearInterpolation(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _x1, _x2, _y;
  std::vector<double> _a1, _a2;
  std::vector<double> _ordinate; ///< (N1, N2, components), row-major
};
} // namespace neml2

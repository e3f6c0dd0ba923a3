// RateLimitedPrecipitateGrowthRate: the diffusion-limited growth rate of each size bin, one species.
#pragma once

#include "neml2/models/finite_volume/cell_axis_model.h"

namespace neml2
{
/// dR_i/dt = D / R_i (x - x_eq) / dx per size bin (NEML2's RateLimitedPrecipitateGrowthRate): x the matrix
/// concentration; parameters 'R' (radius, per bin), 'x_eq' (equilibrium_concentration), 'dx'
/// (concentration_difference), 'D' (diffusivity).
class RateLimitedPrecipitateGrowthRate : public CellAxisModel
{
public:
  RateLimitedPrecipitateGrowthRate(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _x, _rate;
  Param<sym::Scalar> _R, _x_eq, _dx, _D;
};
} // namespace neml2

// SFFKPrecipitationGrowthRate: the SFFK growth rate of each size bin, several species.
#pragma once

#include "neml2/models/finite_volume/cell_axis_model.h"

namespace neml2
{
/// dR_i/dt = dg / (R_i R_g T s) per size bin (NEML2's SFFKPrecipitationGrowthRate, after Svoboda, Fischer, Fratzl and
/// Kozeschnik): s the projected diffusivity sum; parameters 'R' (radius, per bin), 'dg' (gibbs_free_energy_difference),
/// 'R_g' (gas_constant).
class SFFKPrecipitationGrowthRate : public CellAxisModel
{
public:
  SFFKPrecipitationGrowthRate(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _s, _T, _rate;
  Param<sym::Scalar> _R, _dg, _Rg;
};
} // namespace neml2

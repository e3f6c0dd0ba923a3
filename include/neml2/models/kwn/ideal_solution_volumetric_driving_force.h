// IdealSolutionVolumetricDrivingForce: the ideal-solution free energy of precipitation.
#pragma once

#include "neml2/models/kwn/species_model.h"

namespace neml2
{
/// dg = R T sum_i w_i ln(x_i / x_eq_i) (NEML2's IdealSolutionVolumetricDrivingForce): parameters 'R_g' (gas_constant),
/// 'x_eq_<i>' (equilibrium_concentrations) and 'w_<i>' (weights, default 1 for every species).
class IdealSolutionVolumetricDrivingForce : public SpeciesModel
{
public:
  IdealSolutionVolumetricDrivingForce(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _T;
  std::vector<std::string> _x;
  std::string _dg;
  Param<sym::Scalar> _R;
  std::vector<Param<sym::Scalar>> _x_eq, _w;
};
} // namespace neml2

// ProjectedDiffusivitySum: the diffusion resistance of the species around a precipitate.
#pragma once

#include "neml2/models/kwn/species_model.h"

namespace neml2
{
/// s = sum_i dx_i^2 / (D_i x_i) over the species, x_i the far-field concentrations (NEML2's ProjectedDiffusivitySum):
/// parameters 'dx_<i>' (concentration_differences) and 'D_<i>' (diffusivities).
class ProjectedDiffusivitySum : public SpeciesModel
{
public:
  ProjectedDiffusivitySum(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::vector<std::string> _x;
  std::string _s;
  std::vector<Param<sym::Scalar>> _dx, _D;
};
} // namespace neml2

// FiniteVolumeGradient: the prefactor-weighted difference of cell values across each interior edge.
#pragma once

#include "neml2/models/finite_volume/cell_axis_model.h"

namespace neml2
{
/// grad_u[e] = -prefactor[e] / dx[e] (u[e + 1] - u[e]) on the N - 1 interior edges of N cells
/// (NEML2's FiniteVolumeGradient; the sign makes it a diffusive flux for prefactor = D).
/// Parameters `dx` and `prefactor` have one value per edge, or one for all.
class FiniteVolumeGradient : public CellAxisModel
{
public:
  FiniteVolumeGradient(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _u, _grad;
  Param<sym::Scalar> _dx, _prefactor;
};
} // namespace neml2

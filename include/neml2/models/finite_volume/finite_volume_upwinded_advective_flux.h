// FiniteVolumeUpwindedAdvectiveFlux: the advective flux across each interior edge, taken from the
// upwind cell.
#pragma once

#include "neml2/models/finite_volume/cell_axis_model.h"

namespace neml2
{
/// J[e] = v[e] (H(v[e]) u[e] + (1 - H(v[e])) u[e + 1]) on the N - 1 interior edges of N cells,
/// H the Heaviside step with H(0) = 1/2 (NEML2's FiniteVolumeUpwindedAdvectiveFlux).
class FiniteVolumeUpwindedAdvectiveFlux : public CellAxisModel
{
public:
  FiniteVolumeUpwindedAdvectiveFlux(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _u, _v, _flux;
};
} // namespace neml2

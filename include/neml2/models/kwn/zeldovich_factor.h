// ZeldovichFactor: the Zeldovich factor of nucleation.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// Z = V_m / (2 pi N_a R*^2) sqrt(gamma / (k T)) (NEML2's ZeldovichFactor): parameters 'gamma' (surface_energy), 'V_m'
/// (molar_volume), 'N_a' (avogadro_number), 'k' (boltzmann_constant).
class ZeldovichFactor : public Model
{
public:
  ZeldovichFactor(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _R, _T, _Z;
  Param<sym::Scalar> _gamma, _Vm, _Na, _k;
};
} // namespace neml2

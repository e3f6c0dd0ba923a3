// KineticFactor: the nucleation kinetic factor.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// beta = 4 pi (N_a / V_m)^(4/3) R*^2 / s (NEML2's KineticFactor): R* the critical radius, s the projected diffusivity
/// sum; parameters 'V_m' (molar_volume), 'N_a' (avogadro_number).
class KineticFactor : public Model
{
public:
  KineticFactor(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _R, _s, _beta;
  Param<sym::Scalar> _Vm, _Na;
};
} // namespace neml2

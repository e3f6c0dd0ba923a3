// BurgersElement: a Maxwell element in series with a Kelvin–Voigt element.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * A Maxwell element (spring E_M: `maxwell_modulus`/`EM`; dashpot η_M: `maxwell_viscosity`/`etaM`)
 * in series with a Kelvin–Voigt element (spring E_K: `kelvin_modulus`/`EK`; dashpot η_K:
 * `kelvin_viscosity`/`etaK`). With the Maxwell viscous strain Ev_M and the Kelvin–Voigt strain ε_K
 * as internal variables, all three carry the same stress:
 *
 *   σ = E_M (ε − Ev_M − ε_K),   Ėv_M = σ / η_M,   ε̇_K = (σ − E_K ε_K) / η_K.
 *
 * Variables `strain`, `maxwell_viscous_strain`, `kelvin_voigt_strain` (inputs), `stress`,
 * `maxwell_viscous_strain_rate` and `kelvin_voigt_strain_rate` (outputs; rates default to
 * `<strain variable>_rate`).
 */
class BurgersElement : public Model
{
public:
  BurgersElement(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _E, _EvM, _EK, _S, _EvM_rate, _EK_rate;
  Param<sym::Scalar> _EM, _etaM, _EKmod, _etaK;
};
} // namespace neml2

// ZenerElement: the standard linear solid, an equilibrium spring in parallel with a Maxwell branch.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * Standard linear solid: an equilibrium spring (E∞, option `equilibrium_modulus`, parameter `Einf`)
 * in parallel with a Maxwell branch (spring E_M, `maxwell_modulus`/`EM`, and dashpot η_M,
 * `maxwell_viscosity`/`etaM`) whose viscous strain Ev is an internal variable:
 *
 *   σ = E∞ ε + E_M (ε − Ev),   Ėv = E_M (ε − Ev) / η_M.
 *
 * Variables `strain`, `viscous_strain` (inputs), `stress` and `viscous_strain_rate` (outputs; the
 * rate defaults to `<viscous_strain>_rate`).
 */
class ZenerElement : public Model
{
public:
  ZenerElement(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _E, _Ev, _S, _Ev_rate;
  Param<sym::Scalar> _Einf, _EM, _etaM;
};
} // namespace neml2

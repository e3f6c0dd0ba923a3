// WiechertElement: the generalized Maxwell model with two Maxwell branches.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * An equilibrium spring (E∞: `equilibrium_modulus`, parameter `Einf`) in parallel with two Maxwell
 * branches i = 1, 2 (spring E_i: `modulus_i`/`Ei`; dashpot η_i: `viscosity_i`/`etai`) with viscous
 * strains Ev_i as internal variables:
 *
 *   σ = E∞ ε + Σ_i E_i (ε − Ev_i),   Ėv_i = E_i (ε − Ev_i) / η_i.
 *
 * Variables `strain`, `viscous_strain_1`, `viscous_strain_2` (inputs), `stress`,
 * `viscous_strain_1_rate` and `viscous_strain_2_rate` (outputs; rates default to `<Ev_i>_rate`).
 */
class WiechertElement : public Model
{
public:
  WiechertElement(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  static constexpr int nbranch = 2;
  std::string _E, _S;
  std::string _Ev[nbranch], _Ev_rate[nbranch];
  Param<sym::Scalar> _Einf;
  Param<sym::Scalar> _Ei[nbranch], _etai[nbranch];
};
} // namespace neml2

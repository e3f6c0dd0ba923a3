// SalehaniIraniTraction: the coupled exponential cohesive law of Salehani and Irani.
#pragma once

#include "neml2/models/solid_mechanics/traction_separation/traction_law.h"

namespace neml2
{
/**
 * Salehani & Irani's 3D exponential cohesive law (Eng. Fract. Mech. 2018) in NEML2 v3's damage
 * form: x = δn/δu0n + (δs1² + δs2²)/(2 δu0t²), d = max(1 − exp(−x), damage~1),
 * T = (e Tmax_n δn/δu0n (1 − d) + Kpen δpen, √(2e) Tmax_t δs_i/(√2 δu0t) (1 − d)).
 * Parameters `delta_u0_n`, `delta_u0_t`, `Tmax_n`, `Tmax_t`, `Kpen`.
 */
class SalehaniIraniTraction : public TractionLaw
{
public:
  SalehaniIraniTraction(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  Param<sym::Scalar> _du0n, _du0t, _Tmax_n, _Tmax_t, _Kpen;
};
} // namespace neml2

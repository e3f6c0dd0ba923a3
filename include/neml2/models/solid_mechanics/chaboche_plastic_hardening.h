// ChabochePlasticHardening: Fredrick-Armstrong plus static recovery, Ẋ = γ̇ (2/3 C N - g X) - A ‖X‖^(a-1) X.
#pragma once

#include "neml2/models/solid_mechanics/fredrick_armstrong_plastic_hardening.h"

namespace neml2
{
/**
 * Ẋ = γ̇ (2/3 C N - g X) - A ‖X‖^(a-1) X: FredrickArmstrongPlasticHardening plus NEML2's
 * static recovery term, with ‖X‖ = sqrt(X:X) and the extra parameters `A` (prefactor) and `a`
 * (exponent). At X = 0 the recovery term and its derivative are taken as 0 (NEML2 adds
 * machine epsilon under the norm instead). Options and variables as FredrickArmstrong.
 */
class ChabochePlasticHardening : public FredrickArmstrongPlasticHardening
{
public:
  ChabochePlasticHardening(const Options & options, Factory & factory);
  static OptionSchema expected_options();

protected:
  sym::SR2 recovery(const Staging & s, const sym::SR2 & X) const override;

private:
  Param<sym::Scalar> _A, _a;
};
} // namespace neml2

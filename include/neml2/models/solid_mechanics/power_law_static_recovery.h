// Power-law static recovery of a hardening variable: ḣ = −(|h|/τ)^(n−1) h/τ (isotropic, Scalar h)
// and Ẋ = −(‖X‖/τ)^(n−1) X/τ (kinematic, SR2 back stress X).
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * Time-dependent (static) recovery of a hardening variable, to be added to its hardening rate:
 * a power law in its magnitude with the recovery rate τ (option and parameter `tau`) and the
 * exponent n (`n`). The isotropic form recovers `isotropic_hardening` (a Scalar) and outputs
 * `isotropic_hardening_rate`; the kinematic form recovers `back_stress` (an SR2) and outputs
 * `back_stress_rate`. Output names default to `<input>_rate`. At a zero variable the rate and its
 * derivative are zero (for n > 1; the formula's limit).
 */
class PowerLawStaticRecovery : public Model
{
public:
  PowerLawStaticRecovery(const Options & options, Factory & factory, TypeKind type, const std::string & variable);
  static OptionSchema recovery_options(TypeKind type, const std::string & variable);
  void define(Staging & s) const override;

private:
  TypeKind _type;
  std::string _h, _h_rate;
  Param<sym::Scalar> _tau, _n;
};

class PowerLawIsotropicHardeningStaticRecovery : public PowerLawStaticRecovery
{
public:
  PowerLawIsotropicHardeningStaticRecovery(const Options & options, Factory & factory);
  static OptionSchema expected_options();
};

class PowerLawKinematicHardeningStaticRecovery : public PowerLawStaticRecovery
{
public:
  PowerLawKinematicHardeningStaticRecovery(const Options & options, Factory & factory);
  static OptionSchema expected_options();
};
} // namespace neml2

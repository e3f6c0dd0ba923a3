// FredrickArmstrongPlasticHardening: the back stress rate Ẋ = γ̇ (2/3 C N - g X).
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * Ẋ = γ̇ (2/3 C N - g X): non-associative Fredrick-Armstrong kinematic hardening with the back
 * stress X as internal variable, the flow direction N = ∂f/∂M and the flow rate γ̇. Parameters
 * `C` (hardening) and `g` (dynamic recovery). Variables: `flow_rate`, `flow_direction`,
 * `back_stress` (inputs, each defaulting to its option's name) and `back_stress_rate` (output,
 * default `<back_stress>_rate`).
 */
class FredrickArmstrongPlasticHardening : public Model
{
public:
  FredrickArmstrongPlasticHardening(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

protected:
  /// A rate term independent of γ̇ (static recovery); none here.
  virtual sym::SR2 recovery(const Staging & s, const sym::SR2 & X) const;

  std::string _gamma_rate, _N, _X, _X_rate;
  Param<sym::Scalar> _C;
  Param<sym::Scalar> _g;
};
} // namespace neml2

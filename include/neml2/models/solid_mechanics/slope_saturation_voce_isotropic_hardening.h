// SlopeSaturationVoceIsotropicHardening: a Voce hardening rate, ḣ = sign(R) θ0 (1 − h/R) γ̇.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * Voce hardening written as a rate of the hardening variable h itself (non-associative), so that
 * static recovery can be added to it: ḣ = sign(R) θ0 (1 − h/R) γ̇, with the saturated hardening R
 * (option `saturated_hardening`, parameter `R`) and the initial hardening rate θ0
 * (`initial_hardening_rate`, `theta0`). Variables `flow_rate`, `isotropic_hardening` (inputs) and
 * `isotropic_hardening_rate` (output, default `<isotropic_hardening>_rate`).
 */
class SlopeSaturationVoceIsotropicHardening : public Model
{
public:
  SlopeSaturationVoceIsotropicHardening(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _gamma_rate, _h, _h_rate;
  Param<sym::Scalar> _R, _theta0;
};
} // namespace neml2

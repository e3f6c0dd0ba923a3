// VoceIsotropicHardening: h = R (1 - exp(-d ε̄p)).
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * h = R (1 - exp(-d ε̄p)): Voce's saturating isotropic hardening, with the saturated hardening
 * R (parameter `R`, option `saturated_hardening`) and the saturation rate d (parameter `d`,
 * option `saturation_rate`). Variables: `equivalent_plastic_strain` (input),
 * `isotropic_hardening` (output); each defaults to its option's name.
 */
class VoceIsotropicHardening : public Model
{
public:
  VoceIsotropicHardening(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _ep, _h;
  Param<sym::Scalar> _R;
  Param<sym::Scalar> _d;
};
} // namespace neml2

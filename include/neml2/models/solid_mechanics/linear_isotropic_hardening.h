// LinearIsotropicHardening: h = K ε̄p.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * h = K ε̄p: isotropic hardening linear in the equivalent plastic strain, with the hardening
 * modulus K (parameter `K`, option `hardening_modulus`). Variables:
 * `equivalent_plastic_strain` (input), `isotropic_hardening` (output); each defaults to its
 * option's name.
 */
class LinearIsotropicHardening : public Model
{
public:
  LinearIsotropicHardening(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _ep, _h;
  Param<sym::Scalar> _K;
};
} // namespace neml2

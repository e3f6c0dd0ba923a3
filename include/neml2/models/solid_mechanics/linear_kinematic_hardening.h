// LinearKinematicHardening: X = H Kp.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * X = H Kp: a back stress linear in the kinematic plastic strain, with the hardening modulus H
 * (parameter `H`, option `hardening_modulus`). Variables: `kinematic_plastic_strain` (input),
 * `back_stress` (output); each defaults to its option's name.
 */
class LinearKinematicHardening : public Model
{
public:
  LinearKinematicHardening(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _Kp, _X;
  Param<sym::Scalar> _H;
};
} // namespace neml2

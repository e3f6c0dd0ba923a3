// YieldFunction: the classical yield function f = sqrt(2/3) (σ̄ - σy - h).
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * f = sqrt(2/3) (σ̄ - σy - h), where σ̄ is the effective stress, σy the yield stress
 * (parameter `sy`, option `yield_stress`) and h the isotropic hardening (h = 0 when the option
 * `isotropic_hardening` is not set). The factor sqrt(2/3) follows NEML2 (it makes the
 * associated flow rate the rate of equivalent plastic strain).
 * Variables: `effective_stress` (default 'effective_stress'), `isotropic_hardening` (no
 * default), `yield_function` (default 'yield_function').
 */
class YieldFunction : public Model
{
public:
  YieldFunction(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _s, _h, _f;
  Param<sym::Scalar> _sy;
};
} // namespace neml2

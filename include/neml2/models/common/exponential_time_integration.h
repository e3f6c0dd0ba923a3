// Exponential time integration of rotations (MRPs) driven by a spin (WR2).
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * The update of a rotation s by its spin ṡ over a step (NEML2 v3): s = exp((t − t~1) ṡ) ∘ s~1,
 * with exp the exponential map to modified Rodrigues parameters and ∘ their composition. The
 * explicit form outputs s; the implicit form outputs the residual r = s − exp((t − t~1) ṡ) ∘
 * s~1 of the unknown s. Variables: `variable` (an MRP), its rate (default `<variable>_rate`, a
 * WR2), `time` (`t`); the residual defaults to `<variable>_residual`.
 */
class ExponentialTimeIntegration : public Model
{
public:
  ExponentialTimeIntegration(const Options & options, bool implicit);
  static OptionSchema integration_options(bool implicit);
  void define(Staging & s) const override;

private:
  bool _implicit;
  std::string _x, _rate, _t, _r;
};

class WR2ExplicitExponentialTimeIntegration : public ExponentialTimeIntegration
{
public:
  WR2ExplicitExponentialTimeIntegration(const Options & options, Factory &)
    : ExponentialTimeIntegration(options, false)
  {
  }
  static OptionSchema expected_options() { return integration_options(false); }
};

class WR2ImplicitExponentialTimeIntegration : public ExponentialTimeIntegration
{
public:
  WR2ImplicitExponentialTimeIntegration(const Options & options, Factory &)
    : ExponentialTimeIntegration(options, true)
  {
  }
  static OptionSchema expected_options() { return integration_options(true); }
};
} // namespace neml2

// EffectiveSaturation: the saturation of the flowing fluid above its residual value.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// S = (phi / phi_max - Sr) / (1 - Sr) (NEML2's EffectiveSaturation): input `fluid_fraction`
/// phi, output `effective_saturation`; parameters `Sr` (`residual_saturation`) and `phi_max`
/// (`max_fraction`).
class EffectiveSaturation : public Model
{
public:
  EffectiveSaturation(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _phi, _S;
  Param<sym::Scalar> _Sr, _phi_max;
};
} // namespace neml2

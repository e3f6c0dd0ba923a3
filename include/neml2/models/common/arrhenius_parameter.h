// ArrheniusParameter: p = p0 exp(-Q / (R T)).
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * A temperature-dependent parameter following the Arrhenius law p = p0 exp(-Q / (R T)) (NEML2's
 * ArrheniusParameter): reference value p0 (parameter `p0`, option `reference_value`), activation
 * energy Q (parameter `Q`, option `activation_energy`) and the ideal gas constant R (option
 * `ideal_gas_constant`, a plain number). Input `temperature`; the output is named by option
 * `parameter` and defaults to the block's name, so that another model's parameter option can
 * name this block and receive p.
 */
class ArrheniusParameter : public Model
{
public:
  ArrheniusParameter(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _T, _p;
  double _R;
  Param<sym::Scalar> _p0, _Q;
};
} // namespace neml2

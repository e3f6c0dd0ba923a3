// PerzynaPlasticFlowRate: the viscoplastic flow rate γ̇ = (<f>/η)^n.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * γ̇ = (<f>/η)^n, with the Macaulay bracket <f> = max(f, 0): Perzyna's power-law overstress
 * regularisation of the consistency condition. Parameters `eta` (option `reference_stress`)
 * and `n` (option `exponent`). Variables: `yield_function` (input, default
 * 'yield_function'), `flow_rate` (output, default 'flow_rate'). For f <= 0 the rate and its
 * derivative are exactly 0 (for any n > 0).
 */
class PerzynaPlasticFlowRate : public Model
{
public:
  PerzynaPlasticFlowRate(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _f, _gamma_rate;
  Param<sym::Scalar> _eta;
  Param<sym::Scalar> _n;
};
} // namespace neml2

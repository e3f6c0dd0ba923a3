// AssociativePlasticFlow: the plastic strain rate ε̇p = γ̇ N_M.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * ε̇p = γ̇ N_M, where N_M = ∂f/∂M is the flow direction (from Normality or
 * AssociativeJ2FlowDirection) and γ̇ the flow rate. Variables: `flow_rate`, `flow_direction`
 * (inputs), `plastic_strain_rate` (output); each defaults to its option's name.
 */
class AssociativePlasticFlow : public Model
{
public:
  AssociativePlasticFlow(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _gamma_rate, _N, _Ep_rate;
};
} // namespace neml2

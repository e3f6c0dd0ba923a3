// AssociativeIsotropicPlasticHardening: the equivalent plastic strain rate ε̄̇p = -γ̇ N_k.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * ε̄̇p = -γ̇ N_k, where N_k = ∂f/∂h is the isotropic hardening direction (from Normality) and
 * γ̇ the flow rate. The sign follows NEML2: with YieldFunction, N_k = -sqrt(2/3), so
 * ε̄̇p = sqrt(2/3) γ̇. Variables: `flow_rate`, `isotropic_hardening_direction` (inputs),
 * `equivalent_plastic_strain_rate` (output); each defaults to its option's name.
 */
class AssociativeIsotropicPlasticHardening : public Model
{
public:
  AssociativeIsotropicPlasticHardening(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _gamma_rate, _Nk, _ep_rate;
};
} // namespace neml2

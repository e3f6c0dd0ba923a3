// AssociativeKinematicPlasticHardening: the kinematic plastic strain rate K̇p = -γ̇ N_X.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * K̇p = -γ̇ N_X, where N_X = ∂f/∂X is the kinematic hardening direction (from Normality) and
 * γ̇ the flow rate. With an overstress M - X, N_X = -N_M, so K̇p = ε̇p. Variables:
 * `flow_rate`, `kinematic_hardening_direction` (inputs), `kinematic_plastic_strain_rate`
 * (output); each defaults to its option's name.
 */
class AssociativeKinematicPlasticHardening : public Model
{
public:
  AssociativeKinematicPlasticHardening(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _gamma_rate, _NX, _Kp_rate;
};
} // namespace neml2

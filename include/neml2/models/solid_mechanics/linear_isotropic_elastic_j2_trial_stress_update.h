// LinearIsotropicElasticJ2TrialStressUpdate: the scalar radial return's trial stress update.
#pragma once

#include "neml2/models/solid_mechanics/linear_isotropic_elasticity.h"

namespace neml2
{
/// updated_trial_stress = elastic_trial_stress − 3G (ep − ep~1), which lets a J2 return map with
/// isotropic elasticity be written in scalars only; the elastic constants as in
/// LinearIsotropicElasticity.
class LinearIsotropicElasticJ2TrialStressUpdate : public IsotropicElasticModel
{
public:
  LinearIsotropicElasticJ2TrialStressUpdate(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _trial, _ep, _updated;
};
} // namespace neml2

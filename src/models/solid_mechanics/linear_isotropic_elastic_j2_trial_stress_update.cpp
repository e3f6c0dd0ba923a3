// LinearIsotropicElasticJ2TrialStressUpdate: s = s_trial − 3G (ep − ep~1).
#include "neml2/models/solid_mechanics/linear_isotropic_elastic_j2_trial_stress_update.h"

namespace neml2
{
OptionSchema
LinearIsotropicElasticJ2TrialStressUpdate::expected_options()
{
  return with_elastic_constants(Model::expected_options())
      .doc("Trial stress of a scalar J2 return map with isotropic elasticity: updated_trial_stress = "
           "elastic_trial_stress - 3 G (equivalent_plastic_strain - equivalent_plastic_strain~1).")
      .optional("elastic_trial_stress", OptionKind::String, "elastic_trial_stress",
                "the trial (von Mises) stress of a purely elastic step (input)")
      .optional("equivalent_plastic_strain", OptionKind::String, "equivalent_plastic_strain",
                "the current equivalent plastic strain (input; its previous value is read from "
                "'<equivalent_plastic_strain>~1')")
      .optional("updated_trial_stress", OptionKind::String, "updated_trial_stress",
                "the trial stress corrected for the plastic increment (output)");
}

LinearIsotropicElasticJ2TrialStressUpdate::LinearIsotropicElasticJ2TrialStressUpdate(const Options & options,
                                                                                     Factory & factory)
  : IsotropicElasticModel(options, factory),
    _trial(options.get_string("elastic_trial_stress")),
    _ep(options.get_string("equivalent_plastic_strain")),
    _updated(options.get_string("updated_trial_stress"))
{
  if (_trial == _ep)
    throw options.error("equivalent_plastic_strain",
                        "elastic_trial_stress and equivalent_plastic_strain must be different variables");
  declare_input(_trial, TypeKind::Scalar);
  declare_input(_ep, TypeKind::Scalar);
  declare_input(_ep + "~1", TypeKind::Scalar);
  declare_output_distinct(_updated, TypeKind::Scalar, "updated_trial_stress");
}

void
LinearIsotropicElasticJ2TrialStressUpdate::define(Staging & s) const
{
  const auto G = bulk_and_shear_moduli(s).second;
  const auto dep = s.input<sym::Scalar>(_ep).sym() - s.input<sym::Scalar>(_ep + "~1").sym();
  s.output(_updated, sym::Scalar(s.input<sym::Scalar>(_trial).sym() - 3.0 * G * dep));
}

NEML2_REGISTER(Model, LinearIsotropicElasticJ2TrialStressUpdate);
} // namespace neml2

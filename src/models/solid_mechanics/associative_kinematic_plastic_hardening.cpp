// AssociativeKinematicPlasticHardening: K̇p = -γ̇ N_X.
#include "neml2/models/solid_mechanics/associative_kinematic_plastic_hardening.h"

namespace neml2
{
OptionSchema
AssociativeKinematicPlasticHardening::expected_options()
{
  return Model::expected_options()
      .doc("Associative flow rule for the kinematic plastic strain, kinematic_plastic_strain_rate = - flow_rate "
           "kinematic_hardening_direction, where the direction is df/dX (e.g. from Normality).")
      .optional("flow_rate", OptionKind::String, "flow_rate", "the flow rate (input)")
      .optional("kinematic_hardening_direction", OptionKind::String, "kinematic_hardening_direction",
                "the kinematic hardening direction df/dX (input)")
      .optional("kinematic_plastic_strain_rate", OptionKind::String, "kinematic_plastic_strain_rate",
                "the kinematic plastic strain rate (output)");
}

AssociativeKinematicPlasticHardening::AssociativeKinematicPlasticHardening(const Options & options, Factory &)
  : Model(options),
    _gamma_rate(options.get_string("flow_rate")),
    _NX(options.get_string("kinematic_hardening_direction")),
    _Kp_rate(options.get_string("kinematic_plastic_strain_rate"))
{
  if (_Kp_rate == _NX)
    throw options.error("kinematic_plastic_strain_rate", "the output must differ from the direction");
  declare_input(_gamma_rate, TypeKind::Scalar);
  declare_input(_NX, TypeKind::SR2);
  declare_output(_Kp_rate, TypeKind::SR2);
}

void
AssociativeKinematicPlasticHardening::define(Staging & s) const
{
  const auto gamma_rate = s.input<sym::Scalar>(_gamma_rate).sym();
  s.output(_Kp_rate, sym::SR2(-(gamma_rate * s.input<sym::SR2>(_NX))));
}

NEML2_REGISTER(Model, AssociativeKinematicPlasticHardening);
} // namespace neml2

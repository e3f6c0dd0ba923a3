// LinearKinematicHardening: X = H Kp.
#include "neml2/models/solid_mechanics/linear_kinematic_hardening.h"

namespace neml2
{
OptionSchema
LinearKinematicHardening::expected_options()
{
  return Model::expected_options()
      .doc("Linear kinematic hardening, back_stress = H kinematic_plastic_strain.")
      .required(
          "hardening_modulus", OptionKind::String,
          "the hardening modulus H (parameter 'H'): a number, a [Tensors] name, a [Models] name or a variable name")
      .optional("kinematic_plastic_strain", OptionKind::String, "kinematic_plastic_strain",
                "the kinematic plastic strain (input)")
      .optional("back_stress", OptionKind::String, "back_stress", "the back stress (output)");
}

LinearKinematicHardening::LinearKinematicHardening(const Options & options, Factory & factory)
  : Model(options),
    _Kp(options.get_string("kinematic_plastic_strain")),
    _X(options.get_string("back_stress"))
{
  if (_Kp == _X)
    throw options.error("back_stress", "the back stress must differ from the kinematic plastic strain");
  declare_input(_Kp, TypeKind::SR2);
  _H = declare_parameter<sym::Scalar>("H", options.get_string("hardening_modulus"), "hardening_modulus", factory);
  declare_output(_X, TypeKind::SR2);
}

void
LinearKinematicHardening::define(Staging & s) const
{
  s.output(_X, sym::SR2(param(s, _H).sym() * s.input<sym::SR2>(_Kp)));
}

NEML2_REGISTER(Model, LinearKinematicHardening);
} // namespace neml2

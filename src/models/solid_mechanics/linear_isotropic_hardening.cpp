// LinearIsotropicHardening: h = K ε̄p.
#include "neml2/models/solid_mechanics/linear_isotropic_hardening.h"

namespace neml2
{
OptionSchema
LinearIsotropicHardening::expected_options()
{
  return Model::expected_options()
      .doc("Linear isotropic hardening, isotropic_hardening = K equivalent_plastic_strain.")
      .required(
          "hardening_modulus", OptionKind::String,
          "the hardening modulus K (parameter 'K'): a number, a [Tensors] name, a [Models] name or a variable name")
      .optional("equivalent_plastic_strain", OptionKind::String, "equivalent_plastic_strain",
                "the equivalent plastic strain (input)")
      .optional("isotropic_hardening", OptionKind::String, "isotropic_hardening", "the isotropic hardening (output)");
}

LinearIsotropicHardening::LinearIsotropicHardening(const Options & options, Factory & factory)
  : Model(options),
    _ep(options.get_string("equivalent_plastic_strain")),
    _h(options.get_string("isotropic_hardening"))
{
  if (_ep == _h)
    throw options.error("isotropic_hardening", "the hardening must differ from the equivalent plastic strain");
  declare_input(_ep, TypeKind::Scalar);
  _K = declare_parameter<sym::Scalar>("K", options.get_string("hardening_modulus"), "hardening_modulus", factory);
  declare_output(_h, TypeKind::Scalar);
}

void
LinearIsotropicHardening::define(Staging & s) const
{
  s.output(_h, sym::Scalar(param(s, _K).sym() * s.input<sym::Scalar>(_ep).sym()));
}

NEML2_REGISTER(Model, LinearIsotropicHardening);
} // namespace neml2

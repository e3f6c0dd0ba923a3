// VoceIsotropicHardening: h = R (1 - exp(-d ε̄p)).
#include "neml2/models/solid_mechanics/voce_isotropic_hardening.h"

namespace neml2
{
OptionSchema
VoceIsotropicHardening::expected_options()
{
  return Model::expected_options()
      .doc("Voce isotropic hardening, isotropic_hardening = R (1 - exp(-d equivalent_plastic_strain)).")
      .required(
          "saturated_hardening", OptionKind::String,
          "the saturated hardening R (parameter 'R'): a number, a [Tensors] name, a [Models] name or a variable name")
      .required("saturation_rate", OptionKind::String,
                "the saturation rate d (parameter 'd'): a number, a [Tensors] name, a [Models] name or a variable name")
      .optional("equivalent_plastic_strain", OptionKind::String, "equivalent_plastic_strain",
                "the equivalent plastic strain (input)")
      .optional("isotropic_hardening", OptionKind::String, "isotropic_hardening", "the isotropic hardening (output)");
}

VoceIsotropicHardening::VoceIsotropicHardening(const Options & options, Factory & factory)
  : Model(options),
    _ep(options.get_string("equivalent_plastic_strain")),
    _h(options.get_string("isotropic_hardening"))
{
  if (_ep == _h)
    throw options.error("isotropic_hardening", "the hardening must differ from the equivalent plastic strain");
  declare_input(_ep, TypeKind::Scalar);
  _R = declare_parameter<sym::Scalar>("R", options.get_string("saturated_hardening"), "saturated_hardening", factory);
  _d = declare_parameter<sym::Scalar>("d", options.get_string("saturation_rate"), "saturation_rate", factory);
  declare_output(_h, TypeKind::Scalar);
}

void
VoceIsotropicHardening::define(Staging & s) const
{
  const auto R = param(s, _R).sym();
  const auto d = param(s, _d).sym();
  const auto ep = s.input<sym::Scalar>(_ep).sym();
  s.output(_h, sym::Scalar(R * (1.0 - sym::exp(-(d * ep)))));
}

NEML2_REGISTER(Model, VoceIsotropicHardening);
} // namespace neml2

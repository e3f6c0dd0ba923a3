// SlopeSaturationVoceIsotropicHardening: ḣ = sign(R) θ0 (1 − h/R) γ̇.
#include "neml2/models/solid_mechanics/slope_saturation_voce_isotropic_hardening.h"

namespace neml2
{
OptionSchema
SlopeSaturationVoceIsotropicHardening::expected_options()
{
  return Model::expected_options()
      .doc("Voce isotropic hardening as a rate of the hardening itself: isotropic_hardening_rate = sign(R) theta0 "
           "(1 - isotropic_hardening / R) flow_rate.")
      .required("saturated_hardening", OptionKind::String,
                "the saturated hardening R (parameter 'R'): a number, a [Tensors] name, a [Models] name or a "
                "variable name")
      .required("initial_hardening_rate", OptionKind::String,
                "the initial hardening rate theta0 (parameter 'theta0'), as above")
      .optional("flow_rate", OptionKind::String, "flow_rate", "the flow rate (input)")
      .optional("isotropic_hardening", OptionKind::String, "isotropic_hardening", "the isotropic hardening h (input)")
      .optional("isotropic_hardening_rate", OptionKind::String, "",
                "its rate (output, default <isotropic_hardening>_rate)");
}

SlopeSaturationVoceIsotropicHardening::SlopeSaturationVoceIsotropicHardening(const Options & options, Factory & factory)
  : Model(options),
    _gamma_rate(options.get_string("flow_rate")),
    _h(options.get_string("isotropic_hardening")),
    _h_rate(options.has("isotropic_hardening_rate") ? options.get_string("isotropic_hardening_rate") : _h + "_rate")
{
  if (_gamma_rate == _h)
    throw options.error("isotropic_hardening", "the isotropic hardening must differ from the flow rate");
  declare_input(_gamma_rate, TypeKind::Scalar);
  declare_input(_h, TypeKind::Scalar);
  _R = declare_parameter<sym::Scalar>("R", options.get_string("saturated_hardening"), "saturated_hardening", factory);
  _theta0 = declare_parameter<sym::Scalar>("theta0", options.get_string("initial_hardening_rate"),
                                           "initial_hardening_rate", factory);
  declare_output_distinct(_h_rate, TypeKind::Scalar, "isotropic_hardening_rate");
}

void
SlopeSaturationVoceIsotropicHardening::define(Staging & s) const
{
  const sym::Sym R = param(s, _R).sym(), theta0 = param(s, _theta0).sym();
  const sym::Sym h = s.input<sym::Scalar>(_h), gamma_rate = s.input<sym::Scalar>(_gamma_rate);
  s.output(_h_rate, sym::Scalar(sym::sign(R) * theta0 * (1.0 - h / R) * gamma_rate));
}

NEML2_REGISTER(Model, SlopeSaturationVoceIsotropicHardening);
} // namespace neml2

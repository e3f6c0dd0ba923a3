// KelvinVoigtElement: σ = K ε + η ε̇.
#include "neml2/models/solid_mechanics/viscoelasticity/kelvin_voigt_element.h"

namespace neml2
{
OptionSchema
KelvinVoigtElement::expected_options()
{
  return Model::expected_options()
      .doc("Kelvin-Voigt element, a spring and a dashpot in parallel: stress = K strain + eta strain_rate, "
           "where strain_rate is the variable <strain>_rate.")
      .required("modulus", OptionKind::String,
                "the spring modulus K (parameter 'K'): a number, a [Tensors] name, a [Models] name or a variable name")
      .required("viscosity", OptionKind::String, "the dashpot viscosity eta (parameter 'eta'), as above")
      .optional("strain", OptionKind::String, "strain",
                "the strain of both branches (input; <strain>_rate is read too)")
      .optional("stress", OptionKind::String, "stress", "the stress (output)");
}

KelvinVoigtElement::KelvinVoigtElement(const Options & options, Factory & factory)
  : Model(options),
    _E(options.get_string("strain")),
    _E_rate(_E + "_rate"),
    _S(options.get_string("stress"))
{
  declare_input(_E, TypeKind::SR2);
  declare_input(_E_rate, TypeKind::SR2);
  _K = declare_parameter<sym::Scalar>("K", options.get_string("modulus"), "modulus", factory);
  _eta = declare_parameter<sym::Scalar>("eta", options.get_string("viscosity"), "viscosity", factory);
  declare_output_distinct(_S, TypeKind::SR2, "stress");
}

void
KelvinVoigtElement::define(Staging & s) const
{
  const auto K = param(s, _K).sym();
  const auto eta = param(s, _eta).sym();
  s.output(_S, sym::SR2(K * s.input<sym::SR2>(_E) + eta * s.input<sym::SR2>(_E_rate)));
}

NEML2_REGISTER(Model, KelvinVoigtElement);
} // namespace neml2

// ZenerElement: σ = E∞ ε + E_M (ε − Ev), Ėv = E_M (ε − Ev) / η_M.
#include "neml2/models/solid_mechanics/viscoelasticity/zener_element.h"

namespace neml2
{
OptionSchema
ZenerElement::expected_options()
{
  return Model::expected_options()
      .doc("Zener (standard linear solid) element: stress = Einf strain + EM (strain - viscous_strain), "
           "viscous_strain_rate = EM (strain - viscous_strain) / etaM.")
      .required("equilibrium_modulus", OptionKind::String,
                "the equilibrium spring modulus (parameter 'Einf'): a number, a [Tensors] name, a [Models] name or "
                "a variable name")
      .required("maxwell_modulus", OptionKind::String, "the Maxwell branch spring modulus (parameter 'EM'), as above")
      .required("maxwell_viscosity", OptionKind::String,
                "the Maxwell branch dashpot viscosity (parameter 'etaM'), as above")
      .optional("strain", OptionKind::String, "strain", "the total strain (input)")
      .optional("viscous_strain", OptionKind::String, "viscous_strain", "the Maxwell branch viscous strain (input)")
      .optional("stress", OptionKind::String, "stress", "the total stress (output)")
      .optional("viscous_strain_rate", OptionKind::String, "",
                "the viscous strain rate (output, default <viscous_strain>_rate)");
}

ZenerElement::ZenerElement(const Options & options, Factory & factory)
  : Model(options),
    _E(options.get_string("strain")),
    _Ev(options.get_string("viscous_strain")),
    _S(options.get_string("stress")),
    _Ev_rate(options.has("viscous_strain_rate") ? options.get_string("viscous_strain_rate") : _Ev + "_rate")
{
  if (_E == _Ev)
    throw options.error("viscous_strain", "the viscous strain must differ from the total strain");
  declare_input(_E, TypeKind::SR2);
  declare_input(_Ev, TypeKind::SR2);
  _Einf =
      declare_parameter<sym::Scalar>("Einf", options.get_string("equilibrium_modulus"), "equilibrium_modulus", factory);
  _EM = declare_parameter<sym::Scalar>("EM", options.get_string("maxwell_modulus"), "maxwell_modulus", factory);
  _etaM = declare_parameter<sym::Scalar>("etaM", options.get_string("maxwell_viscosity"), "maxwell_viscosity", factory);
  declare_output_distinct(_S, TypeKind::SR2, "stress");
  declare_output_distinct(_Ev_rate, TypeKind::SR2, "viscous_strain_rate");
}

void
ZenerElement::define(Staging & s) const
{
  const auto E = s.input<sym::SR2>(_E);
  const auto SM = sym::SR2(param(s, _EM).sym() * (E - s.input<sym::SR2>(_Ev)));
  s.output(_S, sym::SR2(param(s, _Einf).sym() * E + SM));
  s.output(_Ev_rate, sym::SR2(SM / param(s, _etaM).sym()));
}

NEML2_REGISTER(Model, ZenerElement);
} // namespace neml2

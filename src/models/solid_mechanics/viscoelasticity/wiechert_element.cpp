// WiechertElement: σ = E∞ ε + Σ_i E_i (ε − Ev_i), Ėv_i = E_i (ε − Ev_i) / η_i, i = 1, 2.
#include "neml2/models/solid_mechanics/viscoelasticity/wiechert_element.h"

#include <fmt/format.h>

namespace neml2
{
OptionSchema
WiechertElement::expected_options()
{
  auto s = Model::expected_options()
               .doc("Wiechert (generalized Maxwell) element with two Maxwell branches: stress = Einf strain + "
                    "sum_i Ei (strain - viscous_strain_i), viscous_strain_i_rate = Ei (strain - viscous_strain_i) / "
                    "etai.")
               .required("equilibrium_modulus", OptionKind::String,
                         "the equilibrium spring modulus (parameter 'Einf'): a number, a [Tensors] name, a [Models] "
                         "name or a variable name")
               .optional("strain", OptionKind::String, "strain", "the total strain (input)")
               .optional("stress", OptionKind::String, "stress", "the total stress (output)");
  for (int i = 1; i <= nbranch; ++i)
    s.required(fmt::format("modulus_{}", i), OptionKind::String,
               fmt::format("the spring modulus of Maxwell branch {} (parameter 'E{}'), as above", i, i))
        .required(fmt::format("viscosity_{}", i), OptionKind::String,
                  fmt::format("the dashpot viscosity of Maxwell branch {} (parameter 'eta{}'), as above", i, i))
        .optional(fmt::format("viscous_strain_{}", i), OptionKind::String, fmt::format("viscous_strain_{}", i),
                  fmt::format("the viscous strain of Maxwell branch {} (input)", i))
        .optional(fmt::format("viscous_strain_{}_rate", i), OptionKind::String, "",
                  fmt::format("its rate (output, default <viscous_strain_{}>_rate)", i));
  return s;
}

WiechertElement::WiechertElement(const Options & options, Factory & factory)
  : Model(options),
    _E(options.get_string("strain")),
    _S(options.get_string("stress"))
{
  declare_input(_E, TypeKind::SR2);
  _Einf =
      declare_parameter<sym::Scalar>("Einf", options.get_string("equilibrium_modulus"), "equilibrium_modulus", factory);
  for (int i = 0; i < nbranch; ++i)
  {
    const auto ev = fmt::format("viscous_strain_{}", i + 1);
    _Ev[i] = options.get_string(ev);
    if (_Ev[i] == _E || (i > 0 && _Ev[i] == _Ev[0]))
      throw options.error(ev, fmt::format("'{}' is already used for another strain of this element", _Ev[i]));
    _Ev_rate[i] = options.has(ev + "_rate") ? options.get_string(ev + "_rate") : _Ev[i] + "_rate";
    declare_input(_Ev[i], TypeKind::SR2);
    const auto modulus = fmt::format("modulus_{}", i + 1), viscosity = fmt::format("viscosity_{}", i + 1);
    _Ei[i] = declare_parameter<sym::Scalar>(fmt::format("E{}", i + 1), options.get_string(modulus), modulus, factory);
    _etai[i] =
        declare_parameter<sym::Scalar>(fmt::format("eta{}", i + 1), options.get_string(viscosity), viscosity, factory);
  }
  declare_output_distinct(_S, TypeKind::SR2, "stress");
  for (int i = 0; i < nbranch; ++i)
    declare_output_distinct(_Ev_rate[i], TypeKind::SR2, fmt::format("viscous_strain_{}_rate", i + 1));
}

void
WiechertElement::define(Staging & s) const
{
  const auto E = s.input<sym::SR2>(_E);
  auto S = sym::SR2(param(s, _Einf).sym() * E);
  for (int i = 0; i < nbranch; ++i)
  {
    const auto Si = sym::SR2(param(s, _Ei[i]).sym() * (E - s.input<sym::SR2>(_Ev[i])));
    S = sym::SR2(S + Si);
    s.output(_Ev_rate[i], sym::SR2(Si / param(s, _etai[i]).sym()));
  }
  s.output(_S, S);
}

NEML2_REGISTER(Model, WiechertElement);
} // namespace neml2

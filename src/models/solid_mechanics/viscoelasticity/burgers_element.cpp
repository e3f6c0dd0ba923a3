// BurgersElement: σ = E_M (ε − Ev_M − ε_K), Ėv_M = σ / η_M, ε̇_K = (σ − E_K ε_K) / η_K.
#include "neml2/models/solid_mechanics/viscoelasticity/burgers_element.h"

#include <set>

namespace neml2
{
OptionSchema
BurgersElement::expected_options()
{
  return Model::expected_options()
      .doc("Burgers element, a Maxwell element in series with a Kelvin-Voigt element: stress = EM (strain - "
           "maxwell_viscous_strain - kelvin_voigt_strain), maxwell_viscous_strain_rate = stress / etaM, "
           "kelvin_voigt_strain_rate = (stress - EK kelvin_voigt_strain) / etaK.")
      .required("maxwell_modulus", OptionKind::String,
                "the Maxwell spring modulus (parameter 'EM'): a number, a [Tensors] name, a [Models] name or a "
                "variable name")
      .required("maxwell_viscosity", OptionKind::String, "the Maxwell dashpot viscosity (parameter 'etaM'), as above")
      .required("kelvin_modulus", OptionKind::String, "the Kelvin-Voigt spring modulus (parameter 'EK'), as above")
      .required("kelvin_viscosity", OptionKind::String,
                "the Kelvin-Voigt dashpot viscosity (parameter 'etaK'), as above")
      .optional("strain", OptionKind::String, "strain", "the total strain (input)")
      .optional("maxwell_viscous_strain", OptionKind::String, "maxwell_viscous_strain",
                "the Maxwell dashpot's viscous strain (input)")
      .optional("kelvin_voigt_strain", OptionKind::String, "kelvin_voigt_strain",
                "the Kelvin-Voigt element's strain (input)")
      .optional("stress", OptionKind::String, "stress", "the stress (output)")
      .optional("maxwell_viscous_strain_rate", OptionKind::String, "",
                "the Maxwell viscous strain rate (output, default <maxwell_viscous_strain>_rate)")
      .optional("kelvin_voigt_strain_rate", OptionKind::String, "",
                "the Kelvin-Voigt strain rate (output, default <kelvin_voigt_strain>_rate)");
}

BurgersElement::BurgersElement(const Options & options, Factory & factory)
  : Model(options),
    _E(options.get_string("strain")),
    _EvM(options.get_string("maxwell_viscous_strain")),
    _EK(options.get_string("kelvin_voigt_strain")),
    _S(options.get_string("stress")),
    _EvM_rate(options.has("maxwell_viscous_strain_rate") ? options.get_string("maxwell_viscous_strain_rate")
                                                         : _EvM + "_rate"),
    _EK_rate(options.has("kelvin_voigt_strain_rate") ? options.get_string("kelvin_voigt_strain_rate") : _EK + "_rate")
{
  if (std::set<std::string>{_E, _EvM, _EK}.size() != 3)
    throw options.error("kelvin_voigt_strain",
                        "the total, Maxwell viscous and Kelvin-Voigt strains must be three different variables");
  declare_input(_E, TypeKind::SR2);
  declare_input(_EvM, TypeKind::SR2);
  declare_input(_EK, TypeKind::SR2);
  _EM = declare_parameter<sym::Scalar>("EM", options.get_string("maxwell_modulus"), "maxwell_modulus", factory);
  _etaM = declare_parameter<sym::Scalar>("etaM", options.get_string("maxwell_viscosity"), "maxwell_viscosity", factory);
  _EKmod = declare_parameter<sym::Scalar>("EK", options.get_string("kelvin_modulus"), "kelvin_modulus", factory);
  _etaK = declare_parameter<sym::Scalar>("etaK", options.get_string("kelvin_viscosity"), "kelvin_viscosity", factory);
  declare_output_distinct(_S, TypeKind::SR2, "stress");
  declare_output_distinct(_EvM_rate, TypeKind::SR2, "maxwell_viscous_strain_rate");
  declare_output_distinct(_EK_rate, TypeKind::SR2, "kelvin_voigt_strain_rate");
}

void
BurgersElement::define(Staging & s) const
{
  const auto EK = s.input<sym::SR2>(_EK);
  const auto S = sym::SR2(param(s, _EM).sym() * (s.input<sym::SR2>(_E) - s.input<sym::SR2>(_EvM) - EK));
  s.output(_S, S);
  s.output(_EvM_rate, sym::SR2(S / param(s, _etaM).sym()));
  s.output(_EK_rate, sym::SR2((S - param(s, _EKmod).sym() * EK) / param(s, _etaK).sym()));
}

NEML2_REGISTER(Model, BurgersElement);
} // namespace neml2

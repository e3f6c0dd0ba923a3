// KineticFactor: beta = 4 pi (N_a / V_m)^(4/3) R*^2 / s.
#include "neml2/models/kwn/kinetic_factor.h"

#include <numbers>

namespace neml2
{
OptionSchema
KineticFactor::expected_options()
{
  return Model::expected_options()
      .doc("The kinetic factor of nucleation, beta = 4 pi N_a^(4/3) / V_m^(4/3) R*^2 / s: the rate at which solute "
           "atoms join a critical nucleus of radius R*, s the projected diffusivity sum, V_m the molar volume of "
           "the precipitate, N_a Avogadro's number.")
      .optional("critical_radius", OptionKind::String, "critical_radius", "the critical radius R* (input)")
      .optional("projected_diffusivity_sum", OptionKind::String, "projected_diffusivity_sum",
                "the projected diffusivity sum s (input)")
      .optional("kinetic_factor", OptionKind::String, "kinetic_factor", "the kinetic factor beta (output)")
      .required("molar_volume", OptionKind::String,
                "the molar volume V_m (parameter 'V_m'): a number, a [Tensors], [Models] or variable name")
      .required("avogadro_number", OptionKind::String, "Avogadro's number N_a (parameter 'N_a'), as above");
}

KineticFactor::KineticFactor(const Options & options, Factory & factory)
  : Model(options),
    _R(options.get_string("critical_radius")),
    _s(options.get_string("projected_diffusivity_sum")),
    _beta(options.get_string("kinetic_factor"))
{
  declare_input(_R, TypeKind::Scalar);
  declare_input(_s, TypeKind::Scalar);
  _Vm = declare_parameter<sym::Scalar>("V_m", options.get_string("molar_volume"), "molar_volume", factory);
  admit("V_m", Admissible::positive("the molar volume"), "molar_volume");
  _Na = declare_parameter<sym::Scalar>("N_a", options.get_string("avogadro_number"), "avogadro_number", factory);
  declare_output_distinct(_beta, TypeKind::Scalar, "kinetic_factor");
}

void
KineticFactor::define(Staging & s) const
{
  const sym::Sym R = s.input<sym::Scalar>(_R);
  const sym::Sym coefficient =
      (4.0 * std::numbers::pi) * sym::pow(param(s, _Na).sym(), 4.0 / 3.0) / sym::pow(param(s, _Vm).sym(), 4.0 / 3.0);
  s.output(_beta, sym::Scalar(coefficient * R * R / s.input<sym::Scalar>(_s).sym()));
}

NEML2_REGISTER(Model, KineticFactor);
} // namespace neml2

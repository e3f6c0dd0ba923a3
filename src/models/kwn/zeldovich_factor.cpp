// ZeldovichFactor: Z = V_m / (2 pi N_a R*^2) sqrt(gamma / (k T)).
#include "neml2/models/kwn/zeldovich_factor.h"

#include <numbers>

namespace neml2
{
OptionSchema
ZeldovichFactor::expected_options()
{
  return Model::expected_options()
      .doc("The Zeldovich factor of classical nucleation theory, Z = V_m / (2 pi N_a R*^2) sqrt(gamma / (k T)): "
           "the probability that a critical nucleus grows rather than dissolves, R* the critical radius, gamma "
           "the surface energy, V_m the molar volume, N_a Avogadro's number, k Boltzmann's constant.")
      .optional("critical_radius", OptionKind::String, "critical_radius", "the critical radius R* (input)")
      .optional("temperature", OptionKind::String, "temperature", "the temperature T (input)")
      .optional("zeldovich_factor", OptionKind::String, "zeldovich_factor", "the Zeldovich factor Z (output)")
      .required("surface_energy", OptionKind::String,
                "the surface energy gamma (parameter 'gamma'): a number, a [Tensors], [Models] or variable name")
      .required("molar_volume", OptionKind::String, "the molar volume V_m (parameter 'V_m'), as above")
      .required("avogadro_number", OptionKind::String, "Avogadro's number N_a (parameter 'N_a'), as above")
      .required("boltzmann_constant", OptionKind::String, "Boltzmann's constant k (parameter 'k'), as above");
}

ZeldovichFactor::ZeldovichFactor(const Options & options, Factory & factory)
  : Model(options),
    _R(options.get_string("critical_radius")),
    _T(options.get_string("temperature")),
    _Z(options.get_string("zeldovich_factor"))
{
  declare_input(_R, TypeKind::Scalar);
  declare_input(_T, TypeKind::Scalar);
  _gamma = declare_parameter<sym::Scalar>("gamma", options.get_string("surface_energy"), "surface_energy", factory);
  _Vm = declare_parameter<sym::Scalar>("V_m", options.get_string("molar_volume"), "molar_volume", factory);
  _Na = declare_parameter<sym::Scalar>("N_a", options.get_string("avogadro_number"), "avogadro_number", factory);
  _k = declare_parameter<sym::Scalar>("k", options.get_string("boltzmann_constant"), "boltzmann_constant", factory);
  declare_output_distinct(_Z, TypeKind::Scalar, "zeldovich_factor");
}

void
ZeldovichFactor::define(Staging & s) const
{
  const sym::Sym R = s.input<sym::Scalar>(_R);
  const sym::Sym coefficient = param(s, _Vm).sym() / ((2.0 * std::numbers::pi) * param(s, _Na).sym() * R * R);
  const sym::Sym root = sym::sqrt(param(s, _gamma).sym() / (param(s, _k).sym() * s.input<sym::Scalar>(_T).sym()));
  s.output(_Z, sym::Scalar(coefficient * root));
}

NEML2_REGISTER(Model, ZeldovichFactor);
} // namespace neml2

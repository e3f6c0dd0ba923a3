// SalehaniIraniTraction: d = max(1 - exp(-x), damage~1), T_i = a_i b_i (1 - d).
#include "neml2/models/solid_mechanics/traction_separation/salehani_irani_traction.h"

#include <cmath>

namespace neml2
{
OptionSchema
SalehaniIraniTraction::expected_options()
{
  return traction_options(true)
      .doc("Salehani-Irani coupled exponential cohesive law with irreversible damage: b_n = normal_separation / "
           "delta_u0_n, b_si = tangential_separation_i / (sqrt(2) delta_u0_t), x = b_n + b_s1^2 + b_s2^2, damage = "
           "max(1 - exp(-x), damage~1), traction = (e Tmax_n b_n (1 - d) + Kpen normal_penetration, sqrt(2 e) Tmax_t "
           "b_si (1 - d)).")
      .required("normal_characteristic_length", OptionKind::String,
                "the normal length delta_u0_n (parameter 'delta_u0_n'): a number, a [Tensors] name, a [Models] name "
                "or a variable name")
      .required("tangential_characteristic_length", OptionKind::String,
                "the tangential length delta_u0_t (parameter 'delta_u0_t'; sqrt(2) times it is used), as above")
      .required("normal_strength", OptionKind::String, "the peak normal traction (parameter 'Tmax_n'), as above")
      .required("shear_strength", OptionKind::String, "the peak shear traction (parameter 'Tmax_t'), as above")
      .optional("penalty_stiffness", OptionKind::String, "0",
                "the stiffness against interpenetration (parameter 'Kpen'), used with normal_penetration");
}

SalehaniIraniTraction::SalehaniIraniTraction(const Options & options, Factory & factory)
  : TractionLaw(options, true)
{
  _du0n = declare_parameter<sym::Scalar>("delta_u0_n", options.get_string("normal_characteristic_length"),
                                         "normal_characteristic_length", factory);
  _du0t = declare_parameter<sym::Scalar>("delta_u0_t", options.get_string("tangential_characteristic_length"),
                                         "tangential_characteristic_length", factory);
  _Tmax_n = declare_parameter<sym::Scalar>("Tmax_n", options.get_string("normal_strength"), "normal_strength", factory);
  _Tmax_t = declare_parameter<sym::Scalar>("Tmax_t", options.get_string("shear_strength"), "shear_strength", factory);
  _Kpen = declare_parameter<sym::Scalar>("Kpen", options.get_string("penalty_stiffness"), "penalty_stiffness", factory);
}

void
SalehaniIraniTraction::define(Staging & s) const
{
  const auto sep = separations(s);
  const sym::Sym du0t = std::sqrt(2.0) * param(s, _du0t).sym();
  const auto bn = sep.normal / param(s, _du0n).sym();
  const auto bs1 = sep.tangential_1 / du0t, bs2 = sep.tangential_2 / du0t;
  const auto d = ratchet_damage(s, 1.0 - sym::exp(-(bn + bs1 * bs1 + bs2 * bs2)));
  const auto an = std::exp(1.0) * param(s, _Tmax_n).sym();
  const auto at = std::sqrt(2.0 * std::exp(1.0)) * param(s, _Tmax_t).sym();
  auto Tn = an * bn * (1.0 - d);
  if (has_penetration())
    Tn = Tn + param(s, _Kpen).sym() * sep.penetration;
  output_traction(s, Tn, at * bs1 * (1.0 - d), at * bs2 * (1.0 - d));
}

NEML2_REGISTER(Model, SalehaniIraniTraction);
} // namespace neml2

// FredrickArmstrongPlasticHardening: Ẋ = γ̇ (2/3 C N - g X).
#include "neml2/models/solid_mechanics/fredrick_armstrong_plastic_hardening.h"

#include <set>

namespace neml2
{
OptionSchema
FredrickArmstrongPlasticHardening::expected_options()
{
  return Model::expected_options()
      .doc("Fredrick-Armstrong kinematic hardening: back_stress_rate = flow_rate (2/3 C flow_direction - g "
           "back_stress).")
      .required("C", OptionKind::String,
                "the kinematic hardening coefficient C: a number, a [Tensors] name or a "
                "variable name")
      .required("g", OptionKind::String,
                "the dynamic recovery coefficient g: a number, a [Tensors] name or a "
                "variable name")
      .optional("flow_rate", OptionKind::String, "flow_rate", "the flow rate (input)")
      .optional("flow_direction", OptionKind::String, "flow_direction", "the flow direction df/dM (input)")
      .optional("back_stress", OptionKind::String, "back_stress", "the back stress X (input)")
      .optional("back_stress_rate", OptionKind::String, "",
                "the back stress rate (output, default: "
                "<back_stress>_rate)");
}

FredrickArmstrongPlasticHardening::FredrickArmstrongPlasticHardening(const Options & options, Factory & factory)
  : Model(options),
    _gamma_rate(options.get_string("flow_rate")),
    _N(options.get_string("flow_direction")),
    _X(options.get_string("back_stress")),
    _X_rate(options.has("back_stress_rate") ? options.get_string("back_stress_rate") : _X + "_rate")
{
  if (_N == _X)
    throw options.error("back_stress", "the back stress must differ from the flow direction");
  if (std::set<std::string>{_gamma_rate, _N, _X}.count(_X_rate))
    throw options.error("back_stress_rate", "the back stress rate '" + _X_rate + "' must differ from the inputs");
  declare_input(_gamma_rate, TypeKind::Scalar);
  declare_input(_N, TypeKind::SR2);
  declare_input(_X, TypeKind::SR2);
  _C = declare_parameter<sym::Scalar>("C", options.get_string("C"), "C", factory);
  _g = declare_parameter<sym::Scalar>("g", options.get_string("g"), "g", factory);
  declare_output(_X_rate, TypeKind::SR2);
}

sym::SR2
FredrickArmstrongPlasticHardening::recovery(const Staging & s, const sym::SR2 &) const
{
  return sym::SR2::zeros(s.graph());
}

void
FredrickArmstrongPlasticHardening::define(Staging & s) const
{
  const auto C = param(s, _C).sym();
  const auto g = param(s, _g).sym();
  const auto gamma_rate = s.input<sym::Scalar>(_gamma_rate).sym();
  const auto X = s.input<sym::SR2>(_X);
  const auto dynamic = (2.0 / 3.0 * C) * s.input<sym::SR2>(_N) - g * X;
  s.output(_X_rate, sym::SR2(gamma_rate * dynamic + recovery(s, X)));
}

NEML2_REGISTER(Model, FredrickArmstrongPlasticHardening);
} // namespace neml2

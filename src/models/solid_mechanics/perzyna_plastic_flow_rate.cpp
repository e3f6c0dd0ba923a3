// PerzynaPlasticFlowRate: γ̇ = (<f>/η)^n.
#include "neml2/models/solid_mechanics/perzyna_plastic_flow_rate.h"

namespace neml2
{
OptionSchema
PerzynaPlasticFlowRate::expected_options()
{
  return Model::expected_options()
      .doc("Perzyna's viscoplastic flow rate, flow_rate = (<f>/eta)^n, where <f> = max(f, 0) is the Macaulay "
           "bracket of the yield function f, eta the reference stress and n the exponent.")
      .required(
          "reference_stress", OptionKind::String,
          "the reference stress eta (parameter 'eta'): a number, a [Tensors] name, a [Models] name or a variable name")
      .required("exponent", OptionKind::String,
                "the exponent n (parameter 'n'): a number, a [Tensors] name, a [Models] name or a variable name")
      .optional("yield_function", OptionKind::String, "yield_function", "the yield function f (input)")
      .optional("flow_rate", OptionKind::String, "flow_rate", "the flow rate (output)");
}

PerzynaPlasticFlowRate::PerzynaPlasticFlowRate(const Options & options, Factory & factory)
  : Model(options),
    _f(options.get_string("yield_function")),
    _gamma_rate(options.get_string("flow_rate"))
{
  if (_f == _gamma_rate)
    throw options.error("flow_rate", "the flow rate must differ from the yield function");
  declare_input(_f, TypeKind::Scalar);
  _eta = declare_parameter<sym::Scalar>("eta", options.get_string("reference_stress"), "reference_stress", factory);
  _n = declare_parameter<sym::Scalar>("n", options.get_string("exponent"), "exponent", factory);
  admit("eta", Admissible::positive("the reference stress (it divides the overstress)"), "reference_stress");
  admit("n", Admissible::positive("the rate exponent"), "exponent");
  declare_output(_gamma_rate, TypeKind::Scalar);
}

void
PerzynaPlasticFlowRate::define(Staging & s) const
{
  const auto f = s.input<sym::Scalar>(_f).sym();
  const auto eta = param(s, _eta).sym();
  const auto n = param(s, _n).sym();
  // Where f <= 0 the power is taken of a harmless stand-in (f = eta) and discarded by the select, so
  // neither the value nor the derivative ever sees 0^(n-1).
  const auto yielding = sym::heaviside(f);
  const auto fy = sym::where(yielding, f, eta);
  s.output(_gamma_rate, sym::Scalar(sym::where(yielding, sym::pow(fy / eta, n), f.lit(0.0))));
}

NEML2_REGISTER(Model, PerzynaPlasticFlowRate);
} // namespace neml2

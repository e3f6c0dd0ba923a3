// Degradation functions: g = g0(d) (1 - eta) + eta.
#include "neml2/models/phase_field_fracture/degradation_function.h"

#include <fmt/format.h>

namespace neml2
{
OptionSchema
DegradationFunction::degradation_options()
{
  return Model::expected_options()
      .optional("phase", OptionKind::String, "phase", "the phase-field variable d (input)")
      .optional("degradation", OptionKind::String, "degradation", "the value of the degradation function (output)")
      .required("power", OptionKind::String,
                "the power p of (1 - d) (parameter 'p'): a number, a [Tensors] name, a [Models] name or a variable "
                "name")
      .optional("eta", OptionKind::Real, "0.0", "the residual degradation at d = 1, in [0, 1)");
}

DegradationFunction::DegradationFunction(const Options & options, Factory & factory)
  : Model(options),
    _d(options.get_string("phase")),
    _g(options.get_string("degradation")),
    _eta(options.get_real("eta"))
{
  if (!(_eta >= 0 && _eta < 1))
    throw options.error("eta", fmt::format("the residual degradation must be in [0, 1), got {}", _eta));
  declare_input(_d, TypeKind::Scalar);
  _p = declare_parameter<sym::Scalar>("p", options.get_string("power"), "power", factory);
  declare_output_distinct(_g, TypeKind::Scalar, "degradation");
}

void
DegradationFunction::define(Staging & s) const
{
  const auto g0 = unscaled(s, s.input<sym::Scalar>(_d));
  s.output(_g, sym::Scalar(_eta == 0 ? g0 : g0 * (1.0 - _eta) + _eta));
}

OptionSchema
PowerDegradationFunction::expected_options()
{
  return degradation_options().doc(
      "The power degradation function, degradation = (1 - phase)^p (1 - eta) + eta, with eta the residual "
      "degradation of a broken material.");
}

PowerDegradationFunction::PowerDegradationFunction(const Options & options, Factory & factory)
  : DegradationFunction(options, factory)
{
}

sym::Sym
PowerDegradationFunction::unscaled(Staging & s, const sym::Sym & d) const
{
  return sym::pow(1.0 - d, param(s, _p));
}

OptionSchema
RationalDegradationFunction::expected_options()
{
  return degradation_options()
      .doc("The rational degradation function, degradation = (1 - phase)^p / ((1 - phase)^p + Q) (1 - eta) + eta, "
           "with Q = b1 phase (1 + b2 phase + b2 b3 phase^2).")
      .required("b1", OptionKind::String, "the parameter b1 of Q (parameter 'b1'), as power")
      .required("b2", OptionKind::String, "the parameter b2 of Q (parameter 'b2'), as power")
      .required("b3", OptionKind::String, "the parameter b3 of Q (parameter 'b3'), as power");
}

RationalDegradationFunction::RationalDegradationFunction(const Options & options, Factory & factory)
  : DegradationFunction(options, factory)
{
  _b1 = declare_parameter<sym::Scalar>("b1", options.get_string("b1"), "b1", factory);
  _b2 = declare_parameter<sym::Scalar>("b2", options.get_string("b2"), "b2", factory);
  _b3 = declare_parameter<sym::Scalar>("b3", options.get_string("b3"), "b3", factory);
}

sym::Sym
RationalDegradationFunction::unscaled(Staging & s, const sym::Sym & d) const
{
  const auto f = sym::pow(1.0 - d, param(s, _p));
  const sym::Sym b2 = param(s, _b2);
  const auto Q = param(s, _b1).sym() * d * (1.0 + b2 * d + b2 * param(s, _b3).sym() * d * d);
  return f / (f + Q);
}

NEML2_REGISTER(Model, PowerDegradationFunction);
NEML2_REGISTER(Model, RationalDegradationFunction);
} // namespace neml2

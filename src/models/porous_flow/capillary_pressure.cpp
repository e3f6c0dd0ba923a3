// Capillary pressure correlations and their logarithmic extension to low saturations.
#include "neml2/models/porous_flow/capillary_pressure.h"

#include <fmt/format.h>

#include <limits>

namespace neml2
{
OptionSchema
CapillaryPressure::capillary_pressure_options()
{
  return Model::expected_options()
      .optional("effective_saturation", OptionKind::String, "effective_saturation",
                "the effective saturation S (input)")
      .optional("capillary_pressure", OptionKind::String, "capillary_pressure", "the capillary pressure (output)")
      .optional("log_extension", OptionKind::Bool, "false",
                "below transition_saturation, follow the tangent of the correlation in log10(pressure) instead, so "
                "that the pressure stays finite as the saturation goes to zero")
      .optional("transition_saturation", OptionKind::Real, "0.0",
                "the saturation below which the logarithmic extension applies, in (0, 1]");
}

CapillaryPressure::CapillaryPressure(const Options & options)
  : Model(options),
    _S(options.get_string("effective_saturation")),
    _Pc(options.get_string("capillary_pressure")),
    _log_extension(options.get_bool("log_extension")),
    _Sp(options.get_real("transition_saturation"))
{
  if (!(_Sp >= 0 && _Sp <= 1))
    throw options.error("transition_saturation",
                        fmt::format("the transition saturation must be in [0, 1], got {}", _Sp));
  if (_log_extension && _Sp <= 0)
    throw options.error("log_extension",
                        "log_extension = true needs a transition saturation above 0: set transition_saturation");
  declare_input(_S, TypeKind::Scalar);
  declare_output_distinct(_Pc, TypeKind::Scalar, "capillary_pressure");
}

void
CapillaryPressure::define(Staging & s) const
{
  const sym::Sym S = s.input<sym::Scalar>(_S);
  if (!_log_extension)
  {
    s.output(_Pc, sym::Scalar(correlation(s, S).value));
    return;
  }
  // The correlation is evaluated at max(S, Sp) only, so that its singularity at S = 0 never
  // reaches the selected value or its derivative.
  const auto Sp = S.lit(_Sp);
  const auto below = sym::gt(Sp, S);
  const auto at_Sp = correlation(s, Sp);
  const auto above = correlation(s, sym::where(below, Sp, S));
  const auto extended = at_Sp.value * sym::exp(at_Sp.slope / at_Sp.value * (S - Sp));
  s.output(_Pc, sym::Scalar(sym::where(below, extended, above.value)));
}

OptionSchema
BrooksCoreyCapillaryPressure::expected_options()
{
  return capillary_pressure_options()
      .doc("The Brooks-Corey capillary pressure, capillary_pressure = Pt effective_saturation^(-1/p), with Pt the "
           "threshold (entry) pressure and p the shape exponent.")
      .required("threshold_pressure", OptionKind::String,
                "the threshold entry pressure Pt (parameter 'Pt'): a number, a [Tensors] name, a [Models] name or a "
                "variable name")
      .required("exponent", OptionKind::String, "the shape exponent p (parameter 'p'), as above");
}

BrooksCoreyCapillaryPressure::BrooksCoreyCapillaryPressure(const Options & options, Factory & factory)
  : CapillaryPressure(options)
{
  _Pt = declare_parameter<sym::Scalar>("Pt", options.get_string("threshold_pressure"), "threshold_pressure", factory);
  _p = declare_parameter<sym::Scalar>("p", options.get_string("exponent"), "exponent", factory);
}

CapillaryPressure::Branch
BrooksCoreyCapillaryPressure::correlation(Staging & s, const sym::Sym & S) const
{
  const sym::Sym Pt = param(s, _Pt);
  const sym::Sym p = param(s, _p);
  const auto Pc = Pt * sym::pow(S, -1.0 / p);
  return {Pc, -Pc / (p * S)};
}

OptionSchema
VanGenuchtenCapillaryPressure::expected_options()
{
  return capillary_pressure_options()
      .doc("The van Genuchten capillary pressure, capillary_pressure = a (effective_saturation^(-1/m) - 1)^(1 - m), "
           "with a and m shape parameters; saturations above 1 - machine epsilon are taken as 1 - epsilon.")
      .required("a", OptionKind::String,
                "the shape parameter a (parameter 'a'): a number, a [Tensors] name, a [Models] name or a variable name")
      .required("m", OptionKind::String, "the shape parameter m (parameter 'm'), as above");
}

VanGenuchtenCapillaryPressure::VanGenuchtenCapillaryPressure(const Options & options, Factory & factory)
  : CapillaryPressure(options)
{
  _a = declare_parameter<sym::Scalar>("a", options.get_string("a"), "a", factory);
  _m = declare_parameter<sym::Scalar>("m", options.get_string("m"), "m", factory);
}

CapillaryPressure::Branch
VanGenuchtenCapillaryPressure::correlation(Staging & s, const sym::Sym & S_in) const
{
  // At S = 1 the base S^(-1/m) - 1 vanishes and its power 1 - m < 1 has an infinite slope.
  const auto S_max = S_in.lit(1.0 - std::numeric_limits<double>::epsilon());
  const auto S = sym::where(sym::gt(S_in, S_max), S_max, S_in);
  const sym::Sym a = param(s, _a);
  const sym::Sym m = param(s, _m);
  const auto Sm = sym::pow(S, -1.0 / m);
  const auto base = Sm - 1.0;
  const auto Pc = a * sym::pow(base, 1.0 - m);
  // dPc/dS = a (1 - m) base^(-m) (-1/m) S^(-1/m - 1) = -(1 - m)/m Pc Sm / (base S)
  return {Pc, -(1.0 - m) / m * Pc * Sm / (base * S)};
}

NEML2_REGISTER(Model, BrooksCoreyCapillaryPressure);
NEML2_REGISTER(Model, VanGenuchtenCapillaryPressure);
} // namespace neml2

// Hermite smooth step and symmetric Hermite interpolation (NEML2 v3's equations), of the
// argument mapped onto [0, 1] and clamped to [eps, 1 - eps], eps the float64 machine epsilon.
#include "neml2/models/common/hermite_smooth_step.h"

#include <limits>

namespace neml2
{
OptionSchema
HermiteFunction::hermite_options()
{
  return Model::expected_options()
      .optional("argument", OptionKind::String, "argument", "the argument x (input)")
      .required("lower_bound", OptionKind::String,
                "x0, where u = 0 (parameter 'x0'): a number, a [Tensors] name, a [Models] name or a variable name")
      .required("upper_bound", OptionKind::String, "x1, where u = 1 (parameter 'x1'), as above");
}

HermiteFunction::HermiteFunction(const Options & options, Factory & factory, const std::string & output)
  : Model(options),
    _x(options.get_string("argument")),
    _y(output)
{
  declare_input(_x, TypeKind::Scalar);
  _x0 = declare_parameter<sym::Scalar>("x0", options.get_string("lower_bound"), "lower_bound", factory);
  _x1 = declare_parameter<sym::Scalar>("x1", options.get_string("upper_bound"), "upper_bound", factory);
  declare_output_distinct(_y, TypeKind::Scalar, options.has("value") ? "value" : "output");
}

void
HermiteFunction::define(Staging & s) const
{
  constexpr double eps = std::numeric_limits<double>::epsilon();
  const sym::Sym x = s.input<sym::Scalar>(_x), x0 = param(s, _x0).sym();
  const auto inverse_width = 1.0 / (param(s, _x1).sym() - x0);
  const auto u = sym::max(sym::min((x - x0) * inverse_width, x.lit(1.0 - eps)), x.lit(eps));
  s.output(_y, sym::Scalar(of(u, inverse_width)));
}

OptionSchema
HermiteSmoothStep::expected_options()
{
  return hermite_options()
      .doc("Hermite smooth step: value = 3 u^2 - 2 u^3 with u = (argument - x0) / (x1 - x0) clamped to [eps, 1 - eps] "
           "(or 1 minus that with complement = true).")
      .optional("value", OptionKind::String, "value", "the step's value (output)")
      .optional("complement", OptionKind::Bool, "false", "give 1 - step instead");
}

HermiteSmoothStep::HermiteSmoothStep(const Options & options, Factory & factory)
  : HermiteFunction(options, factory, options.get_string("value")),
    _complement(options.get_bool("complement"))
{
}

sym::Sym
HermiteSmoothStep::of(const sym::Sym & u, const sym::Sym &) const
{
  const auto y = 3.0 * u * u - 2.0 * u * u * u;
  return _complement ? 1.0 - y : y;
}

OptionSchema
SymmetricHermiteInterpolation::expected_options()
{
  return hermite_options()
      .doc("Symmetric Hermite interpolation: output = (24 c^2 - 32 c^3) / (x1 - x0) for c < 1/2 and (24 (1 - c)^2 - "
           "32 (1 - c)^3) / (x1 - x0) above, with c = (argument - x0) / (x1 - x0) clamped to [eps, 1 - eps].")
      .optional("output", OptionKind::String, "", "the function's value (output; default: the block's name)");
}

SymmetricHermiteInterpolation::SymmetricHermiteInterpolation(const Options & options, Factory & factory)
  : HermiteFunction(options, factory, options.has("output") ? options.get_string("output") : options.name())
{
}

sym::Sym
SymmetricHermiteInterpolation::of(const sym::Sym & c, const sym::Sym & inverse_width) const
{
  const auto omc = 1.0 - c;
  const auto low = 24.0 * c * c - 32.0 * c * c * c, high = 24.0 * omc * omc - 32.0 * omc * omc * omc;
  return sym::where(sym::gt(c.lit(0.5), c), inverse_width * low, inverse_width * high);
}

NEML2_REGISTER(Model, HermiteSmoothStep);
NEML2_REGISTER(Model, SymmetricHermiteInterpolation);
} // namespace neml2

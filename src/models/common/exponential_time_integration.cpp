// Exponential time integration of MRP rotations: s = exp((t - t~1) s_rate) ∘ s~1.
#include "neml2/models/common/exponential_time_integration.h"

#include <set>

#include "neml2/graph/sym_r2_ops.h"

namespace neml2
{
OptionSchema
ExponentialTimeIntegration::integration_options(bool implicit)
{
  auto s = Model::expected_options()
               .doc(implicit ? "Implicit exponential time integration residual of a rotation (MRP): r = s - exp((t - "
                               "t~1) s_rate) o s~1, with exp the exponential map of the spin s_rate (a WR2) and o the "
                               "composition of rotations."
                             : "Explicit exponential time integration of a rotation (MRP): s = exp((t - t~1) s_rate) o "
                               "s~1, with exp the exponential map of the spin s_rate (a WR2) and o the composition of "
                               "rotations.")
               .optional("variable", OptionKind::String, "variable",
                         std::string("the rotation s, an MRP (") + (implicit ? "input" : "output") +
                             "; its previous value is read from 's~1')")
               .optional("rate", OptionKind::String, "", "the spin s_rate, a WR2 (default: <variable>_rate)")
               .optional("time", OptionKind::String, "t", "the time t (its previous value is read from 't~1')");
  if (implicit)
    s.optional("variable_residual", OptionKind::String, "", "the output residual r (default: <variable>_residual)");
  return s;
}

ExponentialTimeIntegration::ExponentialTimeIntegration(const Options & options, bool implicit)
  : Model(options),
    _implicit(implicit),
    _x(options.get_string("variable")),
    _rate(options.has("rate") ? options.get_string("rate") : _x + "_rate"),
    _t(options.get_string("time"))
{
  if (std::set<std::string>{_x, _rate, _t}.size() != 3)
    throw options.error("rate", "the rotation, its rate and the time must be three different variables");
  if (_implicit)
  {
    _r = options.has("variable_residual") ? options.get_string("variable_residual") : _x + "_residual";
    declare_input(_x, TypeKind::MRP);
  }
  declare_input(_x + "~1", TypeKind::MRP);
  declare_input(_rate, TypeKind::WR2);
  declare_input(_t, TypeKind::Scalar);
  declare_input(_t + "~1", TypeKind::Scalar);
  if (_implicit)
    declare_output_distinct(_r, TypeKind::MRP, "variable_residual");
  else
    declare_output_distinct(_x, TypeKind::MRP, "variable");
}

void
ExponentialTimeIntegration::define(Staging & s) const
{
  const auto dt = s.input<sym::Scalar>(_t).sym() - s.input<sym::Scalar>(_t + "~1").sym();
  const auto updated = sym::compose(sym::exp_map(dt * s.input<sym::WR2>(_rate)), s.input<sym::MRP>(_x + "~1"));
  if (_implicit)
    s.output(_r, s.input<sym::MRP>(_x) - updated);
  else
    s.output(_x, updated);
}

NEML2_REGISTER(Model, WR2ExplicitExponentialTimeIntegration);
NEML2_REGISTER(Model, WR2ImplicitExponentialTimeIntegration);
} // namespace neml2

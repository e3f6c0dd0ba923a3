// Power-law static recovery: ḣ = −(|h|/τ)^(n−1) h/τ, Ẋ = −(‖X‖/τ)^(n−1) X/τ.
#include "neml2/models/solid_mechanics/power_law_static_recovery.h"

#include "neml2/models/solid_mechanics/guarded_math.h"

namespace neml2
{
OptionSchema
PowerLawStaticRecovery::recovery_options(TypeKind type, const std::string & variable)
{
  const bool iso = type == TypeKind::Scalar;
  return Model::expected_options()
      .doc(iso ? "Power-law static recovery of isotropic hardening: isotropic_hardening_rate = -(|h| / tau)^(n - 1) "
                 "h / tau, h the isotropic hardening."
               : "Power-law static recovery of a back stress: back_stress_rate = -(|X| / tau)^(n - 1) X / tau, with "
                 "|X| the norm of the back stress X.")
      .required("tau", OptionKind::String,
                "the recovery rate tau (parameter 'tau'): a number, a [Tensors] name, a [Models] name or a variable "
                "name")
      .required("n", OptionKind::String, "the recovery exponent n (parameter 'n'), as above")
      .optional(variable, OptionKind::String, variable, "the recovered variable (input)")
      .optional(variable + "_rate", OptionKind::String, "",
                "its recovery rate (output, default <" + variable + ">_rate)");
}

PowerLawStaticRecovery::PowerLawStaticRecovery(const Options & options, Factory & factory, TypeKind type,
                                               const std::string & variable)
  : Model(options),
    _type(type),
    _h(options.get_string(variable)),
    _h_rate(options.has(variable + "_rate") ? options.get_string(variable + "_rate") : _h + "_rate")
{
  declare_input(_h, type);
  _tau = declare_parameter<sym::Scalar>("tau", options.get_string("tau"), "tau", factory);
  _n = declare_parameter<sym::Scalar>("n", options.get_string("n"), "n", factory);
  declare_output_distinct(_h_rate, type, variable + "_rate");
}

void
PowerLawStaticRecovery::define(Staging & s) const
{
  const sym::Sym tau = param(s, _tau).sym(), n = param(s, _n).sym();
  // (m/τ)^(n−1)/τ with m the magnitude; a stand-in magnitude (1) where it is zero keeps pow(0, ·)
  // out of value and derivative, and the rate there is zero.
  const auto coefficient = [&](const sym::Sym & m2) {
    const auto pos = sym::gt(m2, m2.lit(0.0));
    const auto m = sym::sqrt(sym::where(pos, m2, m2.lit(1.0)));
    return std::make_pair(pos, sym::pow(m / tau, n - 1.0) / tau);
  };
  if (_type == TypeKind::Scalar)
  {
    const sym::Sym h = s.input<sym::Scalar>(_h);
    const auto [pos, c] = coefficient(h * h);
    s.output(_h_rate, sym::Scalar(sym::where(pos, -(c * h), h.lit(0.0))));
    return;
  }
  const auto X = s.input<sym::SR2>(_h);
  const auto [pos, c] = coefficient(sym::norm_sq(X));
  s.output(_h_rate, guarded::where(pos, -(c * X), sym::SR2::zeros(s.graph())));
}

PowerLawIsotropicHardeningStaticRecovery::PowerLawIsotropicHardeningStaticRecovery(const Options & options,
                                                                                   Factory & factory)
  : PowerLawStaticRecovery(options, factory, TypeKind::Scalar, "isotropic_hardening")
{
}

OptionSchema
PowerLawIsotropicHardeningStaticRecovery::expected_options()
{
  return recovery_options(TypeKind::Scalar, "isotropic_hardening");
}

PowerLawKinematicHardeningStaticRecovery::PowerLawKinematicHardeningStaticRecovery(const Options & options,
                                                                                   Factory & factory)
  : PowerLawStaticRecovery(options, factory, TypeKind::SR2, "back_stress")
{
}

OptionSchema
PowerLawKinematicHardeningStaticRecovery::expected_options()
{
  return recovery_options(TypeKind::SR2, "back_stress");
}

NEML2_REGISTER(Model, PowerLawIsotropicHardeningStaticRecovery);
NEML2_REGISTER(Model, PowerLawKinematicHardeningStaticRecovery);
} // namespace neml2

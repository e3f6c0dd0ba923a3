// ChabochePlasticHardening: static recovery -A ‖X‖^(a-1) X on top of Fredrick-Armstrong.
#include "neml2/models/solid_mechanics/chaboche_plastic_hardening.h"

#include "neml2/models/solid_mechanics/guarded_math.h"

namespace neml2
{
OptionSchema
ChabochePlasticHardening::expected_options()
{
  return FredrickArmstrongPlasticHardening::expected_options()
      .doc("Chaboche kinematic hardening: back_stress_rate = flow_rate (2/3 C flow_direction - g back_stress) - A "
           "|back_stress|^(a-1) back_stress, i.e. Fredrick-Armstrong plus static recovery (|X| = sqrt(X:X)).")
      .required("A", OptionKind::String,
                "the static recovery prefactor A: a number, a [Tensors] name or a "
                "variable name")
      .required("a", OptionKind::String,
                "the static recovery exponent a: a number, a [Tensors] name or a variable "
                "name");
}

ChabochePlasticHardening::ChabochePlasticHardening(const Options & options, Factory & factory)
  : FredrickArmstrongPlasticHardening(options, factory)
{
  _A = declare_parameter<sym::Scalar>("A", options.get_string("A"), "A", factory);
  _a = declare_parameter<sym::Scalar>("a", options.get_string("a"), "a", factory);
}

sym::SR2
ChabochePlasticHardening::recovery(const Staging & s, const sym::SR2 & X) const
{
  const auto A = param(s, _A).sym();
  const auto a = param(s, _a).sym();
  const auto n2 = sym::norm_sq(X);
  const auto pos = sym::gt(n2, n2.lit(0.0));
  // The norm of a stand-in (1) where X = 0 keeps pow(0, a - 1) out of value and derivative.
  const auto norm = sym::sqrt(sym::where(pos, n2, n2.lit(1.0)));
  return guarded::where(pos, -(A * sym::pow(norm, a - 1.0)) * X, sym::SR2::zeros(s.graph()));
}

NEML2_REGISTER(Model, ChabochePlasticHardening);
} // namespace neml2

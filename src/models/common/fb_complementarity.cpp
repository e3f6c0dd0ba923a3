// FBComplementarity: r = a' + b' - sqrt(a'^2 + b'^2).
#include "neml2/models/common/fb_complementarity.h"

#include "neml2/models/common/min_map_complementarity.h"

namespace neml2
{
OptionSchema
FBComplementarity::expected_options()
{
  return complementarity_options(
      "Complementarity condition a' >= 0, b' >= 0, a' b' = 0 as the Fischer-Burmeister residual r = a' + b' - "
      "sqrt(a'^2 + b'^2), with a' = -a for a_inequality = LE and a' = a for GE (likewise b'). At a = b = 0 the "
      "derivative is taken as that of a' + b'.");
}

FBComplementarity::FBComplementarity(const Options & options, Factory &)
  : Model(options)
{
  read_complementarity_options(options, _a, _b, _r, _sa, _sb);
  declare_input(_a, TypeKind::Scalar);
  declare_input(_b, TypeKind::Scalar);
  declare_output(_r, TypeKind::Scalar);
}

void
FBComplementarity::define(Staging & s) const
{
  const auto a = _sa * s.input<sym::Scalar>(_a).sym();
  const auto b = _sb * s.input<sym::Scalar>(_b).sym();
  const auto sum = a + b;
  // sqrt with derivative 0 instead of infinity at the origin (the inner select keeps 0/0 out).
  const auto rr = a * a + b * b;
  const auto nonzero = sym::heaviside(rr);
  const auto rho = sym::where(nonzero, sym::sqrt(sym::where(nonzero, rr, rr.lit(1.0))), rr.lit(0.0));
  // a + b - rho loses every digit to cancellation when one argument dominates (e.g. a flow rate
  // next to a large elastic yield function). Where a + b > 0 the same value is
  // 2ab / (a + b + rho), which has no cancellation (the form PETSc's VecFischer uses).
  const auto stable = 2.0 * a * b / sym::where(sym::heaviside(sum), sum + rho, sum.lit(1.0));
  s.output(_r, sym::Scalar(sym::where(sym::heaviside(sum), stable, sum - rho)));
}

NEML2_REGISTER(Model, FBComplementarity);
} // namespace neml2

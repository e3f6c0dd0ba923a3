// Guarded symbolic functions shared by the plasticity models: finite values and derivatives at
// the points where the plain formula divides by zero (a vanishing norm, a zero yield function).
#pragma once

#include "neml2/graph/sym_tensor_ops.h"

namespace neml2::guarded
{
/// sqrt(x) for x >= 0, with the value 0 and the derivative 0 (instead of infinity) at x <= 0.
/// The inner select keeps the 0/0 of the sqrt branch's derivative out of the result.
inline sym::Sym
sqrt0(const sym::Sym & x)
{
  const auto zero = x.lit(0.0);
  const auto pos = sym::gt(x, zero);
  return sym::where(pos, sym::sqrt(sym::where(pos, x, x.lit(1.0))), zero);
}

/// von Mises stress sqrt(3/2 dev(a):dev(a)), 0 (with derivative 0) where dev(a) = 0.
inline sym::Sym
von_mises(const sym::SR2 & a)
{
  return sqrt0(1.5 * sym::norm_sq(sym::dev(a)));
}

/// Componentwise where(cond, a, b) for an SR2.
inline sym::SR2
where(const sym::Sym & cond, const sym::SR2 & a, const sym::SR2 & b)
{
  sym::SR2 r;
  for (std::size_t i = 0; i < 6; ++i)
    r[i] = sym::where(cond, a[i], b[i]);
  return r;
}
} // namespace neml2::guarded

// Tensor algebra on symbolic tensors in Mandel notation (the formulas models are written in).
#pragma once

#include "neml2/graph/sym.h"

namespace neml2::sym
{
/// √2, the Mandel factor of the shear components.
inline constexpr double mandel_factor = 1.41421356237309504880;

/// Trace of a symmetric tensor: xx + yy + zz.
Sym tr(const SR2 & a);
/// Volumetric part tr(a)/3 I.
SR2 vol(const SR2 & a);
/// Deviatoric part a - vol(a).
SR2 dev(const SR2 & a);
/// Double contraction a : b (Mandel components make it a plain dot product).
Sym inner(const SR2 & a, const SR2 & b);
/// Frobenius norm sqrt(a : a).
Sym norm(const SR2 & a);
/// Squared norm a : a.
Sym norm_sq(const SR2 & a);
/// Second invariant of a symmetric tensor, I2 = (tr(a)^2 - a:a)/2.
Sym second_invariant(const SR2 & a);
/// Identity tensor.
SR2 identity_sr2(Graph * g);
/// Symmetric tensor with components (xx, yy, zz, yz, xz, xy) given in tensor (not Mandel) form.
SR2 sr2_from_tensor_components(Graph * g, const std::array<double, 6> & c);
/// 4th order: a_ij b_kl (Mandel outer product).
SSR4 outer(const SR2 & a, const SR2 & b);
/// 4th order times 2nd order: C : e.
SR2 dot(const SSR4 & C, const SR2 & e);
/// Mandel identity tensors: symmetric identity, volumetric and deviatoric projectors.
SSR4 identity_sym(Graph * g);
SSR4 identity_vol(Graph * g);
SSR4 identity_dev(Graph * g);
} // namespace neml2::sym

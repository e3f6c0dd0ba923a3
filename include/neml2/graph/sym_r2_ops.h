// Full second-order tensors (R2, row-major) and rotations on symbolic tensors: products,
// inverse, symmetric and skew parts, MRP rotation matrices, rotating a Mandel SSR4.
#pragma once

#include "neml2/graph/sym.h"

namespace neml2::sym
{
/// The matrix product a b.
R2 matmul(const R2 & a, const R2 & b);
/// The transpose aᵀ.
R2 transpose(const R2 & a);
/// The inverse a⁻¹ = adj(a) / det(a).
R2 inverse(const R2 & a);
/// The symmetric part (a + aᵀ)/2, in Mandel form.
SR2 sym_part(const R2 & a);
/// The skew part (a − aᵀ)/2 as its axial vector w, with W = [[0, −w2, w1], [w2, 0, −w0], [−w1, w0, 0]].
WR2 skew_part(const R2 & a);
/// The full tensor of a Mandel SR2.
R2 r2_from_sr2(const SR2 & s);
/// The rotation matrix of modified Rodrigues parameters r (Euler–Rodrigues):
/// R = I + (4 (1 − r·r) W + 8 W²) / (1 + r·r)², W the skew matrix of r.
R2 rotation_matrix(const MRP & r);
/// The composition a ∘ b of two MRP rotations (b first):
/// ((1 − |b|²) a + (1 − |a|²) b − 2 b × a) / (1 + |a|²|b|² − 2 a·b).
MRP compose(const MRP & a, const MRP & b);
/// The MRP of the exponential of an axial vector w, as NEML2 v3 computes it (WR2::exp_map):
/// w tan(|w|²/2) / (2 |w|² cos(|w|²/2)), and w (1/4 + 5 |w|⁴/96) for |w|² below ε^(1/3).
MRP exp_map(const WR2 & w);
/// Q with (R a Rᵀ)^ = Q â for the Mandel vector â of a symmetric a.
SSR4 mandel_rotation(const R2 & R);
/// The 4th-order tensor rotated by R: Q T Qᵀ in Mandel form.
SSR4 rotate(const SSR4 & T, const R2 & R);
} // namespace neml2::sym

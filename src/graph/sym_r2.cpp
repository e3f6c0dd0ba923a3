// Full second-order tensors and rotations on symbolic tensors.
#include "neml2/graph/sym_r2_ops.h"

#include <cmath>
#include <limits>

#include "neml2/graph/sym_tensor_ops.h"

namespace neml2::sym
{
namespace
{
/// Component (i, j) of a row-major R2.
const Sym &
at(const R2 & a, std::size_t i, std::size_t j)
{
  return a[3 * i + j];
}

/// Mandel index of the symmetric pair (i, j) and its factor (1 on the diagonal, √2 off it).
std::size_t
mandel_index(std::size_t i, std::size_t j)
{
  if (i == j)
    return i;
  const auto k = 3 - i - j; // the index not in the pair: yz -> 3, xz -> 4, xy -> 5
  return 3 + k;
}
} // namespace

R2
matmul(const R2 & a, const R2 & b)
{
  R2 c;
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 3; ++j)
    {
      const Sym row[3] = {at(a, i, 0), at(a, i, 1), at(a, i, 2)};
      const Sym col[3] = {at(b, 0, j), at(b, 1, j), at(b, 2, j)};
      c[3 * i + j] = sparse_dot(row, col, 3);
    }
  return c;
}

R2
transpose(const R2 & a)
{
  R2 t;
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 3; ++j)
      t[3 * i + j] = at(a, j, i);
  return t;
}

R2
inverse(const R2 & a)
{
  // adj(a)_ij = the cofactor C_ji; cofactors by cyclic indices.
  R2 adj;
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 3; ++j)
    {
      const auto i1 = (i + 1) % 3, i2 = (i + 2) % 3, j1 = (j + 1) % 3, j2 = (j + 2) % 3;
      adj[3 * j + i] = at(a, i1, j1) * at(a, i2, j2) - at(a, i1, j2) * at(a, i2, j1);
    }
  const auto det = at(a, 0, 0) * adj[0] + at(a, 0, 1) * adj[3] + at(a, 0, 2) * adj[6];
  return adj / det;
}

SR2
sym_part(const R2 & a)
{
  const double h = mandel_factor / 2.0;
  return SR2({at(a, 0, 0), at(a, 1, 1), at(a, 2, 2), h * (at(a, 1, 2) + at(a, 2, 1)), h * (at(a, 0, 2) + at(a, 2, 0)),
              h * (at(a, 0, 1) + at(a, 1, 0))});
}

WR2
skew_part(const R2 & a)
{
  return WR2({(at(a, 2, 1) - at(a, 1, 2)) / 2.0, (at(a, 0, 2) - at(a, 2, 0)) / 2.0, (at(a, 1, 0) - at(a, 0, 1)) / 2.0});
}

R2
r2_from_sr2(const SR2 & s)
{
  const double r = 1.0 / mandel_factor;
  const auto yz = r * s[3], xz = r * s[4], xy = r * s[5];
  return R2({s[0], xy, xz, xy, s[1], yz, xz, yz, s[2]});
}

R2
rotation_matrix(const MRP & r)
{
  const auto w0 = r[0], w1 = r[1], w2 = r[2];
  const auto rr = w0 * w0 + w1 * w1 + w2 * w2;
  const auto inv = 1.0 / ((1.0 + rr) * (1.0 + rr));
  const auto b = 4.0 * (1.0 - rr) * inv, c = 8.0 * inv;
  // W = [[0, -w2, w1], [w2, 0, -w0], [-w1, w0, 0]]; W² is symmetric: diagonal −(|w|² − w_i²),
  // off-diagonal w_i w_j.
  return R2({1.0 - c * (w1 * w1 + w2 * w2), -b * w2 + c * w0 * w1, b * w1 + c * w0 * w2, //
             b * w2 + c * w0 * w1, 1.0 - c * (w0 * w0 + w2 * w2), -b * w0 + c * w1 * w2, //
             -b * w1 + c * w0 * w2, b * w0 + c * w1 * w2, 1.0 - c * (w0 * w0 + w1 * w1)});
}

MRP
compose(const MRP & a, const MRP & b)
{
  const auto aa = a[0] * a[0] + a[1] * a[1] + a[2] * a[2];
  const auto bb = b[0] * b[0] + b[1] * b[1] + b[2] * b[2];
  const auto ab = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  const Sym bxa[3] = {b[1] * a[2] - b[2] * a[1], b[2] * a[0] - b[0] * a[2], b[0] * a[1] - b[1] * a[0]};
  const auto den = 1.0 + aa * bb - 2.0 * ab;
  MRP c;
  for (std::size_t i = 0; i < 3; ++i)
    c[i] = ((1.0 - bb) * a[i] + (1.0 - aa) * b[i] - 2.0 * bxa[i]) / den;
  return c;
}

MRP
exp_map(const WR2 & w)
{
  const auto n2 = w[0] * w[0] + w[1] * w[1] + w[2] * w[2];
  const double threshold = std::cbrt(std::numeric_limits<double>::epsilon());
  const auto large = sym::gt(n2, n2.lit(threshold));
  const auto safe = sym::where(large, n2, n2.lit(1.0)); // unselected lanes never divide by zero
  const auto exact = sym::sin(safe / 2.0) / sym::cos(safe / 2.0) / (2.0 * safe * sym::cos(safe / 2.0));
  const auto taylor = 0.25 + 5.0 * n2 * n2 / 96.0;
  const auto scale = sym::where(large, exact, taylor);
  return MRP({w[0] * scale, w[1] * scale, w[2] * scale});
}

SSR4
mandel_rotation(const R2 & R)
{
  // Column J of Q is the Mandel vector of R E_J Rᵀ, E_J the tensor of Mandel basis vector J:
  // E_J = e_j e_j for J < 3, (e_k e_l + e_l e_k)/√2 for the shear pair (k, l) of J.
  const std::size_t pairs[6][2] = {{0, 0}, {1, 1}, {2, 2}, {1, 2}, {0, 2}, {0, 1}};
  SSR4 Q;
  for (std::size_t J = 0; J < 6; ++J)
  {
    const auto k = pairs[J][0], l = pairs[J][1];
    for (std::size_t i = 0; i < 3; ++i)
      for (std::size_t j = i; j < 3; ++j)
      {
        // (R E_J Rᵀ)_ij
        Sym b =
            J < 3 ? at(R, i, k) * at(R, j, k) : (at(R, i, k) * at(R, j, l) + at(R, i, l) * at(R, j, k)) / mandel_factor;
        if (i != j)
          b = mandel_factor * b;
        Q[6 * mandel_index(i, j) + J] = b;
      }
  }
  return Q;
}

SSR4
rotate(const SSR4 & T, const R2 & R)
{
  const auto Q = mandel_rotation(R);
  SSR4 QT, out;
  for (std::size_t I = 0; I < 6; ++I)
    for (std::size_t J = 0; J < 6; ++J)
    {
      Sym s = Q[6 * I] * T[J];
      for (std::size_t K = 1; K < 6; ++K)
        s = s + Q[6 * I + K] * T[6 * K + J];
      QT[6 * I + J] = s;
    }
  for (std::size_t I = 0; I < 6; ++I)
    for (std::size_t J = 0; J < 6; ++J)
    {
      Sym s = QT[6 * I] * Q[6 * J];
      for (std::size_t K = 1; K < 6; ++K)
        s = s + QT[6 * I + K] * Q[6 * J + K];
      out[6 * I + J] = s;
    }
  return out;
}
} // namespace neml2::sym

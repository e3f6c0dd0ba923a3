// The meaning of every IR op, one inline function per op, on one scalar of type T.
//
// This header is the single source of truth for op arithmetic: the builder folds constants
// with it, the eager interpreter runs it over batches, and the code generator copies this
// file verbatim into every generated kernel. Therefore it must stay self-contained (only
// <cmath> and math_pow.h, which kernels hold before it), and everything here must be exactly
// reproducible: no FMA contraction (-ffp-contract=off), no fast-math.
#pragma once

#include <cmath>

#if !defined(NEML2_KERNEL_SOURCE) && !defined(__CUDACC__)
#include "neml2/graph/math_pow.h"
#endif

// Generated CUDA kernels compile these functions for the device too (nvcc defines __CUDACC__);
// everywhere else the macro is empty, so CPU code is unchanged.
#ifndef NEML2_HD
#if defined(__CUDACC__)
#define NEML2_HD __host__ __device__
#else
#define NEML2_HD
#endif
#endif

namespace neml2_ops
{
// clang-format off
template <typename T> NEML2_HD inline T op_neg(T a) { return -a; }
template <typename T> NEML2_HD inline T op_sqrt(T a) { return std::sqrt(a); }
template <typename T> NEML2_HD inline T op_exp(T a) { return std::exp(a); }
template <typename T> NEML2_HD inline T op_log(T a) { return std::log(a); }
template <typename T> NEML2_HD inline T op_sin(T a) { return std::sin(a); }
template <typename T> NEML2_HD inline T op_cos(T a) { return std::cos(a); }
template <typename T> NEML2_HD inline T op_tanh(T a) { return std::tanh(a); }
template <typename T> NEML2_HD inline T op_abs(T a) { return std::fabs(a); }
template <typename T> NEML2_HD inline T op_sign(T a) { return a > T(0) ? T(1) : (a < T(0) ? T(-1) : T(0)); }
template <typename T> NEML2_HD inline T op_add(T a, T b) { return a + b; }
template <typename T> NEML2_HD inline T op_sub(T a, T b) { return a - b; }
template <typename T> NEML2_HD inline T op_mul(T a, T b) { return a * b; }
template <typename T> NEML2_HD inline T op_div(T a, T b) { return a / b; }
// clang-format on

// pow with a whole exponent k = 2..16 is multiplied out, the same multiplications in every
// evaluator (this file, lane_pow, and Graph::simplify's rewrite of pow(x, constant)): left-to-right
// binary powering, x^7 = ((x^2 x)^2) x. A chain of k - 1 or fewer roundings errs by less than
// (k - 1) 2^-53 relative (to first order; tests/unit/core/test_math_pow.cpp measures it), and keeps
// pow's signed zeros, infinities and NaN. Why: a power-law exponent is most often such a constant,
// and a few multiplications cost a fraction of pow (crystal slip rates: 24 pows per residual and
// Jacobian).
/// k when b is a whole number 2..16, else 0.
template <typename T>
NEML2_HD inline int
op_pow_whole_exponent(T b)
{
  return b >= T(2) && b <= T(16) && b == T(static_cast<int>(b)) ? static_cast<int>(b) : 0;
}
/// a^k by left-to-right binary powering (k = 2..16); T is a scalar or a vector of lanes.
template <typename T>
NEML2_HD inline T
op_pow_whole(T a, int k)
{
  int bit = 16;
  while (!(k & bit))
    bit >>= 1;
  T r = a;
  for (bit >>= 1; bit != 0; bit >>= 1)
  {
    r = r * r;
    if (k & bit)
      r = r * a;
  }
  return r;
}

// clang-format off
template <typename T> NEML2_HD inline T op_pow(T a, T b) { const int k = op_pow_whole_exponent(b); return k ? op_pow_whole(a, k) : std::pow(a, b); }
#if !defined(__CUDACC__) // CUDA kernels keep the CUDA math library's pow (math_pow.h is host only)
template <> inline double op_pow<double>(double a, double b) { const int k = op_pow_whole_exponent(b); return k ? op_pow_whole(a, k) : neml2_math::pow(a, b); }
#endif
// std::pow(float, float) is __builtin_powf, which kernels would still rewrite for constant
// exponents (see -fno-builtin-powf in codegen/compiler.cpp): call the C library's powf by name.
template <> NEML2_HD inline float op_pow<float>(float a, float b) { const int k = op_pow_whole_exponent(b); return k ? op_pow_whole(a, k) : ::powf(a, b); }
// max/min propagate NaN from either side so a diverging Newton iterate is never hidden.
template <typename T> NEML2_HD inline T op_max(T a, T b) { return (a != a || b != b) ? a + b : (a > b ? a : b); } // NOLINT(misc-redundant-expression): a != a is the NaN test
template <typename T> NEML2_HD inline T op_min(T a, T b) { return (a != a || b != b) ? a + b : (a < b ? a : b); } // NOLINT(misc-redundant-expression)
template <typename T> NEML2_HD inline T op_gt(T a, T b) { return a > b ? T(1) : T(0); }
template <typename T> NEML2_HD inline T op_select(T c, T a, T b) { return c != T(0) ? a : b; }
// The angle of the point (x, y), in [-pi, pi].
template <typename T> NEML2_HD inline T op_atan2(T y, T x) { return std::atan2(y, x); }
// clang-format on
} // namespace neml2_ops

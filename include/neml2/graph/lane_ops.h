// The IR ops on W material points at once, one SIMD lane per point (GCC/Clang vector extensions).
//
// Generated kernels with implicit solves evaluate a tile of W points together (codegen_cpu_lanes.cpp);
// this header is copied verbatim into them after scalar_ops.h. Every lane must compute exactly what
// the scalar op of scalar_ops.h computes for its point, so that compiled results stay bit-identical
// to the eager interpreter:
//  - by default an op is its scalar function called lane by lane (`lanewise`): math-library functions
//    (exp, log, sin, cos, tanh, pow, ...) need that, because vector math libraries round differently
//    (glibc's libmvec is only used under -ffast-math, which kernels never get);
//  - ops marked Vector in ops.def have a vector form `lane_<name>` here: + - * / and sqrt are
//    correctly rounded, so their vector forms give every lane the scalar result (the kernel is built
//    with -ffp-contract=off: the compiler fuses nothing; the one FMA is newton_ops.h's explicit
//    lane_fnma, std::fma's bits on every lane); comparisons, max/min, sign and select
//    are blends of the operands, never arithmetic on masks. The op-table test checks every one of
//    them against its scalar op bit for bit.
#pragma once

#ifndef NEML2_KERNEL_SOURCE // generated kernels hold scalar_ops.h's text before this one
#include "neml2/graph/scalar_ops.h"
#endif

#include <cmath>
#include <cstdint>
#include <type_traits>

#if defined(__AVX512F__)
#include <immintrin.h>
#define NEML2_LANE_BYTES 64
#elif defined(__AVX__)
#include <immintrin.h>
#define NEML2_LANE_BYTES 32
#else
#define NEML2_LANE_BYTES 16
#endif

namespace neml2_lanes
{
/// V: W values of T side by side, one per point, as wide as the target's vector registers.
template <typename T>
struct Lanes;
template <>
struct Lanes<double>
{
  typedef double V __attribute__((vector_size(NEML2_LANE_BYTES)));
};
template <>
struct Lanes<float>
{
  typedef float V __attribute__((vector_size(NEML2_LANE_BYTES)));
};

/// A lane vector's scalar type T, its width W and its mask type M (what `a < b` gives: every bit
/// of a lane set where true, 0 where false).
template <typename V>
struct LaneTraits
{
  using T = typename std::remove_reference<decltype(V{}[0])>::type;
  static constexpr int W = sizeof(V) / sizeof(T);
  using M = decltype(V{} < V{});
};
template <typename V>
using mask_t = typename LaneTraits<V>::M;

/// Every lane = x, as one broadcast (a loop over the lanes would stay a loop: kernels are built
/// without the straight-line vectorizer). x - (+0) is x for every x, -0 and NaN included.
template <typename V, typename S>
inline V
splat(S x)
{
  using T = typename LaneTraits<V>::T;
  if constexpr (std::is_floating_point<T>::value)
    return static_cast<T>(x) - V{};
  else
    return V{} + static_cast<T>(x);
}

/// The W values at p (aligned only as T is) as one vector, and back. Through __builtin_memcpy GCC
/// moved a vector in 16-byte halves into memory and then read it whole, a load that store
/// forwarding cannot serve (a stall per vector on AMD Zen 3); an under-aligned vector type is
/// one unaligned vector load or store.
template <typename V, typename T>
inline V
load_vector(const T * p)
{
  typedef V unaligned __attribute__((aligned(alignof(T)), may_alias));
  return *reinterpret_cast<const unaligned *>(p);
}

template <typename V, typename T>
inline void
store_vector(T * p, V v)
{
  typedef V unaligned __attribute__((aligned(alignof(T)), may_alias));
  *reinterpret_cast<unaligned *>(p) = v;
}

/// Whether any lane of a mask is set (the vector loops of a tile skip work no lane needs).
template <typename M>
inline bool
any(M m)
{
#if NEML2_LANE_BYTES == 64
  return _mm512_test_epi32_mask((__m512i)m, (__m512i)m) != 0;
#elif NEML2_LANE_BYTES == 32
  return !_mm256_testz_si256((__m256i)m, (__m256i)m);
#else
  for (unsigned l = 0; l < sizeof(M) / sizeof(m[0]); ++l)
    if (m[l])
      return true;
  return false;
#endif
}

/// Where the lanes of a tile read an argument whose points are `step` values apart (0: one value
/// for all): lane l reads point p0 + l, and lanes past the last point, nl - 1, repeat it.
template <typename V>
struct LaneOffsets
{
  std::int64_t at[LaneTraits<V>::W];
  LaneOffsets(std::int64_t step, std::int64_t p0, int nl)
  {
    for (int l = 0; l < LaneTraits<V>::W; ++l)
      at[l] = (p0 + (l < nl ? l : nl - 1)) * step;
  }
};

/// Component c of the tile's points of an argument.
template <typename V, typename T>
inline V
load(const T * a, const LaneOffsets<V> & off, int c)
{
  V v;
  for (int l = 0; l < LaneTraits<V>::W; ++l)
    v[l] = a[off.at[l] + c];
  return v;
}

/// o[(p0 + l) * nc + c] <- lane l, for the nl points of the tile that exist.
template <typename V, typename T>
inline void
store(T * o, std::int64_t nc, std::int64_t p0, int nl, int c, V v)
{
  for (int l = 0; l < nl; ++l)
    o[(p0 + l) * nc + c] = v[l];
}

/// An integer vector (iteration counts) as lane values.
template <typename V, typename I>
inline V
to_lanes(I i)
{
  return __builtin_convertvector(i, V);
}

/// Scalar function F (a scalar op of scalar_ops.h, e.g. neml2_ops::op_exp<double>) on every lane:
/// the lane form of every op without a vector form.
template <auto F, typename V>
inline V
lanewise(V a)
{
  V r;
  for (int l = 0; l < LaneTraits<V>::W; ++l)
    r[l] = F(a[l]);
  return r;
}
template <auto F, typename V>
inline V
lanewise(V a, V b)
{
  V r;
  for (int l = 0; l < LaneTraits<V>::W; ++l)
    r[l] = F(a[l], b[l]);
  return r;
}
template <auto F, typename V>
inline V
lanewise(V a, V b, V c)
{
  V r;
  for (int l = 0; l < LaneTraits<V>::W; ++l)
    r[l] = F(a[l], b[l], c[l]);
  return r;
}

// The vector forms (ops.def: Vector).
// clang-format off
template <typename V> inline V lane_neg(V a) { return -a; }
template <typename V> inline V lane_sign(V a) { const V one = splat<V>(1), zero = {}; return a > zero ? one : (a < zero ? -one : zero); }
template <typename V> inline V lane_add(V a, V b) { return a + b; }
template <typename V> inline V lane_sub(V a, V b) { return a - b; }
template <typename V> inline V lane_mul(V a, V b) { return a * b; }
template <typename V> inline V lane_div(V a, V b) { return a / b; }
// max/min propagate NaN from either side (a + b), as op_max/op_min do.
template <typename V> inline V lane_max(V a, V b) { return ((a != a) | (b != b)) ? a + b : (a > b ? a : b); } // NOLINT(misc-redundant-expression): a != a is the NaN test
template <typename V> inline V lane_min(V a, V b) { return ((a != a) | (b != b)) ? a + b : (a < b ? a : b); } // NOLINT(misc-redundant-expression)
template <typename V> inline V lane_gt(V a, V b) { return a > b ? splat<V>(1) : V{}; }
template <typename V> inline V lane_select(V c, V a, V b) { return c != V{} ? a : b; }
// clang-format on

/// sqrt is correctly rounded: the vector instruction where the build has one for V's width.
/// (lane_sqrt and lane_abs are named functions because newton_lanes.h's lane policy calls them.)
template <typename V>
inline V
lane_sqrt(V a)
{
  using T = typename LaneTraits<V>::T;
#if defined(__AVX512F__)
  if constexpr (sizeof(V) == 64 && std::is_same<T, double>::value)
    return (V)_mm512_sqrt_pd((__m512d)a);
  if constexpr (sizeof(V) == 64 && std::is_same<T, float>::value)
    return (V)_mm512_sqrt_ps((__m512)a);
#endif
#if defined(__AVX__)
  if constexpr (sizeof(V) == 32 && std::is_same<T, double>::value)
    return (V)_mm256_sqrt_pd((__m256d)a);
  if constexpr (sizeof(V) == 32 && std::is_same<T, float>::value)
    return (V)_mm256_sqrt_ps((__m256)a);
#endif
  return lanewise<neml2_ops::op_sqrt<T>>(a);
}

/// c - a b rounded once on every lane, as std::fma(-a, b, c) rounds it: the FMA instruction where
/// the build has one for V's width, else std::fma lane by lane (libm's fma is exact too, only
/// slower). The LU of newton_ops.h calls it explicitly; kernels are still built without contraction.
template <typename V>
inline V
lane_fnma(V a, V b, V c)
{
  using T [[maybe_unused]] = typename LaneTraits<V>::T; // unused where no FMA instruction is built
#if defined(__AVX512F__)
  if constexpr (sizeof(V) == 64 && std::is_same<T, double>::value)
    return (V)_mm512_fnmadd_pd((__m512d)a, (__m512d)b, (__m512d)c);
  if constexpr (sizeof(V) == 64 && std::is_same<T, float>::value)
    return (V)_mm512_fnmadd_ps((__m512)a, (__m512)b, (__m512)c);
#endif
#if defined(__FMA__)
  if constexpr (sizeof(V) == 32 && std::is_same<T, double>::value)
    return (V)_mm256_fnmadd_pd((__m256d)a, (__m256d)b, (__m256d)c);
  if constexpr (sizeof(V) == 32 && std::is_same<T, float>::value)
    return (V)_mm256_fnmadd_ps((__m256)a, (__m256)b, (__m256)c);
  if constexpr (sizeof(V) == 16 && std::is_same<T, double>::value)
    return (V)_mm_fnmadd_pd((__m128d)a, (__m128d)b, (__m128d)c);
  if constexpr (sizeof(V) == 16 && std::is_same<T, float>::value)
    return (V)_mm_fnmadd_ps((__m128)a, (__m128)b, (__m128)c);
#endif
  V r;
  for (int l = 0; l < LaneTraits<V>::W; ++l)
    r[l] = std::fma(-a[l], b[l], c[l]);
  return r;
}

/// |a|: the sign bit cleared on every lane, as fabs does.
template <typename V>
inline V
lane_abs(V a)
{
  using M = mask_t<V>;
  using E = typename LaneTraits<M>::T;
  if constexpr (sizeof(E) == 8)
    return (V)((M)a & (M{} + E(0x7FFFFFFFFFFFFFFF)));
  else
    return (V)((M)a & (M{} + E(0x7FFFFFFF)));
}

/// pow, lane l computing op_pow(a[l], b[l]) bit for bit: a whole exponent 2..16 shared by every
/// lane (a constant, as a rule) is op_pow's multiplication chain on all lanes at once; otherwise
/// (float64) math_pow.h's fast path on all lanes, and op_pow lane by lane where that does not apply
/// (operands outside its domain, or whole exponents that vary by point); float32 is op_pow lane by
/// lane.
template <typename V>
inline V
lane_pow(V a, V b)
{
  using T = typename LaneTraits<V>::T;
  const int k = neml2_ops::op_pow_whole_exponent(b[0]);
  if (k != 0 && !any(b != splat<V>(b[0])))
    return neml2_ops::op_pow_whole(a, k);
  if constexpr (std::is_same<T, double>::value)
  {
    mask_t<V> fast;
    V r = neml2_math::pow_fast_path(a, b, fast);
    // (b + 2^52 1.5) - 2^52 1.5 rounds b to a whole number (|b| < 2^51).
    const mask_t<V> whole = (b >= 2.0) & (b <= 16.0) & (b == (b + 0x1.8p52) - 0x1.8p52);
    fast &= ~whole;
    if (any(~fast))
      for (int l = 0; l < LaneTraits<V>::W; ++l)
        if (!fast[l])
          r[l] = neml2_ops::op_pow(a[l], b[l]);
    return r;
  }
  else
    return lanewise<neml2_ops::op_pow<T>>(a, b);
}
} // namespace neml2_lanes

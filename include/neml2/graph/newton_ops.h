// Newton's method per material point, written once for every evaluator: the eager interpreter,
// generated point-by-point kernels (CPU and CUDA) and generated SIMD-lane kernels, which copy this
// header verbatim. The code is templated on a lane policy P: PointPolicy<T> below runs one point
// (the interpreter, point kernels, CUDA threads), neml2_lanes::LanePolicy<V> (newton_lanes.h) runs
// W points at once, one per SIMD lane. Every decision (pivot row, convergence, line-search step) is
// a per-lane mask, and every value is updated with `mask ? new : old`, so each lane follows exactly
// the path one point would: the same IEEE operations in the same order. Results and iteration
// counts are therefore bit-identical between evaluators.
// Self-contained: only <cmath>; no FMA contraction, no fast-math. The LU's updates are explicit
// fused multiply-subtracts (P::fnma, std::fma): one rounding, the same bits on every evaluator
// (fma is correctly rounded by definition, in hardware or in libm).
#pragma once

#include <cmath>

// Host and device (nvcc) alike; see scalar_ops.h.
#ifndef NEML2_HD
#if defined(__CUDACC__)
#define NEML2_HD __host__ __device__
#else
#define NEML2_HD
#endif
#endif

// The LU's innermost loops, unrolled by 8. Left alone, GCC vectorises these short loops with
// run-time remainder checks that cost more than their arithmetic for small systems (isoharden's
// 7 x 7 solve at batch 1: 1.69 -> 1.45 us a step); unrolling keeps the order of the arithmetic, so
// the results are the same bits. Other compilers get the loops as written.
#ifndef NEML2_NT_UNROLL
#if defined(__GNUC__) && !defined(__clang__) && !defined(__CUDACC__)
#define NEML2_NT_UNROLL _Pragma("GCC unroll 8")
#else
#define NEML2_NT_UNROLL
#endif
#endif

namespace neml2_ops
{
/**
 * The lane policy of one point: values V = T, masks M = PointMask (a bool), counters I = int. A policy
 * provides the types T (scalar), V (value per lane), M (mask per lane), I (integer per lane), the
 * lane count W, and: splat (a T on every lane), isplat (an int on every lane), any (whether a
 * mask is set on some lane), mnot (mask complement), lane (lane l of an I), abs and sqrt
 * (correctly rounded, as the scalar std::fabs and std::sqrt), and fnma(a, b, c) = c - a b rounded
 * once (as std::fma(-a, b, c)).
 */
/// One point's mask: a bool that combines with & and | as lane masks do (clang warns about & and
/// | on plain bools).
struct PointMask
{
  bool on;
  NEML2_HD PointMask(bool b = false) // NOLINT(google-explicit-constructor): comparisons give masks
    : on(b)
  {
  }
  NEML2_HD explicit operator bool() const { return on; }
  NEML2_HD friend PointMask operator&(PointMask a, PointMask b) { return a.on && b.on; }
  NEML2_HD friend PointMask operator|(PointMask a, PointMask b) { return a.on || b.on; }
};

template <typename Real>
struct PointPolicy
{
  using T = Real;
  using V = Real;
  using M = PointMask;
  using I = int;
  static constexpr int W = 1;
  NEML2_HD static V splat(T x) { return x; }
  NEML2_HD static I isplat(int x) { return x; }
  NEML2_HD static bool any(M m) { return m.on; }
  NEML2_HD static M mnot(M m) { return !m.on; }
  NEML2_HD static int lane(I i, int) { return i; }
  NEML2_HD static V abs(V a) { return std::fabs(a); }
  NEML2_HD static V sqrt(V a) { return std::sqrt(a); }
  NEML2_HD static V fnma(V a, V b, V c) { return std::fma(-a, b, c); }
};

/// A size known when the code is generated (N > 0), or given at run time (N = 0, the interpreter).
template <int N>
NEML2_HD inline int
nt_size(int runtime)
{
  return N > 0 ? N : runtime;
}

/// sum r_i^2 over i < n, per lane.
template <typename P, int N = 0>
NEML2_HD inline typename P::V
nt_sq(const typename P::V * r, int n_ = N)
{
  const int n = nt_size<N>(n_);
  typename P::V s = {};
  for (int i = 0; i < n; ++i)
    s = s + r[i] * r[i];
  return s;
}

/// Q entries (i0 + q DI, j0 + q DJ) of A (n x n) minus sum_{m<k} A_im A_mj, subtracted in
/// increasing m: what right-looking elimination does to an entry in its steps 0..k-1, here
/// accumulated in registers (the Q entries share the loads of one row or column).
template <typename P, int N, int Q, int DI, int DJ>
NEML2_HD inline void
nt_crout(typename P::V * A, int n_, int k, int i0, int j0)
{
  const int n = nt_size<N>(n_);
  typename P::V s[Q];
  for (int q = 0; q < Q; ++q)
    s[q] = A[(i0 + q * DI) * n + j0 + q * DJ];
  for (int m = 0; m < k; ++m)
    for (int q = 0; q < Q; ++q)
      s[q] = P::fnma(A[(i0 + q * DI) * n + m], A[m * n + j0 + q * DJ], s[q]);
  for (int q = 0; q < Q; ++q)
    A[(i0 + q * DI) * n + j0 + q * DJ] = s[q];
}

/// Swaps rows k and i of A (n wide) and of B (m wide) on the lanes of `swap`.
template <typename P>
NEML2_HD inline void
nt_swap_rows(typename P::V * A, typename P::V * B, int n, int m, int k, int i, typename P::M swap)
{
  for (int j = 0; j < n; ++j)
  {
    const typename P::V t = A[k * n + j];
    A[k * n + j] = swap ? A[i * n + j] : t;
    A[i * n + j] = swap ? t : A[i * n + j];
  }
  for (int j = 0; j < m; ++j)
  {
    const typename P::V t = B[k * m + j];
    B[k * m + j] = swap ? B[i * m + j] : t;
    B[i * m + j] = swap ? t : B[i * m + j];
  }
}

/**
 * LU factorisation with partial pivoting of one point's A (n x n), applied to B (n x m) as it goes:
 * right-looking Gaussian elimination (pivot: the first row with the largest |A_ik|, a NaN never
 * wins; the pivot's reciprocal d = 1 / A_kk replaces A_kk; multipliers f = A_ik d stored in A;
 * A_ij -= f A_kj and B_ij -= f B_kj, row by row, which the C++ compiler vectorises). Returns false
 * for a singular (or non-finite) A.
 *
 * One division per pivot, then multiplications (as a hand-written LU does): a division costs
 * several multiplications, and dividing every multiplier and every back-substituted entry took
 * 28 divisions for a 7 x 7 solve (190 for 19 x 19); with reciprocals the implicit lane kernels
 * gained 10-20% (benchmarks/results/2026-12-06_lu_reciprocal).
 */
template <typename P, int N, int R>
NEML2_HD inline typename P::M
nt_eliminate(typename P::V * A, typename P::V * B, int n_, int m_, typename P::I * piv)
{
  using V = typename P::V;
  const int n = nt_size<N>(n_), m = nt_size<R>(m_);
  for (int k = 0; k < n; ++k)
  {
    int p = k;
    V best = P::abs(A[k * n + k]);
    for (int i = k + 1; i < n; ++i)
      if (P::abs(A[i * n + k]) > best)
      {
        best = P::abs(A[i * n + k]);
        p = i;
      }
    if (!(best > V{}))
      return false;
    if (piv)
      piv[k] = p;
    if (p != k)
      nt_swap_rows<P>(A, B, n, m, k, p, true);
    const V d = P::splat(1) / A[k * n + k];
    A[k * n + k] = d;
    for (int i = k + 1; i < n; ++i)
    {
      const V f = A[i * n + k] * d;
      A[i * n + k] = f;
      NEML2_NT_UNROLL
      for (int j = k + 1; j < n; ++j)
        A[i * n + j] = P::fnma(f, A[k * n + j], A[i * n + j]);
      for (int j = 0; j < m; ++j)
        B[i * m + j] = P::fnma(f, B[k * m + j], B[i * m + j]);
    }
  }
  return true;
}

/**
 * The same factorisation on W lanes, each with its own pivot rows, organised as Crout's method so
 * that an entry's updates accumulate in a register instead of being stored after each step: at
 * step k, column k from the diagonal down, then the pivot, then row k right of the diagonal, then
 * the multipliers. B is permuted at each step and forward-substituted at the end, which repeats
 * elimination's updates of B in the same order. Every lane does nt_eliminate's arithmetic in
 * nt_eliminate's order. Returns the mask of lanes where A was regular.
 */
template <typename P, int N, int R>
NEML2_HD inline typename P::M
nt_crout_factor(typename P::V * A, typename P::V * B, int n_, int m_, typename P::I * piv)
{
  using V = typename P::V;
  using M = typename P::M;
  using I = typename P::I;
  const int n = nt_size<N>(n_), m = nt_size<R>(m_);
  M regular = V{} == V{};
  for (int k = 0; k < n; ++k)
  {
    // Column k from the diagonal down gets its updates of steps 0..k-1, 8 or 4 rows at a time:
    // each entry's sum is a chain of dependent FMAs, so independent chains side by side keep the
    // FMA units busy (19 x 19 chaboche2: 8 at a time gained 6-10% over 4).
    int i = k;
    for (; i + 8 <= n; i += 8)
      nt_crout<P, N, 8, 1, 0>(A, n, k, i, k);
    for (; i + 4 <= n; i += 4)
      nt_crout<P, N, 4, 1, 0>(A, n, k, i, k);
    for (; i < n; ++i)
      nt_crout<P, N, 1, 1, 0>(A, n, k, i, k);

    I p = P::isplat(k);
    V best = P::abs(A[k * n + k]);
    for (i = k + 1; i < n; ++i)
    {
      const V a = P::abs(A[i * n + k]);
      const M bigger = a > best;
      best = bigger ? a : best;
      p = bigger ? P::isplat(i) : p;
    }
    regular = regular & (best > V{});
    if (piv)
      piv[k] = p;
    // Once per distinct pivot row among the lanes (lanes done are set back to k).
    for (int l = 0; l < P::W && P::any(p != P::isplat(k)); ++l)
      if (P::lane(p, l) != k)
      {
        const int r = P::lane(p, l);
        const M swap = p == P::isplat(r);
        nt_swap_rows<P>(A, B, n, m, k, r, swap);
        p = swap ? P::isplat(k) : p;
      }

    // Row k right of the diagonal gets its updates (U), then the multipliers (L).
    int j = k + 1;
    for (; j + 8 <= n; j += 8)
      nt_crout<P, N, 8, 0, 1>(A, n, k, k, j);
    for (; j + 4 <= n; j += 4)
      nt_crout<P, N, 4, 0, 1>(A, n, k, k, j);
    for (; j < n; ++j)
      nt_crout<P, N, 1, 0, 1>(A, n, k, k, j);
    const V d = P::splat(1) / A[k * n + k];
    A[k * n + k] = d;
    for (i = k + 1; i < n; ++i)
      A[i * n + k] = A[i * n + k] * d;
  }
  // Forward substitution with L: elimination's updates of B.
  for (int i = 1; i < n; ++i)
    for (int j = 0; j < m; ++j)
    {
      V s = B[i * m + j];
      for (int k = 0; k < i; ++k)
        s = P::fnma(A[i * n + k], B[k * m + j], s);
      B[i * m + j] = s;
    }
  return regular;
}

/// U y = B for the factors of nt_lu_solve (the pivots' reciprocals on U's diagonal), B overwritten.
template <typename P, int N, int R>
NEML2_HD inline void
nt_back_substitute(const typename P::V * A, typename P::V * B, int n_, int m_)
{
  using V = typename P::V;
  const int n = nt_size<N>(n_), m = nt_size<R>(m_);
  // Back substitution with U, each row summed from its last column: y_{i+1}, computed just
  // before, enters last, so the other products are subtracted while it is on its way (summed
  // from column i + 1, every step of the row waited for it; measured: batch-1 chaboche2 -9%).
  for (int i = n - 1; i >= 0; --i)
    for (int j = 0; j < m; ++j)
    {
      V s = B[i * m + j];
      NEML2_NT_UNROLL
      for (int k = n - 1; k > i; --k)
        s = P::fnma(A[i * n + k], B[k * m + j], s);
      B[i * m + j] = s * A[i * n + i]; // the pivot's reciprocal
    }
}

/**
 * Solves A y = B on every lane (A n x n, B n x m, both row-major; y overwrites B, A its factors
 * with the pivots' reciprocals on the diagonal) by LU factorisation with partial pivoting.
 * Returns the mask of lanes where A was regular (a singular or non-finite A leaves that lane's B
 * meaningless). One point is factorised row by row (nt_eliminate), W lanes column by column (nt_crout_factor): the same
 * arithmetic in the same order, each loop order the faster one for its case (test_newton_policies.cpp holds both to a
 * plain reference bit for bit). With `piv`, piv[k] is the row step k swapped with (k where none), per lane: with the
 * factors left in A, nt_lu_resolve solves for another right-hand side.
 */
template <typename P, int N = 0, int R = 0>
NEML2_HD inline typename P::M
nt_lu_solve(typename P::V * A, typename P::V * B, int n_ = N, int m_ = R, typename P::I * piv = nullptr)
{
  const int n = nt_size<N>(n_), m = nt_size<R>(m_);
  typename P::M regular;
  if constexpr (P::W == 1)
    regular = nt_eliminate<P, N, R>(A, B, n, m, piv);
  else
    regular = nt_crout_factor<P, N, R>(A, B, n, m, piv);
  if (P::any(regular))
    nt_back_substitute<P, N, R>(A, B, n, m);
  return regular;
}

/**
 * Solves A y = b with the factors and pivot rows nt_lu_solve left in A and piv, for a regular A
 * (b n long, overwritten by y): b's rows swapped as the factorisation swapped them, then the
 * forward substitution with L (elimination's updates of b, in their order) and the back
 * substitution with U. The same bits as nt_lu_solve of the original A with b (that order of
 * operations is the one elimination gives b).
 */
template <typename P, int N = 0>
NEML2_HD inline void
nt_lu_resolve(const typename P::V * A, const typename P::I * piv, typename P::V * b, int n_ = N)
{
  using V = typename P::V;
  using M = typename P::M;
  using I = typename P::I;
  const int n = nt_size<N>(n_);
  for (int k = 0; k < n; ++k)
  {
    I p = piv[k];
    // Once per distinct pivot row among the lanes, as nt_crout_factor swaps.
    for (int l = 0; l < P::W && P::any(p != P::isplat(k)); ++l)
      if (P::lane(p, l) != k)
      {
        const int r = P::lane(p, l);
        const M swap = p == P::isplat(r);
        const V t = b[k];
        b[k] = swap ? b[r] : t;
        b[r] = swap ? t : b[r];
        p = swap ? P::isplat(k) : p;
      }
  }
  for (int i = 1; i < n; ++i)
  {
    V s = b[i];
    for (int k = 0; k < i; ++k)
      s = P::fnma(A[i * n + k], b[k], s);
    b[i] = s;
  }
  nt_back_substitute<P, N, 1>(A, b, n, 1);
}

/// Newton's state between residual evaluations, per lane.
template <typename P>
struct NtState
{
  using V = typename P::V;
  using I = typename P::I;
  I its = {};        ///< Newton updates taken
  I status = {};     ///< 0 iterating, 1 converged, -1 failed
  I trial = {};      ///< 0: the evaluation was at the current iterate; 1: at a trial step
  I ls = {};         ///< line-search cutbacks of the current step
  V r0 = {};         ///< residual norm at the predictor
  V rn = {};         ///< residual norm at the current iterate
  V phi0 = {};       ///< |r|^2 at the current iterate (line search reference)
  V rdx = {};        ///< r . J^-1 r at the current iterate (NEML2's backtracking slope)
  V a = P::splat(1); ///< step length of the current trial
  I zoom = {};       ///< strong Wolfe: bracketing [lo, hi] found
  V lo = {}, hi = {}, phi_lo = {};
};

/// Newton's settings, declared once: (field, kind, default, solver, NEML2's option name, doc).
/// Everything that carries them is generated from this list: NtSettings below,
/// graph::NewtonSettings, the [Solvers] options and their reading (solvers/newton.cpp: solver
/// Newton for both solver types, LineSearch for NewtonWithLineSearch only), the literal in
/// generated kernels, the interpreter's copy, the structural hash and the artifact metadata.
/// Kinds: Real (a T in the per-point loop), Int, Bool (an int 0/1 in the loop), LineSearch (0: full steps; 1:
/// backtracking on |r|^2 as NEML2 does it; 2: strong Wolfe on |r|^2; the option is BACKTRACKING or STRONG_WOLFE).
/// Defaults are NEML2's; line_search's is plain Newton's (NewtonWithLineSearch defaults to BACKTRACKING).
#define NEML2_NEWTON_SETTINGS(X)                                                                                   \
  X(abs_tol, Real, 1e-10, Newton, "abs_tol", "absolute tolerance on the residual norm")                            \
  X(rel_tol, Real, 1e-8, Newton, "rel_tol", "tolerance on the residual norm relative to the predictor's")          \
  X(max_its, Int, 25, Newton, "max_its", "maximum number of Newton updates")                                       \
  X(final_update, Bool, true, Newton, "final_update",                                                              \
    "after convergence, also apply one more Newton update at the converged iterate with the factorised Jacobian "  \
    "of the last Newton step (a chord step: no model evaluation, no new factorisation), which shrinks the error "  \
    "by orders of magnitude")                                                                                      \
  X(line_search, LineSearch, 0, LineSearch, "linesearch_type",                                                     \
    "the line search: BACKTRACKING (sufficient decrease) or STRONG_WOLFE (and the curvature condition)")           \
  X(max_line_search_its, Int, 10, LineSearch, "max_linesearch_iterations",                                         \
    "BACKTRACKING: at most this many minus one trial steps, the last taken as is (NEML2); STRONG_WOLFE: cutbacks") \
  X(line_search_cutback, Real, 2.0, LineSearch, "linesearch_cutback",                                              \
    "factor the step is divided by at each cutback (BACKTRACKING)")                                                \
  X(line_search_stop, Real, 1e-3, LineSearch, "linesearch_stopping_criteria",                                      \
    "sufficient decrease c: accept step a when |r(x - a dx)|^2 <= |r|^2 - 2 c a r . J^-1 r (BACKTRACKING) or "     \
    "<= (1 - 2 c a) |r|^2 (STRONG_WOLFE)")                                                                         \
  X(line_search_c2, Real, 0.9, LineSearch, "linesearch_curvature",                                                 \
    "STRONG_WOLFE curvature constant c2: also require |f'(a)| <= c2 |f'(0)| for f(a) = |r(x - a dx)|^2")

#define NEML2_NT_TYPE_Real T
#define NEML2_NT_TYPE_Int int
#define NEML2_NT_TYPE_Bool int
#define NEML2_NT_TYPE_LineSearch int

/// Newton settings as the per-point loop needs them (fields in NEML2_NEWTON_SETTINGS order).
template <typename T>
struct NtSettings
{
#define NEML2_NT_FIELD(name, kind, ...) NEML2_NT_TYPE_##kind name;
  NEML2_NEWTON_SETTINGS(NEML2_NT_FIELD)
#undef NEML2_NT_FIELD
};

/**
 * The strong Wolfe search on the lanes `w` whose trial step a was not accepted outright: on
 * f(a) = |r(x - a dx)|^2, with f'(0) = -2 |r(x)|^2 for the Newton direction and
 * f'(a) = -2 r(a) . J(a) dx, bracketing from a = 1 (no expansion past the Newton step), then
 * bisection zoom (Nocedal & Wright, algorithms 3.5 and 3.6). Updates the bracket [lo, hi] and
 * returns the lanes of `w` that accept a.
 */
template <typename P, int N>
NEML2_HD inline typename P::M
nt_wolfe(NtState<P> & s, int n, typename P::M w, typename P::V phi, typename P::M decrease, const typename P::V * dx,
         const typename P::V * J, const typename P::V * r, const NtSettings<typename P::T> & o)
{
  using T = typename P::T;
  using V = typename P::V;
  using M = typename P::M;
  V dphi = {};
  for (int i = 0; i < n; ++i)
  {
    V jdx = {};
    for (int j = 0; j < n; ++j)
      jdx = jdx + J[i * n + j] * dx[j];
    dphi = dphi - T(2) * r[i] * jdx;
  }
  const M curvature = P::abs(dphi) <= T(2) * o.line_search_c2 * s.phi0;
  const M zoom = s.zoom != P::isplat(0);
  // Exactly one of: the bracket closes at a (too long); accept; first overshoot (zoom between a
  // and lo); still descending at the full Newton step (accept); inside the zoom, move an end.
  const M closes = P::mnot(decrease) | (zoom & (phi >= s.phi_lo));
  const M curved = P::mnot(closes) & curvature;
  const M open = P::mnot(closes) & P::mnot(curved) & P::mnot(zoom);
  const M overshoot = open & (dphi >= V{});
  const M descending = open & P::mnot(dphi >= V{});
  const M zooming = P::mnot(closes) & P::mnot(curved) & zoom;
  const M hi_to_lo = overshoot | (zooming & (dphi * (s.hi - s.lo) >= V{}));
  const M lo_to_a = overshoot | zooming;
  s.hi = (w & closes) ? s.a : s.hi;
  s.hi = (w & hi_to_lo) ? s.lo : s.hi;
  s.phi_lo = (w & lo_to_a) ? phi : s.phi_lo;
  s.lo = (w & lo_to_a) ? s.a : s.lo;
  s.zoom = (w & (closes | overshoot)) ? P::isplat(1) : s.zoom;
  return w & (curved | descending);
}

/**
 * The first half of nt_advance, after r (and, with the strong Wolfe line search, J) was evaluated
 * at x_eval: a trial step is accepted or cut back (x_eval then holds the shorter trial), and the
 * iterate of every other lane still iterating gets the convergence test, which sets its status.
 * Returns those tested lanes. J is read only by the strong Wolfe search.
 */
template <typename P, int N = 0>
NEML2_HD inline typename P::M
nt_test(NtState<P> & s, typename P::V * x, typename P::V * x_eval, const typename P::V * dx, const typename P::V * J,
        const typename P::V * r, const NtSettings<typename P::T> & o, int n_ = N)
{
  using T = typename P::T;
  using V = typename P::V;
  using M = typename P::M;
  using I = typename P::I;
  static_assert(P::W == 1 || N > 0, "lanes need the number of unknowns at compile time");
  const int n = nt_size<N>(n_);
  const I zero = P::isplat(0);
  M live = s.status == zero;

  // A trial step was evaluated: accept it, or cut it back and evaluate again.
  const M trial = live & (s.trial != zero);
  if (P::any(trial))
  {
    // NEML2 evaluates at most max_linesearch_iterations - 1 trial steps when backtracking and
    // takes the last one whether or not it decreased the residual enough.
    const int last_trial = o.line_search == 1 ? o.max_line_search_its - 2 : o.max_line_search_its;
    M accept = M(P::isplat(o.line_search) == zero) | (s.ls >= P::isplat(last_trial));
    M cut = M{};
    if (o.line_search != 0)
    {
      const V phi = nt_sq<P, N>(r, n);
      // Backtracking (NEML2): |r(a)|^2 <= |r|^2 - 2 c a r . J^-1 r; strong Wolfe's sufficient
      // decrease: |r(a)|^2 <= (1 - 2 c a) |r|^2.
      const M decrease = o.line_search == 1 ? phi <= s.phi0 - T(2) * o.line_search_stop * s.a * s.rdx
                                            : phi <= (T(1) - T(2) * o.line_search_stop * s.a) * s.phi0;
      if (o.line_search == 1)
        accept = accept | decrease;
      else
      {
        const M w = trial & P::mnot(accept);
        if (P::any(w))
          accept = accept | nt_wolfe<P, N>(s, n, w, phi, decrease, dx, J, r, o);
      }
      cut = trial & P::mnot(accept);
      const V shorter = o.line_search == 1 ? s.a / o.line_search_cutback : (s.lo + s.hi) / T(2);
      s.a = cut ? shorter : s.a;
      s.ls = cut ? s.ls + 1 : s.ls;
    }
    const M step = trial & accept;
    for (int i = 0; i < n; ++i)
    {
      x_eval[i] = cut ? x[i] - s.a * dx[i] : x_eval[i];
      x[i] = step ? x_eval[i] : x[i];
    }
    s.its = step ? s.its + 1 : s.its;
    live = live & P::mnot(cut);
    if (!P::any(live))
      return live;
  }

  // The convergence test at the current iterate (at the predictor when its == 0).
  const V nr = P::sqrt(nt_sq<P, N>(r, n));
  s.r0 = (live & (s.its == zero)) ? nr : s.r0;
  s.rn = live ? nr : s.rn;
  const M finite = (nr - nr) == V{}; // NOLINT(misc-redundant-expression): false for inf and NaN
  const M converged = M(nr < o.abs_tol) | (nr / s.r0 < o.rel_tol);
  I status = s.its >= P::isplat(o.max_its) ? P::isplat(-1) : zero;
  status = converged ? P::isplat(1) : status;
  status = finite ? status : P::isplat(-1);
  s.status = live ? status : s.status;
  return live;
}

/// Lanes of `tested` (nt_test) whose second half (nt_step) reads J at x_eval: those that take a
/// new Newton direction, and, with final_update, those that converged at their guess (their final
/// update uses their own J). A lane that converged after Newton steps takes a chord step with the
/// factors kept from its last direction, so where no lane needs it J is not evaluated at all.
template <typename P>
NEML2_HD inline typename P::M
nt_needs_jacobian(const NtState<P> & s, typename P::M tested, const NtSettings<typename P::T> & o)
{
  const typename P::I zero = P::isplat(0);
  const typename P::M dir = tested & (s.status == zero);
  if (!o.final_update)
    return dir;
  return dir | (tested & (s.status == P::isplat(1)) & (s.its == zero));
}

/// The second half of nt_advance on the lanes nt_test tested, with J evaluated at x_eval where
/// nt_needs_jacobian says: the final update of the lanes that converged, the Newton direction
/// and first trial of those that go on.
template <typename P, int N = 0>
NEML2_HD inline void
nt_step(NtState<P> & s, typename P::M live, typename P::V * x, typename P::V * x_eval, typename P::V * dx,
        typename P::V * J, typename P::V * r, typename P::V * F, typename P::I * piv,
        const NtSettings<typename P::T> & o, int n_ = N, bool * factors_in_J = nullptr)
{
  using V = typename P::V;
  using M = typename P::M;
  using I = typename P::I;
  const int n = nt_size<N>(n_);
  const I zero = P::isplat(0);
  // The Newton direction dx = J^-1 r (J and r are overwritten) and the first trial x - dx. Lanes
  // that are backtracking keep their dx, so several lanes solve into d first.
  const M dir = live & (s.status == zero);
  const M polish = o.final_update ? live & (s.status == P::isplat(1)) : M{};
  if (!P::any(dir | polish))
    return;
  // The final update of a lane that took Newton steps reuses the factors of its last direction
  // (F, piv): a chord step, with no factorisation of the converged iterate's J.
  const M chord = polish & (s.its > zero);
  if (P::any(chord))
  {
    V c_lanes[N > 0 ? N : 1];
    V * c = P::W == 1 ? dx : c_lanes;
    for (int i = 0; i < n; ++i)
      c[i] = r[i];
    nt_lu_resolve<P, N>(F, piv, c, n);
    for (int i = 0; i < n; ++i)
      x[i] = chord ? x[i] - c[i] : x[i];
  }
  const M factor = dir | (polish & P::mnot(chord));
  if (!P::any(factor))
    return;
  s.phi0 = dir ? nt_sq<P, N>(r, n) : s.phi0;
  V d_lanes[N > 0 ? N : 1];
  V * d = P::W == 1 ? dx : d_lanes;
  for (int i = 0; i < n; ++i)
    d[i] = r[i];
  // One point records its pivot rows in place (a lane that factors either keeps them or is done);
  // lanes keep the factors of the lanes that take a direction only.
  I piv_lanes[N > 0 ? N : 1];
  const M regular = nt_lu_solve<P, N, 1>(J, d, n, 1, P::W == 1 ? piv : piv_lanes);
  V rdx = {};
  for (int i = 0; i < n; ++i)
    rdx = rdx + r[i] * d[i];
  s.rdx = dir ? rdx : s.rdx;
  // The final update of a lane that converged at its guess (skipped where J is singular there: x
  // already passed).
  const M finish = polish & P::mnot(chord) & regular;
  for (int i = 0; i < n; ++i)
    x[i] = finish ? x[i] - d[i] : x[i];
  const M keep = dir & regular;
  if (o.final_update && P::any(keep))
  {
    if constexpr (P::W > 1)
      for (int k = 0; k < n; ++k)
        piv[k] = keep ? piv_lanes[k] : piv[k];
    // Where every lane that goes on iterating took this direction (no lane is cutting a step
    // back), a caller that can swaps its J and F buffers instead of the copy.
    if (factors_in_J && !P::any((s.status == zero) & P::mnot(dir)))
      *factors_in_J = true;
    else
      for (int i = 0; i < n * n; ++i)
        F[i] = keep ? J[i] : F[i];
  }
  s.status = (dir & P::mnot(regular)) ? P::isplat(-1) : s.status;
  const M go = dir & regular;
  s.a = go ? P::splat(1) : s.a;
  s.ls = go ? zero : s.ls;
  s.zoom = go ? zero : s.zoom;
  s.lo = go ? V{} : s.lo;
  s.phi_lo = go ? s.phi0 : s.phi_lo;
  s.trial = go ? P::isplat(1) : s.trial;
  for (int i = 0; i < n; ++i)
  {
    dx[i] = go ? d[i] : dx[i];
    x_eval[i] = go ? x[i] - dx[i] : x_eval[i];
  }
}

/**
 * Advances Newton's iteration on every lane still iterating (status 0) after r and J were
 * evaluated at x_eval; other lanes keep every value. The caller loops: evaluate at x_eval, call
 * nt_advance, stop when no lane has status 0. A trial step is taken in full, or by NEML2's
 * backtracking line search (accept a when |r(x - a dx)|^2 <= |r(x)|^2 - 2 c a r . J^-1 r, at most
 * max_linesearch_iterations - 1 trials, the last taken as is), or by a strong Wolfe line search
 * (|r(x - a dx)|^2 <= (1 - 2 c a) |r(x)|^2 and |f'(a)| <= c2 |f'(0)|). At the current iterate: the convergence
 * test (|r| < abs_tol or |r| / |r0| < rel_tol; failure when |r| is not finite or max_its updates
 * were taken), then the Newton direction dx = J^-1 r and the first trial x - dx. With
 * final_update, a lane that has just converged also takes x - J_d^-1 r (not counted in its), with
 * the r of the converged iterate and the J_d of the last Newton direction, whose LU factors and
 * pivot rows nt_advance keeps in F (n x n) and piv (n) for that: a chord step, whose error is
 * about |x_d - x*| |x - x*| (x_d the iterate of that direction), so results sit well inside the
 * tolerance (as NEML2's, whose points iterate until the whole batch has converged) without another
 * model evaluation or factorisation. A lane that converged at its guess (no direction yet) takes
 * the full Newton update with its own J. Factorising the converged iterate's J instead (the error
 * squares) cost isoharden's lane kernel a second 7 x 7 factorisation per point-step.
 * With `factors_in_J`, nt_advance may leave the factors to keep in J instead of copying them to F
 * and sets *factors_in_J (false on entry): the caller then swaps its J and F buffers (the next
 * evaluation writes into the old F).
 * N > 0: n = N unknowns, known when the code is generated; N = 0: n given at run time.
 * nt_advance is nt_test and nt_step in one; nt_round is the loop's body, which skips J where no
 * lane needs it.
 */
template <typename P, int N = 0>
NEML2_HD inline void
nt_advance(NtState<P> & s, typename P::V * x, typename P::V * x_eval, typename P::V * dx, typename P::V * J,
           typename P::V * r, typename P::V * F, typename P::I * piv, const NtSettings<typename P::T> & o, int n_ = N,
           bool * factors_in_J = nullptr)
{
  const typename P::M live = nt_test<P, N>(s, x, x_eval, dx, J, r, o, n_);
  if (P::any(live))
    nt_step<P, N>(s, live, x, x_eval, dx, J, r, F, piv, o, n_, factors_in_J);
}

/**
 * One round of Newton's loop (the caller repeats it while a lane has status 0): evaluates at
 * x_eval and advances, as nt_advance does after `eval(x_eval, r, J)`, with the same results, but
 * evaluates J only where the step reads it. The first evaluation of a point (its guess) and every
 * evaluation under the strong Wolfe search need J; a trial iterate gets `eval_r(x_eval, r)`
 * first, and J (with r again: the same bits) only where nt_needs_jacobian says so: at the trial
 * iterate that converges, the usual last one, the Jacobian is never computed. A caller that expects
 * some lane to go on (`r_first` false) has r and J evaluated at once. Swaps J and F where nt_step
 * leaves the factors in J.
 */
template <typename P, int N, typename Eval, typename EvalR>
NEML2_HD inline void
nt_round(NtState<P> & s, typename P::V * x, typename P::V * x_eval, typename P::V * dx, typename P::V *& J,
         typename P::V * r, typename P::V *& F, typename P::I * piv, const NtSettings<typename P::T> & o, Eval && eval,
         EvalR && eval_r, bool r_first = true)
{
  const typename P::I zero = P::isplat(0);
  const bool with_J = !r_first || o.line_search == 2 || P::any((s.status == zero) & (s.trial == zero));
  if (with_J)
    eval(x_eval, r, J);
  else
    eval_r(x_eval, r);
  const typename P::M live = nt_test<P, N>(s, x, x_eval, dx, J, r, o, N);
  if (!P::any(live))
    return;
  if (!with_J && P::any(nt_needs_jacobian(s, live, o)))
    eval(x_eval, r, J); // x_eval changed only on lanes that cut their step back, which nt_step leaves alone
  bool swap = false;
  nt_step<P, N>(s, live, x, x_eval, dx, J, r, F, piv, o, N, &swap);
  if (swap)
  {
    typename P::V * t = J;
    J = F;
    F = t;
  }
}

/// Per lane: the iteration count where the solve converged, -1 where it failed.
template <typename P>
NEML2_HD inline typename P::I
nt_iterations(const NtState<P> & s)
{
  return s.status == P::isplat(1) ? s.its : P::isplat(-1);
}

/// Per lane: counts a failed solve into `failed` and keeps the largest residual norm of the failed
/// solves in `worst` (a NaN norm wins), for the failure report.
template <typename P>
NEML2_HD inline void
nt_record(const NtState<P> & s, typename P::I & failed, typename P::V & worst)
{
  const typename P::M bad = s.status != P::isplat(1);
  failed = bad ? failed + 1 : failed;
  worst = (bad & P::mnot(s.rn <= worst)) ? s.rn : worst;
}

/// How a given value of an implicit system enters a sub-step (ImplicitUpdate's
/// max_substepping_level; the roles are NEML2 v3's).
enum NtRole : int
{
  nt_held = 0,        ///< the same in every sub-step (a parameter, a given that has no history)
  nt_force_end = 1,   ///< a force at the end of the step; pair: its value at the start ("X~1")
  nt_force_start = 2, ///< a force at the start of the step ("X~1"); pair: its value at the end
  nt_old_state = 3    ///< an unknown at the start of the step ("X~1"); pair: the unknown's index
};

/// Sub-stepping of one system: per given value its NtRole and the index it pairs with (among the
/// givens, or among the unknowns for nt_old_state), and the deepest cut (the smallest sub-step is
/// 2^-max_level of the step).
struct NtSubsteps
{
  const int * role;
  const int * pair;
  int max_level;
};

/**
 * Adaptive sub-stepping of the lanes whose solve of the whole step failed (status != 1): they
 * retry the step in pieces. A piece [a, b] of the step (0 <= a < b <= 1) ramps each force
 * linearly from its value at the start of the step (at 0) to its value at the end (at 1), takes
 * the unknowns reached at a as its old state and as its guess, and is solved with `solve(x, g,
 * state)`. A piece that fails is halved, down to 2^-max_level of the step; after one that
 * converges comes the next piece of the same length, or of twice the length once both halves of
 * a cut piece are done: NEML2's recursive bisection, kept as a position and a length per lane so
 * that lanes take their own paths with the same arithmetic as one point alone.
 *
 * On return a lane that converged has status 1 and x at the end of the step; one that failed
 * at the deepest cut has status -1 and rn of that piece. s.its adds the Newton updates of every
 * piece tried. `pieces` is the number of pieces a lane took (1 where the whole step converged,
 * 0 where it failed). `x0` is the guess the whole step started from; `work` holds 2n + m values.
 */
template <typename P, int N, typename Solve>
NEML2_HD inline void
nt_substep(NtState<P> & s, typename P::V * x, const typename P::V * x0, const typename P::V * g, int m,
           const NtSubsteps & sub, typename P::I & pieces, typename P::V * work, Solve && solve, int n_ = N)
{
  using T = typename P::T;
  using V = typename P::V;
  using M = typename P::M;
  using I = typename P::I;
  const int n = nt_size<N>(n_);
  const I zero = P::isplat(0), one = P::isplat(1);
  M todo = P::mnot(s.status == one);
  pieces = todo ? zero : one;
  if (sub.max_level <= 0 || !P::any(todo))
    return;
  V * xc = work;         // the unknowns at the start of the current piece
  V * xs = work + n;     // the piece's unknowns
  V * gs = work + 2 * n; // the piece's givens
  for (int k = 0; k < n; ++k)
    xc[k] = x0[k];
  for (int j = 0; j < m; ++j)
    if (sub.role[j] == nt_old_state)
      xc[sub.pair[j]] = g[j];
  // Position and length of the current piece in units of the smallest one, and as fractions.
  const I whole = P::isplat(1 << sub.max_level);
  I pos = zero, len = P::isplat(1 << (sub.max_level - 1));
  V a = V{}, h = P::splat(T(0.5));
  while (P::any(todo))
  {
    const V b = a + h;
    for (int j = 0; j < m; ++j)
    {
      const int q = sub.pair[j];
      switch (sub.role[j])
      {
        case nt_force_end:
          gs[j] = (T(1) - b) * g[q] + b * g[j];
          break;
        case nt_force_start:
          gs[j] = (T(1) - a) * g[j] + a * g[q];
          break;
        case nt_old_state:
          gs[j] = xc[q];
          break;
        default:
          gs[j] = g[j];
      }
    }
    for (int k = 0; k < n; ++k)
      xs[k] = xc[k];
    NtState<P> t;
    t.status = todo ? zero : one; // other lanes sit this piece out
    solve(xs, gs, t);
    s.its = todo ? s.its + t.its : s.its;
    const M ok = todo & (t.status == one);
    const M bad = todo & P::mnot(t.status == one);
    for (int k = 0; k < n; ++k)
      xc[k] = ok ? xs[k] : xc[k];
    a = ok ? b : a;
    pos = ok ? pos + len : pos;
    pieces = ok ? pieces + one : pieces;
    // Both halves of a cut piece done: go on at the parent's length.
    for (int l = 1; l < sub.max_level; ++l)
    {
      const I twice = len + len;
      const M up = ok & (twice < whole) & ((pos & (twice - one)) == zero);
      len = up ? twice : len;
      h = up ? h + h : h;
    }
    const M done = ok & (pos == whole);
    for (int k = 0; k < n; ++k)
      x[k] = done ? xc[k] : x[k];
    s.status = done ? one : s.status;
    todo = todo & P::mnot(done);
    // A failed piece is halved, unless it is already the smallest: then the lane fails.
    const M cut = bad & (len > one);
    const M fail = bad & P::mnot(len > one);
    len = cut ? len / P::isplat(2) : len;
    h = cut ? h * T(0.5) : h;
    s.status = fail ? P::isplat(-1) : s.status;
    s.rn = fail ? t.rn : s.rn;
    pieces = fail ? zero : pieces;
    todo = todo & P::mnot(fail);
  }
}

} // namespace neml2_ops

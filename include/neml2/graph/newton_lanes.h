// Newton's method on W material points at once, one SIMD lane per point: the lane form of
// newton_ops.h for generated kernels (copied verbatim after scalar_ops.h, newton_ops.h and
// lane_ops.h).
//
// Each lane follows exactly the path of the scalar nt_advance / nt_lu_solve for its point: the
// same IEEE operations in the same order, decisions (pivot rows, convergence, line-search cuts)
// taken per lane with masks, and lanes whose point has converged or failed frozen until the
// slowest lane of the tile is done. Results and iteration counts are therefore bit-identical to
// the eager interpreter. Full steps and backtracking are supported; kernels with the strong Wolfe
// search (line_search 2) keep the scalar path (codegen_cpu_lanes.cpp, system_on_lanes).
//
// Keep in step with newton_ops.h: a change there needs the same change here (the compiled-vs-eager
// tests, test_compile_iterations.cpp, test_implicit_linesearch.cpp, ..., catch a mismatch).
#pragma once

#ifndef NEML2_KERNEL_SOURCE // generated kernels hold the other headers' text before this one
#include "neml2/graph/lane_ops.h"
#include "neml2/graph/newton_ops.h"
#endif

namespace neml2_lanes
{
/// sum r_i^2 over i, per lane (nt_sq).
template <int N, typename V>
inline V
nt_lanes_sq(const V * r)
{
  V s = {};
  for (int i = 0; i < N; ++i)
    s = s + r[i] * r[i];
  return s;
}

/// Q entries (i0 + q DI, j0 + q DJ) of A minus sum_{m<k} A_im A_mj, subtracted in increasing m:
/// what the scalar right-looking elimination of nt_lu_solve does to an entry in its steps 0..k-1,
/// here accumulated in registers (Q entries share the loads of one row or column).
template <int N, int Q, int DI, int DJ, typename V>
inline void
nt_lanes_crout(V * A, int k, int i0, int j0)
{
  V s[Q];
  for (int q = 0; q < Q; ++q)
    s[q] = A[(i0 + q * DI) * N + j0 + q * DJ];
  for (int m = 0; m < k; ++m)
    for (int q = 0; q < Q; ++q)
      s[q] = s[q] - A[(i0 + q * DI) * N + m] * A[m * N + j0 + q * DJ];
  for (int q = 0; q < Q; ++q)
    A[(i0 + q * DI) * N + j0 + q * DJ] = s[q];
}

/// Swaps rows k and i of A (N wide) and of B (R wide) on the lanes of `swap`.
template <int N, int R, typename V, typename M>
inline void
nt_lanes_swap_rows(V * A, V * B, int k, int i, M swap)
{
  for (int j = 0; j < N; ++j)
  {
    const V t = A[k * N + j];
    A[k * N + j] = swap ? A[i * N + j] : t;
    A[i * N + j] = swap ? t : A[i * N + j];
  }
  for (int j = 0; j < R; ++j)
  {
    const V t = B[k * R + j];
    B[k * R + j] = swap ? B[i * R + j] : t;
    B[i * R + j] = swap ? t : B[i * R + j];
  }
}

/**
 * nt_lu_solve on every lane: A y = B with A N x N and B N x R (row-major, one vector per entry),
 * y overwrites B. Returns the mask of lanes where A was regular.
 *
 * Every entry goes through the scalar arithmetic in the scalar order, but organised as Crout's
 * method (at step k: column k from the diagonal down, then the pivot, then row k right of the
 * diagonal, then the multipliers) so that an entry's updates accumulate in a register instead of
 * being stored after each step. Per lane the pivot row is the scalar one (the first largest
 * |A_ik|) and rows are swapped with blends; B is permuted at each step and forward-substituted at
 * the end, which repeats the scalar updates of B in the same order.
 */
template <int N, int R, typename V>
inline mask_t<V>
nt_lanes_lu_solve(V * A, V * B)
{
  using M = mask_t<V>;
  M regular = V{} == V{};
  for (int k = 0; k < N; ++k)
  {
    // Column k from the diagonal down gets its updates of steps 0..k-1 (4 rows at a time).
    int i = k;
    for (; i + 4 <= N; i += 4)
      nt_lanes_crout<N, 4, 1, 0>(A, k, i, k);
    for (; i < N; ++i)
      nt_lanes_crout<N, 1, 1, 0>(A, k, i, k);

    // The pivot: the first row i >= k with the largest |A_ik| (a NaN never wins), as the scalar scan.
    M p = splat<M>(k);
    V best = lane_abs(A[k * N + k]);
    for (i = k + 1; i < N; ++i)
    {
      const V a = lane_abs(A[i * N + k]);
      const M bigger = a > best;
      best = bigger ? a : best;
      p = bigger ? splat<M>(i) : p;
    }
    regular = regular & (best > V{});
    // Once per distinct pivot row among the lanes (lanes done are set back to k).
    for (int l = 0; l < LaneTraits<V>::W && any(p != splat<M>(k)); ++l)
      if (p[l] != k)
      {
        const int r = static_cast<int>(p[l]);
        const M swap = p == splat<M>(r);
        nt_lanes_swap_rows<N, R>(A, B, k, r, swap);
        p = swap ? splat<M>(k) : p;
      }

    // Row k right of the diagonal gets its updates (the pivot row's: U), then the multipliers (L).
    int j = k + 1;
    for (; j + 4 <= N; j += 4)
      nt_lanes_crout<N, 4, 0, 1>(A, k, k, j);
    for (; j < N; ++j)
      nt_lanes_crout<N, 1, 0, 1>(A, k, k, j);
    for (i = k + 1; i < N; ++i)
      A[i * N + k] = A[i * N + k] / A[k * N + k];
  }
  // Forward substitution with L (the scalar's updates of B), then back substitution with U.
  for (int i = 1; i < N; ++i)
    for (int j = 0; j < R; ++j)
    {
      V s = B[i * R + j];
      for (int m = 0; m < i; ++m)
        s = s - A[i * N + m] * B[m * R + j];
      B[i * R + j] = s;
    }
  for (int i = N - 1; i >= 0; --i)
    for (int j = 0; j < R; ++j)
    {
      V s = B[i * R + j];
      for (int k = i + 1; k < N; ++k)
        s = s - A[i * N + k] * B[k * R + j];
      B[i * R + j] = s / A[i * N + i];
    }
  return regular;
}

/// NtState per lane (the strong Wolfe fields are not needed: that search stays scalar).
template <typename V>
struct NtLanes
{
  using M = mask_t<V>;
  M its = {};    ///< Newton updates taken
  M status = {}; ///< 0 iterating, 1 converged, -1 failed
  M trial = {};  ///< 0: the evaluation was at the current iterate; 1: at a trial step
  M ls = {};     ///< line-search cutbacks of the current step
  V r0 = {};     ///< residual norm at the predictor
  V rn = {};     ///< residual norm at the current iterate
  V phi0 = {};   ///< |r|^2 at the current iterate (line search reference)
  V a = splat<V>(1);
};

/**
 * nt_advance on every lane still iterating (status 0), after r and J were evaluated at x_eval;
 * the other lanes keep every value. The caller loops: evaluate at x_eval, call nt_lanes_advance,
 * stop when no lane has status 0.
 */
template <int N, typename V, typename T>
inline void
nt_lanes_advance(NtLanes<V> & s, V * x, V * x_eval, V * dx, V * J, V * r, const neml2_ops::NtSettings<T> & o)
{
  using M = mask_t<V>;
  const M yes = V{} == V{}, no = {};
  M live = s.status == no;

  // A trial step was evaluated: accept it, or cut it back (backtracking) and evaluate again.
  const M trial = live & (s.trial != no);
  if (any(trial))
  {
    M accept = yes;
    if (o.line_search == 1)
    {
      const V phi = nt_lanes_sq<N>(r);
      const M decrease = phi <= (T(1) - T(2) * o.line_search_stop * s.a) * s.phi0;
      accept = (s.ls >= splat<M>(o.max_line_search_its)) | decrease;
    }
    const M cut = trial & ~accept;
    s.a = cut ? s.a / o.line_search_cutback : s.a;
    s.ls = cut ? s.ls + 1 : s.ls;
    const M step = trial & accept;
    for (int i = 0; i < N; ++i)
    {
      x_eval[i] = cut ? x[i] - s.a * dx[i] : x_eval[i];
      x[i] = step ? x_eval[i] : x[i];
    }
    s.its = step ? s.its + 1 : s.its;
    live = live & ~cut;
  }

  // nt_check: convergence test at the current iterate.
  const V nr = lane_sqrt(nt_lanes_sq<N>(r));
  s.r0 = live & (s.its == no) ? nr : s.r0;
  s.rn = live ? nr : s.rn;
  const M finite = (nr - nr) == V{}; // false for inf and NaN
  const M converged = (nr < o.abs_tol) | (nr / s.r0 < o.rel_tol);
  M status = s.its >= splat<M>(o.max_its) ? splat<M>(-1) : no;
  status = converged ? splat<M>(1) : status;
  status = finite ? status : splat<M>(-1);
  s.status = live ? status : s.status;

  // nt_direction: the Newton step dx = J^-1 r and the first trial x - dx.
  const M dir = live & (s.status == no);
  if (!any(dir))
    return;
  s.phi0 = dir ? nt_lanes_sq<N>(r) : s.phi0;
  V d[N];
  for (int i = 0; i < N; ++i)
    d[i] = r[i];
  const M regular = nt_lanes_lu_solve<N, 1>(J, d);
  s.status = dir & ~regular ? splat<M>(-1) : s.status;
  const M go = dir & regular;
  s.a = go ? splat<V>(1) : s.a;
  s.ls = go ? no : s.ls;
  s.trial = go ? splat<M>(1) : s.trial;
  for (int i = 0; i < N; ++i)
  {
    dx[i] = go ? d[i] : dx[i];
    x_eval[i] = go ? x[i] - dx[i] : x_eval[i];
  }
}
} // namespace neml2_lanes

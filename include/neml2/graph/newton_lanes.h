// The lane policy of newton_ops.h for W material points at once, one SIMD lane per point
// (lane_ops.h): generated SIMD-lane kernels run the same Newton code as the interpreter and the
// point kernels with this policy, and stream a chunk of points through the lanes (nt_stream).
// Copied verbatim into those kernels after scalar_ops.h, newton_ops.h and lane_ops.h.
#pragma once

#ifndef NEML2_KERNEL_SOURCE // generated kernels hold the other headers' text before this one
#include "neml2/graph/lane_ops.h"
#include "neml2/graph/newton_ops.h"
#endif

#include <cstdint>

namespace neml2_lanes
{
/// W points of V: masks and counters are integer vectors of the lane width (mask_t<V>, every bit
/// of a lane set where true), so `mask ? a : b` blends lane by lane.
template <typename Vec>
struct LanePolicy
{
  using V = Vec;
  using T = typename LaneTraits<V>::T;
  using M = mask_t<V>;
  using I = mask_t<V>;
  static constexpr int W = LaneTraits<V>::W;
  static V splat(T x) { return neml2_lanes::splat<V>(x); }
  static I isplat(int x) { return neml2_lanes::splat<I>(x); }
  static bool any(M m) { return neml2_lanes::any(m); }
  static M mnot(M m) { return ~m; }
  static int lane(I i, int l) { return static_cast<int>(i[l]); }
  static V abs(V a) { return lane_abs(a); }
  static V sqrt(V a) { return lane_sqrt(a); }
  static V fnma(V a, V b, V c) { return lane_fnma(a, b, c); }
};

/// Lanes l < nl of `row[off + l]`; the lanes past nl repeat the last of them (a chunk's last,
/// partial tile, as LaneOffsets does for a batch's).
template <typename Vec, typename S>
inline Vec
scratch_load(const S * row, int off, int nl)
{
  Vec v;
  if constexpr (sizeof(S) * LaneTraits<Vec>::W == sizeof(Vec))
    if (nl == LaneTraits<Vec>::W) // a whole tile: one vector load
      return load_vector<Vec>(row + off);
  for (int l = 0; l < LaneTraits<Vec>::W; ++l)
    v[l] = row[off + (l < nl ? l : nl - 1)];
  return v;
}

/// `row[off + l] = v[l]` for the lanes l < nl.
template <typename Vec, typename S>
inline void
scratch_store(S * row, int off, int nl, Vec v)
{
  if constexpr (sizeof(S) * LaneTraits<Vec>::W == sizeof(Vec))
    if (nl == LaneTraits<Vec>::W) // a whole tile: one vector store
    {
      store_vector(row + off, v);
      return;
    }
  for (int l = 0; l < nl; ++l)
    row[off + l] = static_cast<S>(v[l]);
}

/**
 * Solves the implicit systems of `count` points with Newton (newton_ops.h's nt_advance), W lanes
 * at a time, starting a waiting point on a lane as soon as the lane's point has converged or
 * failed. Solving a tile of W points together costs the iterations of its slowest point on every
 * lane; streaming costs each point its own, plus a last, partly idle round when the queue runs dry.
 * Where every lane finishes in the same round (points that iterate alike), the next W points start
 * together, loaded as whole vectors, so such models pay little for the streaming.
 * A lane's arithmetic never depends on the other lanes, nor on when its point started, so every
 * point gets the bits it gets alone.
 *
 * Point p's unknowns are x[k * stride + p] (its guess on entry, its solution on return: the last
 * iterate where it failed) and its givens g[j * stride + p], k < N, j < M. On return status[p] is
 * 1 (converged) or -1 (failed), its[p] its Newton updates and rn[p] its last residual norm.
 * `eval(x, g, r, J)` is the residual and Jacobian on lanes, `eval_r(x, g, r)` the residual alone
 * (nt_round: a round where every lane is at a trial iterate evaluates J only if one goes on).
 */
template <typename P, int N, int M, typename Eval, typename EvalR>
inline void
nt_stream(const neml2_ops::NtSettings<typename P::T> & o, int count, int stride, typename P::T * x,
          const typename P::T * g, std::int32_t * status, std::int32_t * its, typename P::T * rn, Eval && eval,
          EvalR && eval_r)
{
  using V = typename P::V;
  using I = typename P::I;
  constexpr int W = P::W;
  V xl[N], xe[N], dx[N] = {}, gl[M > 0 ? M : 1] = {}, r[N], jacobians[2][N * N] = {};
  V *J = jacobians[0], *F = jacobians[1]; // F: the factors of the last directions (nt_advance)
  I piv[N] = {};
  neml2_ops::NtState<P> s;
  const neml2_ops::NtState<P> fresh;
  int point[W]; // the point on each lane, -1 once the lane has nothing left to do
  I live = {};  // the lanes that hold a point
  int next = 0, busy = 0;
  int expect = 0;    // the Newton updates the last point that converged took
  bool tile = false; // the lanes hold points point[0] + l, started together
  auto start_tile = [&] {
    for (int k = 0; k < N; ++k)
    {
      xl[k] = load_vector<V>(x + k * stride + next);
      xe[k] = xl[k];
    }
    for (int j = 0; j < M; ++j)
      gl[j] = load_vector<V>(g + j * stride + next);
    s = fresh;
    for (int l = 0; l < W; ++l)
      point[l] = next + l;
    live = P::isplat(-1);
    next += W;
    busy = W;
    tile = true;
  };
  auto start = [&](int l, int p) {
    for (int k = 0; k < N; ++k)
      xe[k][l] = xl[k][l] = x[k * stride + p];
    for (int j = 0; j < M; ++j)
      gl[j][l] = g[j * stride + p];
    // Every field of NtState, as a new solve starts it.
    using S = neml2_ops::NtState<P>;
    auto restart = [&](auto... field) { (((s.*field)[l] = (fresh.*field)[l]), ...); };
    restart(&S::its, &S::status, &S::trial, &S::ls, &S::r0, &S::rn, &S::phi0, &S::rdx, &S::a, &S::zoom, &S::lo, &S::hi,
            &S::phi_lo);
    point[l] = p;
    live[l] = -1;
  };
  auto finish = [&](int l, bool whole) {
    const int p = point[l];
    if (!whole)
      for (int k = 0; k < N; ++k)
        x[k * stride + p] = xl[k][l];
    status[p] = static_cast<std::int32_t>(s.status[l]);
    its[p] = static_cast<std::int32_t>(s.its[l]);
    expect = status[p] == 1 ? its[p] : expect;
    rn[p] = s.rn[l];
    point[l] = -1;
    live[l] = 0;
    --busy;
  };

  if (count >= W)
    start_tile();
  else
  {
    for (int l = 0; l < W; ++l)
    {
      // No point for a lane past the last: it repeats point 0, already finished, so Newton leaves
      // it alone.
      start(l, l < count ? l : 0);
      if (l >= count)
      {
        s.status[l] = 1;
        point[l] = -1;
        live[l] = 0;
      }
    }
    next = busy = count;
  }
  while (busy > 0)
  {
    // Try r alone first only where every lane may be at its last iterate: at least as many Newton
    // updates in as the last point that converged took (points in a chunk are neighbours, which
    // mostly iterate alike). Otherwise a lane that goes on would have r evaluated twice.
    const bool r_first = !P::any((s.status == P::isplat(0)) & (s.its + P::isplat(1) < P::isplat(expect)));
    neml2_ops::nt_round<P, N>(
        s, xl, xe, dx, J, r, F, piv, o, [&](const V * x_, V * r_, V * J_) { eval(x_, gl, r_, J_); },
        [&](const V * x_, V * r_) { eval_r(x_, gl, r_); }, r_first);
    const I done = live & (s.status != P::isplat(0));
    if (!P::any(done))
      continue;
    const bool whole = tile && !P::any(P::mnot(done));
    if (whole)
      for (int k = 0; k < N; ++k) // the whole tile at once
        store_vector(x + k * stride + point[0], xl[k]);
    for (int l = 0; l < W; ++l)
      if (done[l])
        finish(l, whole);
    if (busy == 0 && count - next >= W)
      start_tile();
    else
    {
      tile = false;
      for (int l = 0; l < W && next < count; ++l)
        if (point[l] < 0)
        {
          start(l, next++);
          ++busy;
        }
    }
  }
}
} // namespace neml2_lanes

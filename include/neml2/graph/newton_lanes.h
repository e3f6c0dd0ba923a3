// The lane policy of newton_ops.h for W material points at once, one SIMD lane per point
// (lane_ops.h): generated SIMD-lane kernels run the same Newton code as the interpreter and the
// point kernels with this policy. Copied verbatim into those kernels after scalar_ops.h,
// newton_ops.h and lane_ops.h.
#pragma once

#ifndef NEML2_KERNEL_SOURCE // generated kernels hold the other headers' text before this one
#include "neml2/graph/lane_ops.h"
#include "neml2/graph/newton_ops.h"
#endif

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
};
} // namespace neml2_lanes

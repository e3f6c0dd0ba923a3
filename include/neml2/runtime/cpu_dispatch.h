// How a batch reaches a compiled CPU kernel: one call on the caller's thread for small work, else
// blocks of points over the thread team.
#pragma once

#include <atomic>
#include <cstdint>

#include "neml2/artifact/kernel_abi.h"

namespace neml2::aoti
{
using RangeFn = neml2_range;

/**
 * Calls one kernel entry's `<symbol>_range` over a batch. A batch whose work (its points times
 * the time per point measured on earlier calls of this entry) is too small to pay for waking
 * other threads runs in a single call on the caller's thread; a larger one is cut into blocks of
 * NEML2_KERNEL_RANGE_ALIGN-aligned points that the caller and the team's workers claim one by one
 * (neml2::parallel_for), so a worker whose core is busy elsewhere is never waited for.
 * Returns what the kernel entry returns: the failed points, or -1 for invalid arguments.
 * Safe to call from several threads at once.
 */
class CpuDispatch
{
public:
  explicit CpuDispatch(RangeFn range)
    : _range(range)
  {
  }

  int operator()(std::int64_t n, const void * const * args, const std::int64_t * strides, void * const * outs) const;

  /// Work below this many nanoseconds runs on the caller alone: waking a sleeping worker costs a
  /// few microseconds, and the caller does blocks meanwhile, so a team pays off well below it.
  static constexpr double serial_below_ns = 20000;

private:
  RangeFn _range;
  /// Nanoseconds per point of this entry, from its last call of more than one point: measured
  /// on a serial call, an upper bound (wall time x threads) on a team call. Negative before any
  /// call: a batch of 1024 points or more then goes to the team.
  mutable std::atomic<double> _ns_per_point{-1};
};
} // namespace neml2::aoti

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
 * whole tiles (down to one tile, so that a 16-point batch of 8-point tiles can use two threads;
 * lane kernels get 64 points or more while each thread still gets two blocks) that the caller and
 * the team's workers claim one by one (neml2::parallel_for), so a worker whose core is busy
 * elsewhere is never waited for.
 * Returns what the kernel entry returns: the failed points, or -1 for invalid arguments.
 * Safe to call from several threads at once.
 */
class CpuDispatch
{
public:
  /// `align`: the entry's `<symbol>_range_align()`, which every block but the last is a multiple of.
  CpuDispatch(RangeFn range, std::int64_t align)
    : _range(range),
      _align(align)
  {
  }

  int operator()(std::int64_t n, const void * const * args, const std::int64_t * strides, void * const * outs) const;

  /// Work below this many nanoseconds runs on the caller alone. Waking a sleeping worker costs
  /// the caller a system call of a microsecond or two and it does blocks meanwhile; a worker still
  /// spinning from the last call joins at once. Measured on a 2-core VM: a 16-point crystal call
  /// of 13 us took 15 us over two threads, 20 us alone; elasticity and isoharden calls from 256 to
  /// 16384 points were as fast as with a 20 us threshold.
  static constexpr double serial_below_ns = 5000;

private:
  RangeFn _range;
  std::int64_t _align;
  /// Nanoseconds per point of this entry, from its last call of more than one point: measured
  /// on a serial call, an upper bound (wall time x threads) on a team call. Negative before any
  /// call: a batch of 1024 points or more then goes to the team.
  mutable std::atomic<double> _ns_per_point{-1};
};
} // namespace neml2::aoti

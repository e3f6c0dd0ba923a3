// CpuDispatch: the serial-or-team decision and the blocks of a compiled CPU call.
#include "neml2/runtime/cpu_dispatch.h"

#include <algorithm>
#include <chrono>

#include "neml2/tensors/thread_team.h"

namespace neml2::aoti
{
int
CpuDispatch::operator()(std::int64_t n, const void * const * args, const std::int64_t * strides,
                        void * const * outs) const
{
  if (n < 2) // batch 1 (an FE code's material point): the kernel, nothing else
    return _range(n, 0, n, args, strides, outs);
  const std::int64_t align = _align;
  const double per_point = _ns_per_point.load(std::memory_order_relaxed);
  const int team = num_threads();
  const bool serial =
      team == 1 || n <= align || (per_point < 0 ? n < 1024 : static_cast<double>(n) * per_point < serial_below_ns);
  if (serial)
  {
    const auto t0 = std::chrono::steady_clock::now();
    const int rc = _range(n, 0, n, args, strides, outs);
    const std::chrono::duration<double, std::nano> took = std::chrono::steady_clock::now() - t0;
    if (rc >= 0)
      _ns_per_point.store(took.count() / static_cast<double>(n), std::memory_order_relaxed);
    return rc;
  }
  // About 8 blocks per thread: fine enough that a thread slowed by another process leaves its
  // share to the others, coarse enough that claiming a block costs nothing next to running it.
  // Blocks of 64 points or more start on whole cache lines of every output; smaller ones (small
  // batches of expensive points) go down to one tile. A lane kernel streams a block's points
  // through its lanes, whose last round runs partly idle: its blocks stay at 64 points or more
  // as long as every thread still gets two.
  const std::int64_t wanted = 8 * static_cast<std::int64_t>(team);
  const std::int64_t share = (n + wanted - 1) / wanted;
  const std::int64_t grain = share >= NEML2_KERNEL_RANGE_ALIGN ? NEML2_KERNEL_RANGE_ALIGN : align;
  const std::int64_t streamed =
      align > 1
          ? std::min<std::int64_t>(NEML2_KERNEL_RANGE_ALIGN, n / (2 * static_cast<std::int64_t>(team)) / align * align)
          : 0;
  const std::int64_t block = std::max((share + grain - 1) / grain * grain, streamed);
  const std::int64_t nblocks = (n + block - 1) / block;
  std::atomic<int> failed{0};
  std::atomic<bool> invalid{false};
  const auto t0 = std::chrono::steady_clock::now();
  parallel_for(nblocks, [&](std::int64_t b) {
    const int rc = _range(n, b * block, std::min(n, (b + 1) * block), args, strides, outs);
    if (rc < 0)
      invalid.store(true, std::memory_order_relaxed);
    else
      failed.fetch_add(rc, std::memory_order_relaxed);
  });
  // An upper bound of the serial time per point (as if every thread had worked all along): a
  // batch sent to the team on an estimate that was too high (nothing measured yet, or a first
  // call slowed by cold caches) goes back to the caller alone next time, where it is measured.
  const std::chrono::duration<double, std::nano> took = std::chrono::steady_clock::now() - t0;
  if (!invalid.load())
    _ns_per_point.store(took.count() * team / static_cast<double>(n), std::memory_order_relaxed);
  return invalid.load() ? -1 : failed.load();
}
} // namespace neml2::aoti

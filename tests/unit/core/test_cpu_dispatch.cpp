// Compiled CPU calls spread over the thread team (runtime/cpu_dispatch.cpp): blocks of a lane kernel
// over a batch that is a multiple of neither the block alignment nor the lane width give the bytes
// a single thread gives, solve the model (checked against its residual), and a failed point in the
// last, partial block is still named; small batches of expensive points split down to single
// tiles, large ones into blocks that start on whole cache lines.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <mutex>
#include <utility>
#include <vector>

#include "neml2/runtime/aoti_model.h"
#include "neml2/runtime/cpu_dispatch.h"
#include "neml2/tensors/thread_team.h"
#include "test_compile_util.h"

using namespace neml2;
using namespace neml2::test;

TEST(CpuDispatch, TeamBlocksOfALaneKernelEqualOneThread)
{
  TempDir dir;
  // 2 x^3 + x = b, solved by Newton in SIMD lanes (an implicit model compiles to the lane form).
  const auto r = compile_seed(dir.str("aoti"), {}, {}, Dtype::Float64, data("implicit/cubic.i"), "update");
  const aoti::Model m(r.artifact_dir);
  const std::int64_t n = 5003;
  std::vector<double> b(static_cast<std::size_t>(n));
  for (std::int64_t p = 0; p < n; ++p)
    b[static_cast<std::size_t>(p)] = 0.002 * static_cast<double>(p) - 5.0;

  set_num_threads(1);
  const auto one = m.forward({{"b", Tensor::from_values({n}, {}, b)}}).at("x");
  // Measured on that call, the batch is many times the 5 us below which calls stay serial,
  // so these go to the team.
  set_num_threads(3);
  for (int rep = 0; rep < 3; ++rep)
  {
    const auto team = m.forward({{"b", Tensor::from_values({n}, {}, b)}}).at("x");
    ASSERT_TRUE(bitwise_equal(one, team)) << "repetition " << rep;
  }
  for (std::int64_t p = 0; p < n; ++p)
  {
    const double x = one.at(p);
    ASSERT_NEAR(2 * x * x * x + x, b[static_cast<std::size_t>(p)], 1e-9) << "point " << p;
  }

  b[static_cast<std::size_t>(n - 2)] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_TRUE(throws_with<SolverError>(
      [&] {
        m.forward({{"b", Tensor::from_values({n}, {}, b)}});
      },
      "failed points: " + std::to_string(n - 2)));
  set_num_threads(0);
}

namespace
{
// A stand-in kernel entry that records the ranges it is called on and takes ~20 us per point,
// so that after the first (serial, measured) call even a batch of two tiles is worth a team.
std::mutex recorded_mutex;
std::vector<std::pair<std::int64_t, std::int64_t>> recorded;

int
slow_range(std::int64_t, std::int64_t first, std::int64_t last, const void * const *, const std::int64_t *,
           void * const *)
{
  const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(20 * (last - first));
  while (std::chrono::steady_clock::now() < until)
  {
  }
  const std::lock_guard<std::mutex> lock(recorded_mutex);
  recorded.emplace_back(first, last);
  return 0;
}

std::vector<std::pair<std::int64_t, std::int64_t>>
blocks_of(const aoti::CpuDispatch & dispatch, std::int64_t n)
{
  recorded.clear();
  EXPECT_EQ(dispatch(n, nullptr, nullptr, nullptr), 0);
  auto r = recorded;
  std::sort(r.begin(), r.end());
  return r;
}
} // namespace

TEST(CpuDispatch, SmallBatchesOfExpensivePointsSplitIntoTiles)
{
  using Blocks = std::vector<std::pair<std::int64_t, std::int64_t>>;
  set_num_threads(2);
  const aoti::CpuDispatch lanes(slow_range, 8);
  EXPECT_EQ(blocks_of(lanes, 16), (Blocks{{0, 16}})) << "nothing measured yet: the caller alone";
  EXPECT_EQ(blocks_of(lanes, 16), (Blocks{{0, 8}, {8, 16}})) << "two tiles, two threads";
  EXPECT_EQ(blocks_of(lanes, 20), (Blocks{{0, 8}, {8, 16}, {16, 20}})) << "the last tile partial";
  EXPECT_EQ(blocks_of(lanes, 12), (Blocks{{0, 8}, {8, 12}}));
  EXPECT_EQ(blocks_of(lanes, 7), (Blocks{{0, 7}})) << "one tile: one call";
  EXPECT_EQ(blocks_of(lanes, 64), (Blocks{{0, 16}, {16, 32}, {32, 48}, {48, 64}})) << "two blocks a thread";
  EXPECT_EQ(blocks_of(lanes, 256), (Blocks{{0, 64}, {64, 128}, {128, 192}, {192, 256}}))
      << "a lane kernel streams each block through its lanes: blocks of 64 points while each thread gets two";
  const auto large = blocks_of(lanes, 2000);
  ASSERT_EQ(large.size(), 16U);
  for (const auto & [first, last] : large)
    EXPECT_TRUE(first % NEML2_KERNEL_RANGE_ALIGN == 0 && (last % NEML2_KERNEL_RANGE_ALIGN == 0 || last == 2000))
        << "blocks of 64 points or more start on whole cache lines: " << first << ".." << last;

  const aoti::CpuDispatch points(slow_range, 1);
  blocks_of(points, 2); // measured
  EXPECT_EQ(blocks_of(points, 3), (Blocks{{0, 1}, {1, 2}, {2, 3}}));
  set_num_threads(0);
}

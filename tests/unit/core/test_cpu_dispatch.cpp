// Compiled CPU calls spread over the thread team (runtime/cpu_dispatch.cpp): blocks of a lane kernel
// over a batch that is a multiple of neither the block alignment nor the lane width give the bytes
// a single thread gives, solve the model (checked against its residual), and a failed point in the
// last, partial block is still named.
#include <cmath>
#include <limits>

#include "neml2/runtime/aoti_model.h"
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
  // Measured on that call, the batch is several times the 20 us below which calls stay serial,
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

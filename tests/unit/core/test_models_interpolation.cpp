// ScalarLinearInterpolation: the nodes, the segments between them, the extrapolation past the
// ends, a table from [Tensors] (NEML2's temperature-dependent modulus), derivatives, errors.
#include <gtest/gtest.h>

#include "neml2/base/error.h"
#include "test_compile_util.h"
#include "test_plasticity_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
std::shared_ptr<Model>
interp(const std::string & name)
{
  return load_model(data("models/interpolation.i"), name);
}
} // namespace

TEST(ScalarLinearInterpolation, NodesSegmentsAndExtrapolation)
{
  auto m = interp("hat");
  const auto y = [&](double x) { return m->value({{"x", scalar(x)}}).at("hat").at(0); };
  EXPECT_EQ(y(0), 10.0);
  EXPECT_EQ(y(1), 20.0);
  EXPECT_EQ(y(3), 0.0);
  EXPECT_DOUBLE_EQ(y(0.5), 15.0);
  EXPECT_DOUBLE_EQ(y(2), 10.0);
  EXPECT_DOUBLE_EQ(y(-1), 0.0);  // the first segment's slope, 10, extended
  EXPECT_DOUBLE_EQ(y(4), -10.0); // the last segment's slope, -10, extended
  // The derivative is the segment's slope.
  const auto slope = [&](double x) { return m->jacobian({{"x", scalar(x)}}).second.at("hat").at("x").at(0); };
  EXPECT_DOUBLE_EQ(slope(0.5), 10.0);
  EXPECT_DOUBLE_EQ(slope(2.5), -10.0);
  check_derivatives(*m, random_inputs(*m, {5}, {{"x", {1.05, 2.95}}}));
  check_batch_shapes(*m, {{"x", {0.05, 0.95}}});
}

TEST(ScalarLinearInterpolation, TableFromTensors)
{
  // A modulus falling linearly from 1.9e5 at 273.15 K to 1.2e5 at 2000 K, tabulated at 100 nodes.
  auto m = interp("E");
  const double want = 1.9e5 + (1.2e5 - 1.9e5) * (300 - 273.15) / (2000 - 273.15);
  EXPECT_TRUE(near_rel(m->value({{"T", scalar(300)}}).at("E").at(0), want, 1e-12));
  check_derivatives(*m, random_inputs(*m, {5}, {{"T", {400.0, 1900.0}}}));
}

TEST(ScalarLinearInterpolation, BadTables)
{
  EXPECT_TRUE(throws_with<InputError>([] { interp("decreasing"); }, "the abscissae must increase; entry 2 (1)"));
  EXPECT_TRUE(throws_with<InputError>([] { interp("mismatched"); }, "expected 100 values, one per abscissa, got 7"));
}

TEST(BilinearInterpolation, ReproducesBilinearFunctionsEverywhere)
{
  // A bilinear function is reproduced exactly in every cell and, by the extended end cells,
  // outside the grid too.
  auto m = interp("grid");
  const auto f = [](double x, double y) { return 1 + 2 * x - y + 0.5 * x * y; };
  for (const auto & [x, y] : std::vector<std::pair<double, double>>{
           {0.5, 0}, {2, 1.5}, {1, 0.5}, {3, 2}, {-1, -2}, {4, 3}, {2.9, -0.9}, {0.1, 1.9}})
    EXPECT_NEAR(m->value({{"x", scalar(x)}, {"y", scalar(y)}}).at("grid").at(0), f(x, y), 1e-13) << x << ", " << y;
  check_derivatives(*m, random_inputs(*m, {5}, {{"x", {1.1, 2.9}}, {"y", {-0.9, 0.4}}}));
  check_batch_shapes(*m, {{"x", {0.1, 0.9}}, {"y", {0.6, 1.9}}});
  // NEML2's unit-test value: the cell (0, 1) x (0, 2) of the table (1 2; 3 4; 5 6) at (0.5, 0.5).
  auto n = interp("neml2_grid");
  EXPECT_DOUBLE_EQ(n->value({{"T", scalar(0.5)}, {"eps", scalar(0.5)}}).at("E").at(0), 2.25);
}

TEST(BilinearInterpolation, SR2TableAndErrors)
{
  auto m = interp("sr2_grid");
  // Component c at node (i, j) is 10 c + 2 i + j: at (0.25, 0.5), 10 c + 0.5 + 0.5.
  const auto out = m->value({{"argument1", scalar(0.25)}, {"argument2", scalar(0.5)}}).at("sr2_grid");
  for (std::int64_t c = 0; c < 6; ++c)
    EXPECT_NEAR(out.at(c), 10.0 * static_cast<double>(c) + 1.0, 1e-13) << c;
  check_derivatives(*m, random_inputs(*m, {4}, {{"argument1", {0.1, 0.9}}, {"argument2", {0.1, 0.9}}}));
  EXPECT_TRUE(throws_with<InputError>([] { interp("short_grid"); }, "expected 4 values, one per grid node, got 3"));
}

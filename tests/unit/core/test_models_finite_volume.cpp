// Finite-volume models: NEML2 v3's reference values (its tests/models/finite_volume inputs),
// closed forms and hand-worked values, every derivative (per-cell parameters included) against
// central differences, the cell count learned from parameters, variables or values, and a closed
// advection-diffusion rate that conserves the total amount.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <numbers>

#include "fd_check.h"
#include "neml2/base/error.h"
#include "test_plasticity_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
std::shared_ptr<Model>
fv(const std::string & name)
{
  return load_model(data("finite_volume/models.i"), name);
}

Tensor
cells(std::vector<double> v)
{
  const auto n = static_cast<std::int64_t>(v.size());
  return Tensor::from_values({}, {n}, v);
}

void
expect_values(const Tensor & got, const std::vector<double> & want, double rtol = 1e-14)
{
  ASSERT_EQ(got.base_shape(), (Shape{static_cast<std::int64_t>(want.size())}));
  for (std::size_t i = 0; i < want.size(); ++i)
    EXPECT_TRUE(near_rel(got.at(static_cast<std::int64_t>(i)), want[i], rtol))
        << "entry " << i << ": " << got.at(static_cast<std::int64_t>(i)) << " vs " << want[i];
}

void
check_all_derivatives(Model & m, const std::map<std::string, Range> & ranges = {})
{
  const auto in = random_inputs(m, {4}, ranges, 7);
  check_derivatives(m, in);
  if (!m.named_parameters().empty())
    check_parameter_derivatives(m, in);
}
} // namespace

TEST(FiniteVolumeGradient, WeightedDifferenceAcrossEachEdge)
{
  auto m = fv("gradient");
  // The sizes come from the per-edge parameters: 2 edges, so 3 cells.
  EXPECT_EQ(m->find_input("u")->sub_batch, (Shape{3}));
  EXPECT_EQ(m->find_output("grad_u")->sub_batch, (Shape{2}));
  // -3 (2 - 1) / 1 and -5 (4 - 2) / 1: NEML2 v3's reference [-3, -10].
  expect_values(m->value({{"u", cells({1, 2, 4})}}).at("grad_u"), {-3, -10});
  check_all_derivatives(*m);
  // One spacing for every edge and the default prefactor 1: -(u[e+1] - u[e]) / 0.5, any number of
  // cells, taken from the values.
  auto uniform = fv("gradient_uniform");
  expect_values(uniform->value({{"u", cells({1, 4, 0, 2.5})}}).at("grad_u"), {-6, 8, -5});
  EXPECT_EQ(uniform->find_output("grad_u")->sub_batch, (Shape{3}));
  check_all_derivatives(*uniform);
  // A variable prefactor (a per-edge diffusivity) takes the edges' size, and its derivative.
  auto coupled = fv("gradient_coupled");
  ASSERT_NE(coupled->find_input("D"), nullptr);
  EXPECT_EQ(coupled->find_input("D")->sub_batch, (Shape{3}));
  const auto out = coupled->value({{"u", cells({1, 2, 4, 3})}, {"D", cells({2, 3, 4})}}).at("grad_u");
  expect_values(out, {-2 * 1 / 0.5, -3 * 2 / 0.25, -4 * -1 / 0.5});
  check_all_derivatives(*coupled, {{"D", {0.5, 2.0}}});
}

TEST(FiniteVolumeUpwindedAdvectiveFlux, TakesTheUpwindCell)
{
  auto m = fv("flux");
  // v = -4 flows left: the right cell's 2; v = 3 flows right: the left cell's 2. NEML2's [-8, 6].
  expect_values(m->value({{"u", cells({1, 2, 3})}, {"v_edge", cells({-4, 3})}}).at("J"), {-8, 6});
  // A still edge carries nothing, and d J / d v there is the mean of its cells (H(0) = 1/2).
  const auto [values, J] = m->jacobian({{"u", cells({1, 2, 3})}, {"v_edge", cells({0, 3})}});
  expect_values(values.at("J"), {0, 6});
  EXPECT_DOUBLE_EQ(J.at("J").at("v_edge").at(0), 1.5);
  // Away from v = 0 the flux is smooth: central differences, velocities of either sign.
  check_all_derivatives(*m, {{"v_edge", {0.2, 2.0}}});
  check_all_derivatives(*m, {{"v_edge", {-2.0, -0.2}}});
}

TEST(FiniteVolumeAppendBoundaryCondition, OneMoreEntryAtTheChosenEnd)
{
  auto left = fv("bc_left");
  // The default name, <input>_with_bc_<side>; NEML2's reference [10, 1, 2, 3].
  ASSERT_NE(left->find_output("u_bar_with_bc_left"), nullptr);
  expect_values(left->value({{"u_bar", cells({1, 2, 3})}}).at("u_bar_with_bc_left"), {10, 1, 2, 3});
  auto right = fv("bc_right");
  expect_values(right->value({{"u_bar", cells({1, 2, 3, 5})}}).at("with_bc"), {1, 2, 3, 5, -2});
  check_all_derivatives(*left);
  check_all_derivatives(*right);
}

TEST(LinearlyInterpolateToCellEdges, DistanceWeightedNeighbours)
{
  auto m = fv("interpolate");
  EXPECT_EQ(m->find_input("q_cell")->sub_batch, (Shape{3}));
  // Edge 0.2 between centers 0 and 0.5: 0.6 * 2 + 0.4 * 4 = 2.8; edge 1 between 0.5 and 1.5:
  // 0.5 * 4 + 0.5 * 7 = 5.5 (NEML2's reference).
  expect_values(m->value({{"q_cell", cells({2, 4, 7})}}).at("q_edge"), {2.8, 5.5});
  // Linear fields are reproduced exactly: q = 3x - 1 at the centers gives 3 xe - 1 at the edges.
  expect_values(m->value({{"q_cell", cells({-1, 0.5, 3.5})}}).at("q_edge"), {-0.4, 2.0}, 1e-14);
  check_all_derivatives(*m);
}

TEST(SemiInfiniteCoordinateTransform, MapsOntoTheUnitInterval)
{
  auto m = fv("transform");
  EXPECT_TRUE(near_rel(m->value({{"state/x", scalar(2.0)}}).at("state/x_hat").at(0), 2.0 / 3.0, 1e-15));
  EXPECT_EQ(m->value({{"state/x", scalar(0.0)}}).at("state/x_hat").at(0), 0.0);
  EXPECT_TRUE(near_rel(m->value({{"state/x", scalar(1.0)}}).at("state/x_hat").at(0), 0.5, 1e-15)); // x = s
  check_all_derivatives(*m, {{"state/x", {0.0, 10.0}}});
}

TEST(SmearedDeltaSource, GaussianAtTheCellCenters)
{
  auto m = fv("smeared");
  const auto out = m->value({{"state/mag", scalar(2.0)}, {"state/loc", scalar(0.2)}}).at("state/source");
  std::vector<double> want;
  for (double x : {-1.0, 0.0, 1.0})
    want.push_back(2.0 / std::sqrt(2 * std::numbers::pi) * std::exp(-0.5 * (x - 0.2) * (x - 0.2)));
  expect_values(out, want);
  // NEML2 v3's reference values.
  expect_values(out, {0.3883721099664259, 0.7820853879509118, 0.5793831055229656}, 1e-15);
  check_all_derivatives(*m);
}

TEST(DumpInSmallestBin, AllInTheFirstCell)
{
  auto m = fv("dump");
  expect_values(m->value({{"state/mag", scalar(2.5)}}).at("state/source"), {2.5, 0, 0});
  // Batched magnitudes (NEML2's batched case): one row per point.
  const auto out =
      m->value({{"state/mag", Tensor::from_values({3}, {}, std::array{2.5, 3.5, 5.0})}}).at("state/source");
  ASSERT_EQ(out.shape(), (Shape{3, 3}));
  const double want[] = {2.5, 0, 0, 3.5, 0, 0, 5.0, 0, 0};
  for (std::int64_t i = 0; i < 9; ++i)
    EXPECT_EQ(out.at(i), want[i]);
  check_all_derivatives(*m);
}

TEST(FiniteVolume, PerCellParametersMapAModelOverTheCells)
{
  // ScalarMultiplication reads one scaling; given one per cell it runs once per cell.
  auto m = fv("scaling_per_cell");
  EXPECT_EQ(m->mapped_sub_batch(), (Shape{3}));
  EXPECT_EQ(m->find_output("b")->sub_batch, (Shape{3}));
  expect_values(m->value({{"a", scalar(2.0)}}).at("b"), {0.0, 1.0, 3.0});
  check_all_derivatives(*m);
  // Its per-cell output feeds a finite-volume model: b = a x is linear in x, so interpolated exactly.
  auto chain = fv("scaled_then_interpolated");
  expect_values(chain->value({{"a", scalar(2.0)}}).at("b_edge"), {0.4, 2.0}, 1e-14);
  check_all_derivatives(*chain);
}

TEST(FiniteVolume, ClosedTransportConservesTheTotal)
{
  auto m = fv("transport_rate");
  // Every variable's size is known from the grid parameters alone.
  EXPECT_EQ(m->find_input("c")->sub_batch, (Shape{5}));
  EXPECT_EQ(m->find_input("v_cell")->sub_batch, (Shape{5}));
  EXPECT_EQ(m->find_output("c_rate")->sub_batch, (Shape{5}));
  const auto in = random_inputs(*m, {6}, {{"c", {0.0, 2.0}}, {"v_cell", {-1.0, 1.0}}}, 3);
  const auto [values, J] = m->jacobian(in);
  const auto & rate = values.at("c_rate");
  const double widths[] = {0.1, 0.2, 0.3, 0.2, 0.4};
  // No flux through either end: sum over cells of width * rate telescopes to zero, and so does
  // each column of the Jacobian weighted by the widths (no perturbation changes the total).
  for (std::int64_t p = 0; p < 6; ++p)
  {
    double total = 0, scale = 0;
    for (std::int64_t i = 0; i < 5; ++i)
    {
      total += widths[i] * rate.at(p * 5 + i);
      scale += std::abs(widths[i] * rate.at(p * 5 + i));
    }
    EXPECT_LE(std::abs(total), 1e-14 * scale) << "point " << p;
    for (std::int64_t k = 0; k < 5; ++k)
    {
      double column = 0;
      for (std::int64_t i = 0; i < 5; ++i)
        column += widths[i] * J.at("c_rate").at("c").at((p * 5 + i) * 5 + k);
      EXPECT_NEAR(column, 0.0, 1e-12) << "point " << p << ", cell " << k;
    }
  }
  check_derivatives(*m, random_inputs(*m, {4}, {{"c", {0.0, 2.0}}, {"v_cell", {0.1, 1.0}}}, 5));
  check_parameter_derivatives(*m, random_inputs(*m, {4}, {{"c", {0.0, 2.0}}, {"v_cell", {0.1, 1.0}}}, 5));
}

namespace
{
/// Advects a Gaussian pulse (center 0.6, width 0.15) at v = 0.5 over [0, 2] with n cells for
/// time 0.8 in steps of dt = dx (a Courant number of 1/2), by the implicit model of
/// finite_volume/advection.i; returns the cell values at the end and checks the total every step.
/// (The pulse is wide enough, and stays far enough from the closed ends, that the error is the
/// scheme's, first-order, already on coarse grids.)
std::vector<double>
advect(std::int64_t n, double & l1_error)
{
  const double L = 2.0, dx = L / static_cast<double>(n), v = 0.5, t_end = 0.8;
  auto m = load_model(data("finite_volume/advection.i"), "model",
                      {fmt::format("L={}", L), fmt::format("N={}", n), fmt::format("N_edges={}", n + 1),
                       fmt::format("dx={:.17g}", dx), fmt::format("first_center={:.17g}", dx / 2),
                       fmt::format("last_center={:.17g}", L - dx / 2)});
  EXPECT_EQ(m->find_output("concentration")->sub_batch, (Shape{n}));
  const auto pulse = [](double x) { return std::exp(-0.5 * std::pow((x - 0.6) / 0.15, 2)); };
  std::vector<double> c(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i)
    c[static_cast<std::size_t>(i)] = pulse((static_cast<double>(i) + 0.5) * dx);
  const auto total = [&](const std::vector<double> & u) {
    double s = 0;
    for (double x : u)
      s += x * dx;
    return s;
  };
  const double M0 = total(c);
  const auto steps = static_cast<std::int64_t>(std::llround(t_end / dx));
  for (std::int64_t k = 0; k < steps; ++k)
  {
    const auto out = m->value({{"concentration~1", cells(c)},
                               {"t~1", scalar(static_cast<double>(k) * dx)},
                               {"t", scalar(static_cast<double>(k + 1) * dx)}})
                         .at("concentration");
    for (std::int64_t i = 0; i < n; ++i)
      c[static_cast<std::size_t>(i)] = out.at(i);
    EXPECT_LE(std::abs(total(c) - M0), 1e-14 * M0) << n << " cells, step " << k;
  }
  l1_error = 0;
  for (std::int64_t i = 0; i < n; ++i)
    l1_error += std::abs(c[static_cast<std::size_t>(i)] - pulse((static_cast<double>(i) + 0.5) * dx - v * t_end)) * dx;
  return c;
}
} // namespace

TEST(FiniteVolume, ImplicitAdvectionConservesAndConvergesAtFirstOrder)
{
  // Halving the cells (and the step with them) halves the error of a first-order scheme.
  std::vector<double> errors;
  for (std::int64_t n : {100, 200, 400})
  {
    double e = 0;
    advect(n, e);
    errors.push_back(e);
  }
  std::cout << "[ info     ] L1 errors at 100, 200, 400 cells: " << errors[0] << ", " << errors[1] << ", " << errors[2]
            << "\n";
  for (std::size_t k = 0; k + 1 < errors.size(); ++k)
  {
    const double order = std::log2(errors[k] / errors[k + 1]);
    EXPECT_GT(order, 0.7) << "between " << (100 << k) << " and " << (200 << k) << " cells: errors " << errors[k] << ", "
                          << errors[k + 1];
    EXPECT_LT(order, 1.2) << "between " << (100 << k) << " and " << (200 << k) << " cells: errors " << errors[k] << ", "
                          << errors[k + 1];
  }
  // The last pair is in the asymptotic range.
  EXPECT_NEAR(std::log2(errors[1] / errors[2]), 1.0, 0.15);
}

namespace
{
/// Loading `model` of finite_volume/errors.i throws an error located at `line` (0: not located)
/// whose message holds `message`.
::testing::AssertionResult
refused(const std::string & model, int line, const std::string & message)
{
  try
  {
    load_model(data("finite_volume/errors.i"), model);
  }
  catch (const Error & e)
  {
    const std::string what = e.what();
    if ((line > 0 && what.find(fmt::format("errors.i:{}:", line)) == std::string::npos) ||
        what.find(message) == std::string::npos)
      return ::testing::AssertionFailure()
             << model << ": expected line " << line << " and \"" << message << "\", got: " << what;
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << model << ": nothing thrown";
}
} // namespace

TEST(FiniteVolume, BadGridsAreLocatedErrors)
{
  EXPECT_TRUE(refused("sizes_disagree", 33,
                      "parameter 'prefactor' (2 entries) means 3 cells, but parameter 'dx' (3 "
                      "entries) means 4"));
  EXPECT_TRUE(refused("spacing_zero", 39, "parameter 'dx' = 0 is outside its admissible range (0, inf)"));
  EXPECT_TRUE(refused("two_axes", 45, "give it one sub-batch axis"));
  EXPECT_TRUE(refused("bc_two_values", 51, "the boundary value is one value, but it has 2"));
  EXPECT_TRUE(refused("bc_variable", 56, "not the variable 'J_boundary'"));
  EXPECT_TRUE(refused("velocity_is_u", 61, "give it its own variable"));
  EXPECT_TRUE(refused("edges_short", 68,
                      "parameter 'cell_edges' (3 entries) means 2 cells, but parameter "
                      "'cell_centers' (3 entries) means 3"));
  EXPECT_TRUE(refused("coefficients_disagree", 75,
                      "parameter 'c_1' has one value per entry of sub-batch (2,), so the model would run once per "
                      "entry, but parameter 'c_0' has sub-batch (3,)"));
  EXPECT_TRUE(refused("linspace_dim", 24, "so dim is 0 or -1; got 1"));
  EXPECT_TRUE(refused("cells_disagree", 98,
                      "'q' has one value per point of sub-batch (2,) in model 'interpolate3', but (4,) in model "
                      "'gradient_of_three_edges': model 'gradient_of_three_edges': 'q' (2 entries) means 2 cells, "
                      "but parameter 'dx' (3 entries) means 4"));
}

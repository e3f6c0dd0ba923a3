// ImplicitUpdate evaluated eagerly: solutions, implicit-function-theorem derivatives, failures.
#include <gtest/gtest.h>

#include <cmath>

#include "fd_check.h"
#include "neml2/base/error.h"
#include "neml2/graph/autodiff.h"
#include "neml2/graph/passes.h"
#include "neml2/models/model.h"
#include "test_compile_util.h"
#include "test_util.h"

using namespace neml2;

namespace
{
const double c = 2.0;

double
residual(double x, double b)
{
  return c * x * x * x + x - b;
}
} // namespace

TEST(ImplicitUpdate, SolvesTheCubicPerPoint)
{
  auto m = load_model(test::data("implicit/cubic.i"), "update");
  ASSERT_EQ(m->input_spec().size(), 1u);
  EXPECT_EQ(m->input_spec()[0].name, "b");
  ASSERT_EQ(m->output_spec().size(), 1u);
  EXPECT_EQ(m->output_spec()[0].name, "x");
  auto b = test::random_tensor({3, 5}, {}, -20.0, 20.0, 7);
  auto x = m->value({{"b", b}}).at("x");
  ASSERT_EQ(x.batch_shape(), (Shape{3, 5}));
  // Newton's criterion: |r| < abs_tol or |r| / |r0| < rel_tol, and r0 = -b at the zero guess.
  for (std::int64_t i = 0; i < x.numel(); ++i)
    EXPECT_LT(std::abs(residual(x.at(i), b.at(i))), std::max(1e-10, 1e-8 * std::abs(b.at(i)))) << "point " << i;
}

TEST(ImplicitUpdate, DerivativesFollowTheImplicitFunctionTheorem)
{
  auto m = load_model(test::data("implicit/cubic.i"), "update");
  auto b = test::random_tensor({7}, {}, -5.0, 5.0, 3);
  auto [out, J] = m->jacobian({{"b", b}});
  const auto & x = out.at("x");
  const auto & dxdb = J.at("x").at("b");
  for (std::int64_t i = 0; i < 7; ++i)
    EXPECT_NEAR(dxdb.at(i), 1.0 / (3 * c * x.at(i) * x.at(i) + 1), 1e-12);
  test::check_derivatives(*m, {{"b", b}});
}

TEST(ImplicitUpdate, ParameterDerivativeThroughTheSolve)
{
  // dx/dc = -x^3 / (3 c x^2 + 1), through the solve, against the closed form.
  auto m = load_model(test::data("implicit/cubic.i"), "update");
  auto g = m->forward_graph();
  const auto pname = m->resolve_parameter("scaling");
  auto jg = graph::with_jacobian(g, {{"x", pname}});
  auto b = Tensor::from_values({3}, {}, std::vector<double>{1.0, 3.0, -10.0});
  std::vector<Tensor> args;
  for (const auto & a : jg.arguments())
    args.push_back(a.kind == graph::ArgKind::Variable ? b : m->parameter(a.name));
  auto outs = run_graph(jg, args);
  for (std::int64_t i = 0; i < 3; ++i)
  {
    const double xi = outs[0].at(i);
    EXPECT_NEAR(outs[1].at(i), -xi * xi * xi / (3 * c * xi * xi + 1), 1e-12);
  }
}

TEST(ImplicitUpdate, ReportsPointsThatDoNotConverge)
{
  auto m = load_model(test::data("implicit/cubic.i"), "strict");
  // b = 0 converges at the predictor (x = 0); b = 100 needs many more than two updates.
  auto b = Tensor::from_values({3}, {}, std::vector<double>{0.0, 100.0, 0.0});
  try
  {
    m->value({{"b", b}});
    FAIL() << "expected a SolverError";
  }
  catch (const SolverError & e)
  {
    std::string msg = e.what();
    EXPECT_NE(msg.find("implicit update 'strict' did not converge (float64) at 1 of 3 point(s)"), std::string::npos)
        << msg;
    EXPECT_NE(msg.find("failed points: 1"), std::string::npos) << msg;
    EXPECT_NE(msg.find("max_its 2"), std::string::npos) << msg;
  }
}

TEST(ImplicitUpdate, AFloat32FailureSaysWhatFloat32CanReach)
{
  // 2 x^3 + x = 1e4: float32 leaves a residual of order 1e-3, far above the default tolerances
  // (abs 1e-10, rel 1e-8 of 1e4), which float64 meets.
  auto m = load_model(test::data("implicit/cubic.i"), "update");
  const auto b = Tensor::from_values({1}, {}, std::vector<double>{1e4});
  EXPECT_NO_THROW(m->value({{"b", b}}));
  EXPECT_TRUE(test::throws_with<SolverError>(
      [&] {
        m->value({{"b", b.to(Dtype::Float32)}});
      },
      "implicit update 'update' did not converge (float32) at 1 of 1"));
  EXPECT_TRUE(test::throws_with<SolverError>(
      [&] {
        m->value({{"b", b.to(Dtype::Float32)}});
      },
      "The solve ran in float32, which carries about 7 significant digits: "
      "rel_tol 1e-08"));
}

TEST(ImplicitUpdate, GraphShowsTheSolveNode)
{
  auto m = load_model(test::data("implicit/cubic.i"), "update");
  auto text = graph::to_text(m->forward_graph());
  EXPECT_NE(text.find("= solve"), std::string::npos) << text;
  EXPECT_NE(text.find("system 'update': 1 unknown(s)"), std::string::npos) << text;
}

TEST(ImplicitUpdate, AcceptsNEML2v3SolverOptionsThatChangeNothingHere)
{
  // Sensitivity solves by LU and no substepping are what this project always does: same numbers.
  auto plain = load_model(test::data("implicit/cubic.i"), "update");
  auto v3 = load_model(test::data("implicit/cubic.i"), "v3_options");
  auto b = test::random_tensor({5}, {}, -5.0, 5.0, 11);
  const auto [x0, J0] = plain->jacobian({{"b", b}});
  const auto [x1, J1] = v3->jacobian({{"b", b}});
  for (std::int64_t i = 0; i < 5; ++i)
  {
    EXPECT_EQ(x1.at("x").at(i), x0.at("x").at(i));
    EXPECT_EQ(J1.at("x").at("b").at(i), J0.at("x").at("b").at(i));
  }
}

TEST(ImplicitUpdate, RefusesSubsteppingOutOfRangeAndNonLinearSensitivitySolvers)
{
  const auto file = test::data("implicit/cubic.i");
  EXPECT_NO_THROW(load_model(file, "substepping"));
  for (const char * level : {"-1", "21"})
    EXPECT_TRUE(test::throws_with<InputError>(
        [&] { load_model(file, "substepping", {std::string("Models/substepping/max_substepping_level=") + level}); },
        "expected 0 (no sub-stepping) to 20"))
        << level;
  EXPECT_TRUE(test::throws_with<InputError>(
      [&] { load_model(file, "substepping", {"Models/substepping/incremental_variables=b"}); },
      "'b' is ramped from its previous value 'b~1' across sub-steps, but the model of equation system 'eq' does not "
      "read 'b~1'"));
  EXPECT_TRUE(test::throws_with<InputError>([&] { load_model(file, "sensitivity_not_linear"); },
                                            "[Solvers/two_steps] of type Newton cannot be used here"));
}

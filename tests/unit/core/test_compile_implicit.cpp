// Compiled implicit updates: the per-point Newton loop in the generated kernel iterates exactly
// as the eager interpreter does (bit-identical results), derivatives through the solve, promoted
// parameters inside the implicit segment, and failures reported with the failing points.
#include "neml2/runtime/aoti_model.h"
#include "test_compile_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
class CompileImplicit : public ::testing::Test
{
protected:
  TempDir dir;
};
} // namespace

TEST_F(CompileImplicit, CubicMatchesEagerBitForBit)
{
  const auto input = data("implicit/cubic.i");
  auto r = compile_seed(dir.str("out"), {"x:b"}, {}, Dtype::Float64, input, "update");
  aoti::Model compiled(r.artifact_dir);
  auto eager = load_model(input, "update");
  for (const Shape & batch : {Shape{1}, Shape{7}, Shape{3, 5}, Shape{5000}})
  {
    auto b = random_tensor(batch, {}, -50.0, 50.0, 11);
    auto xe = eager->value({{"b", b}}).at("x");
    auto xc = compiled.forward({{"b", b}}).at("x");
    EXPECT_TRUE(bitwise_equal(xe, xc)) << shape_str(batch);
    auto [oe, Je] = eager->jacobian({{"b", b}});
    auto [oc, Jc] = compiled.jacobian({{"b", b}});
    EXPECT_TRUE(bitwise_equal(Je.at("x").at("b"), Jc.at("x").at("b"))) << shape_str(batch);
  }
}

TEST_F(CompileImplicit, PromotedParameterInsideTheImplicitSegment)
{
  // NEML2 refuses this; here the parameter stays a kernel argument of the residual system.
  const auto input = data("implicit/cubic.i");
  auto r = compile_seed(dir.str("out"), {"x:b", "x:scaling"}, {"scaling"}, Dtype::Float64, input, "update");
  aoti::Model compiled(r.artifact_dir);
  auto eager = load_model(input, "update");
  auto b = Tensor::from_values({3}, {}, std::vector<double>{1.0, 3.0, -10.0});
  const auto q = eager->resolve_parameter("scaling");
  compiled.named_parameters().at(q).set(0, 5.0);
  eager->parameter("scaling").set(0, 5.0);
  auto xc = compiled.forward({{"b", b}}).at("x");
  EXPECT_TRUE(bitwise_equal(eager->value({{"b", b}}).at("x"), xc));
  for (std::int64_t i = 0; i < 3; ++i)
    EXPECT_LT(std::abs(5.0 * std::pow(xc.at(i), 3) + xc.at(i) - b.at(i)), 1e-8 * std::abs(b.at(i)));
  // dx/dc = -x^3 / (3 c x^2 + 1) through the solve.
  auto [out, J] = compiled.jacobian({{"b", b}});
  for (std::int64_t i = 0; i < 3; ++i)
  {
    const double x = out.at("x").at(i);
    EXPECT_NEAR(J.at("x").at(q).at(i), -x * x * x / (15 * x * x + 1), 1e-12);
  }
}

TEST_F(CompileImplicit, FailuresNameTheFailingPoints)
{
  const auto input = data("implicit/cubic.i");
  auto r = compile_seed(dir.str("out"), {}, {}, Dtype::Float64, input, "strict");
  aoti::Model compiled(r.artifact_dir);
  auto b = Tensor::from_values({4}, {}, std::vector<double>{0.0, 100.0, 0.0, 300.0});
  EXPECT_TRUE(throws_with<SolverError>(
      [&] {
        compiled.forward({{"b", b}});
      },
      "compiled model 'strict' did not converge (float64) at 2 of 4 point(s)"));
  EXPECT_TRUE(throws_with<SolverError>([&] { compiled.forward({{"b", b}}); }, "failed points: 1, 3"));
  EXPECT_TRUE(throws_with<SolverError>([&] { compiled.forward({{"b", b}}); }, "max_its 2"));
}

TEST_F(CompileImplicit, MetadataRecordsTheSolver)
{
  auto r = compile_seed(dir.str("out"), {}, {}, Dtype::Float64, data("implicit/cubic.i"), "update");
  aoti::Model compiled(r.artifact_dir);
  ASSERT_EQ(compiled.metadata().solvers.size(), 1u);
  EXPECT_EQ(compiled.metadata().solvers[0].name, "update");
  EXPECT_EQ(compiled.metadata().solvers[0].unknowns, 1);
  EXPECT_EQ(compiled.metadata().solvers[0].max_its, 25);
}

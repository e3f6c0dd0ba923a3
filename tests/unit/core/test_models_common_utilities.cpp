// Copies, parameters as variables, Macaulay splits, conversions and determinants: values worked
// by hand, derivatives against central differences.
#include <gtest/gtest.h>

#include <cmath>

#include "neml2/base/error.h"
#include "test_compile_util.h"
#include "test_plasticity_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
std::shared_ptr<Model>
common(const std::string & name)
{
  return load_model(data("models/common.i"), name);
}

Tensor
values(const Shape & base, std::vector<double> v)
{
  return Tensor::from_values({}, base, v);
}
} // namespace

TEST(CopyVariable, CopiesEveryComponent)
{
  auto m = common("copy_sr2");
  const auto x = sr2({1, -2, 3, 0.5, -0.25, 4});
  expect_near_all(m->value({{"from", x}}).at("to"), x, 0);
  auto r = common("copy_mrp");
  const auto q = values({3}, {0.1, 0.2, -0.3});
  expect_near_all(r->value({{"r", q}}).at("r_copy"), q, 0);
  check_input_and_parameter_derivatives(*m, random_inputs(*m, {3}));
}

TEST(ParameterToVariable, TheParameterBecomesAVariable)
{
  auto m = common("p2v_sr2");
  EXPECT_TRUE(m->input_spec().empty());
  // Six numbers are the tensor's components, stored as Mandel (shear times sqrt 2).
  expect_near_all(m->value({}).at("to"), sr2({1, 2, 3, 4, 5, 6}), 1e-15);
  EXPECT_EQ(m->parameter("param").at(0), 1.0);
  auto c = common("p2v_coupled"); // a variable name: the parameter is that input
  ASSERT_NE(c->find_input("T"), nullptr);
  EXPECT_EQ(c->value({{"T", scalar(300)}}).at("T_out").at(0), 300.0);
}

TEST(ConstantAndInputParameter, RotationsAndMillerIndices)
{
  expect_near_all(common("mrp_constant")->value({}).at("mrp_constant"), values({3}, {0.1, -0.2, 0.3}), 0);
  auto m = common("miller_input");
  expect_near_all(m->value({{"variable", values({3}, {1, 1, 0})}}).at("parameter"), values({3}, {1, 1, 0}), 0);
}

TEST(MacaulaySplit, PositiveAndNegativeParts)
{
  auto m = common("split");
  const auto at = [&](double x) { return m->value({{"from", scalar(x)}}); };
  EXPECT_EQ(at(2.5).at("to_positive").at(0), 2.5);
  EXPECT_EQ(at(2.5).at("to_negative").at(0), 0.0);
  EXPECT_EQ(at(-3).at("to_positive").at(0), 0.0);
  EXPECT_EQ(at(-3).at("to_negative").at(0), -3.0);
  check_input_and_parameter_derivatives(*m, random_inputs(*m, {6}, {{"from", {0.1, 2}}}, 1));
  check_input_and_parameter_derivatives(*m, random_inputs(*m, {6}, {{"from", {-2, -0.1}}}, 2));
}

TEST(ScalarToDiagonalSR2, FillsTheDiagonal)
{
  auto m = common("diagonal");
  expect_near_all(m->value({{"p", scalar(-7)}}).at("P"), sr2({-7, -7, -7, 0, 0, 0}), 0);
  check_input_and_parameter_derivatives(*m, random_inputs(*m, {3}));
}

TEST(VecComponents, ThreeScalars)
{
  auto m = common("components");
  const auto out = m->value({{"traction", values({3}, {4, -5, 6})}});
  EXPECT_EQ(out.at("tn").at(0), 4.0);
  EXPECT_EQ(out.at("ts1").at(0), -5.0);
  EXPECT_EQ(out.at("ts2").at(0), 6.0);
  check_input_and_parameter_derivatives(*m, random_inputs(*m, {3}));
  EXPECT_TRUE(throws_with<InputError>([] { common("components_two"); }, "expected 3 names, one per component, got 2"));
}

TEST(Determinant, SymmetricAndFullTensors)
{
  // [[2, 1, 0], [1, 3, 0.5], [0, 0.5, 4]]: 2 (12 - 0.25) - 1 (4 - 0) + 0 = 19.5
  auto s = common("det_sr2");
  EXPECT_NEAR(s->value({{"input", sr2({2, 3, 4, 0.5, 0, 1})}}).at("determinant").at(0), 19.5, 1e-13);
  // [[1, 2, 3], [0, 1, 4], [5, 6, 0]]: 1 (0 - 24) - 2 (0 - 20) + 3 (0 - 5) = 1
  auto r = common("det_r2");
  EXPECT_NEAR(r->value({{"F", values({3, 3}, {1, 2, 3, 0, 1, 4, 5, 6, 0})}}).at("J").at(0), 1.0, 1e-13);
  check_input_and_parameter_derivatives(*s, random_inputs(*s, {3}));
  check_input_and_parameter_derivatives(*r, random_inputs(*r, {3}));
}

// ScalarLinearCombination / SR2LinearCombination: values, derivatives, batching.
#include <gtest/gtest.h>

#include "fd_check.h"

using namespace neml2;
using test::near_rel;

namespace
{
std::shared_ptr<Model>
common(const std::string & name)
{
  return load_model(test::data("models/common.i"), name);
}

Tensor
scalar(double v)
{
  return Tensor::full({}, {}, v);
}
} // namespace

TEST(LinearCombination, HandWorkedScalar)
{
  // u = 2 a - 3 b + 0.5 c
  auto out = common("sum3")->value({{"a", scalar(3)}, {"b", scalar(2)}, {"c", scalar(-4)}});
  EXPECT_TRUE(near_rel(out.at("u").at(0), 6 - 6 - 2));
  // default coefficients are 1
  out = common("sum_default")->value({{"a", scalar(3)}, {"b", scalar(2)}});
  EXPECT_TRUE(near_rel(out.at("u").at(0), 5));
  // NEML2's newer names: one weight for all variables, and an offset
  out = common("sum_new_names")->value({{"a", scalar(3)}, {"b", scalar(2)}});
  EXPECT_TRUE(near_rel(out.at("u").at(0), 1.5 * 5 + 0.25));
  // NEML2's older name of the offset: u = 1 - a
  out = common("sum_old_offset")->value({{"a", scalar(0.25)}});
  EXPECT_TRUE(near_rel(out.at("u").at(0), 0.75));
}

TEST(LinearCombination, CoefficientsAsVariablesBecomeInputs)
{
  auto m = common("sum_var_coef"); // u = k a + 2 b + d
  ASSERT_NE(m->find_input("k"), nullptr);
  ASSERT_NE(m->find_input("d"), nullptr);
  EXPECT_EQ(m->named_parameters().size(), 1u); // only c_1 remains a parameter
  auto out = m->value({{"a", scalar(3)}, {"b", scalar(2)}, {"k", scalar(-0.5)}, {"d", scalar(10)}});
  EXPECT_TRUE(near_rel(out.at("u").at(0), -1.5 + 4 + 10));
  auto [v, J] = m->jacobian({{"a", scalar(3)}, {"b", scalar(2)}, {"k", scalar(-0.5)}, {"d", scalar(10)}});
  EXPECT_TRUE(near_rel(J.at("u").at("k").at(0), 3));
  EXPECT_TRUE(near_rel(J.at("u").at("a").at(0), -0.5));
  EXPECT_TRUE(near_rel(J.at("u").at("d").at(0), 1));
}

TEST(LinearCombination, ParametersAreNamedAndSettable)
{
  auto m = common("sum3");
  EXPECT_EQ(m->resolve_parameter("c_2"), "c_2");
  m->set_parameter("c_2", scalar(4.0));
  auto out = m->value({{"a", scalar(3)}, {"b", scalar(2)}, {"c", scalar(-4)}});
  EXPECT_TRUE(near_rel(out.at("u").at(0), 6 - 6 - 16));
}

TEST(LinearCombination, HandWorkedSR2)
{
  // z = 2 x - y + 0.1 on every Mandel component (NEML2 adds a Scalar offset to each component)
  const std::vector<double> x = {1, 2, 3, 4, 5, 6}, y = {0.5, -1, 2, 0, 1, -2};
  auto out = common("sr2_sum")->value({{"x", Tensor::from_values({}, {6}, x)}, {"y", Tensor::from_values({}, {6}, y)}});
  for (std::size_t i = 0; i < 6; ++i)
    EXPECT_TRUE(near_rel(out.at("z").at(static_cast<std::int64_t>(i)), 2 * x[i] - y[i] + 0.1));
  auto [v, J] =
      common("sr2_sum")->jacobian({{"x", Tensor::from_values({}, {6}, x)}, {"y", Tensor::from_values({}, {6}, y)}});
  for (int i = 0; i < 6; ++i)
    for (int j = 0; j < 6; ++j)
    {
      EXPECT_EQ(J.at("z").at("x").at(i * 6 + j), i == j ? 2.0 : 0.0);
      EXPECT_EQ(J.at("z").at("y").at(i * 6 + j), i == j ? -1.0 : 0.0);
    }
}

TEST(LinearCombination, Derivatives)
{
  for (const auto * name : {"sum3", "sum_new_names", "sum_var_coef", "sr2_sum"})
  {
    auto m = common(name);
    test::check_derivatives(*m, test::random_inputs(*m, {4}));
  }
}

TEST(LinearCombination, BatchShapesAndBroadcasting)
{
  for (const auto * name : {"sum_var_coef", "sr2_sum"})
    test::check_batch_shapes(*common(name));
  auto m = common("sum_var_coef");
  auto in = test::random_inputs(*m, {3, 5}, {}, 3, {{"b", {5}}, {"k", {}}, {"d", {1, 5}}});
  test::check_pointwise(*m, in, {3, 5});
  auto s = common("sr2_sum");
  test::check_pointwise(*s, test::random_inputs(*s, {3, 5}, {}, 5, {{"y", {3, 1}}}), {3, 5});
}

// ScalarMultiplication: products with reciprocals and a scaling coefficient.
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

// Values away from 0 so reciprocals stay smooth.
const std::map<std::string, test::Range> positive = {{"a", {0.5, 2}}, {"b", {0.5, 2}}, {"c", {-2, -0.5}}};
} // namespace

TEST(ScalarMultiplication, HandWorked)
{
  // NEML2's example: 1.5 * 3.1 * 2.5 * 4.6 * 7.8 = 417.105
  auto out = common("product")->value({{"A", scalar(3.1)}, {"B", scalar(2.5)}, {"C", scalar(4.6)}, {"D", scalar(7.8)}});
  EXPECT_TRUE(near_rel(out.at("E").at(0), 1.5 * 3.1 * 2.5 * 4.6 * 7.8));
  EXPECT_NEAR(out.at("E").at(0), 417.105, 1e-9);
  // u = -2 a / (b c)
  auto [v, J] = common("product_reciprocal")->jacobian({{"a", scalar(3)}, {"b", scalar(2)}, {"c", scalar(-4)}});
  EXPECT_TRUE(near_rel(v.at("u").at(0), -2.0 * 3 / (2 * -4)));
  EXPECT_TRUE(near_rel(J.at("u").at("a").at(0), -2.0 / (2 * -4)));
  EXPECT_TRUE(near_rel(J.at("u").at("b").at(0), 2.0 * 3 / (4 * -4)));
  EXPECT_TRUE(near_rel(J.at("u").at("c").at(0), 2.0 * 3 / (2 * 16)));
  // one reciprocal flag for all: u = 1 / (a b)
  v = common("product_all_reciprocal")->value({{"a", scalar(4)}, {"b", scalar(0.5)}});
  EXPECT_TRUE(near_rel(v.at("u").at(0), 0.5));
}

TEST(ScalarMultiplication, ScalingIsAParameter)
{
  auto m = common("product_reciprocal");
  EXPECT_EQ(m->resolve_parameter("scaling"), "scaling");
  m->set_parameter("scaling", Tensor::from_values({2}, {}, std::vector<double>{1, 10}));
  auto v = m->value({{"a", scalar(3)}, {"b", scalar(2)}, {"c", scalar(-4)}});
  ASSERT_EQ(v.at("u").batch_shape(), (Shape{2}));
  EXPECT_TRUE(near_rel(v.at("u").at(1), 10.0 * 3 / (2 * -4)));
}

TEST(ScalarMultiplication, Derivatives)
{
  for (const auto * name : {"product", "product_reciprocal", "product_all_reciprocal"})
  {
    auto m = common(name);
    test::check_derivatives(*m, test::random_inputs(*m, {5}, positive));
  }
}

TEST(ScalarMultiplication, BatchShapesAndBroadcasting)
{
  auto m = common("product_reciprocal");
  test::check_batch_shapes(*m, positive);
  test::check_pointwise(*m, test::random_inputs(*m, {3, 5}, positive, 17, {{"b", {5}}, {"c", {}}}), {3, 5});
}

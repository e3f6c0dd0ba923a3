// ConstantParameter / InputParameter models and IsotropicMandelStress (pass-through models).
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
} // namespace

TEST(ConstantParameter, OutputIsTheValueNamedAfterTheBlock)
{
  auto m = common("E");
  EXPECT_TRUE(m->input_spec().empty());
  ASSERT_NE(m->find_output("E"), nullptr);
  auto out = m->value({});
  EXPECT_EQ(out.at("E").batch_shape(), Shape{});
  EXPECT_EQ(out.at("E").at(0), 200e3);
  // the value is a parameter: a batched replacement gives a batched output
  m->set_parameter("value", Tensor::from_values({3}, {}, std::vector<double>{1, 2, 3}));
  out = m->value({});
  ASSERT_EQ(out.at("E").batch_shape(), (Shape{3}));
  EXPECT_EQ(out.at("E").at(2), 3.0);
}

TEST(ConstantParameter, SR2RenamedOutput)
{
  // (How numbers for an SR2 map to components is the core's declare_parameter rule; the
  // FillSR2 route is checked in test_models_tensors.cpp.)
  auto m = common("C");
  ASSERT_NE(m->find_output("c"), nullptr);
  EXPECT_EQ(m->value({}).at("c").base_shape(), (Shape{6}));
  test::check_derivatives(*m, {});
}

TEST(ConstantParameter, ValueFromAVariableIsAnInput)
{
  auto m = common("coupled");
  ASSERT_NE(m->find_input("T"), nullptr);
  EXPECT_TRUE(m->named_parameters().empty());
  auto in = test::random_inputs(*m, {4});
  auto [out, J] = m->jacobian(in);
  for (int i = 0; i < 4; ++i)
  {
    EXPECT_EQ(out.at("coupled").at(i), in.at("T").at(i));
    EXPECT_EQ(J.at("coupled").at("T").at(i), 1.0);
  }
  test::check_derivatives(*m, in);
}

TEST(InputParameter, PassesTheInputThrough)
{
  auto p = common("p"); // T -> p
  ASSERT_NE(p->find_input("T"), nullptr);
  ASSERT_NE(p->find_output("p"), nullptr);
  auto q = common("q"); // stress -> sigma
  ASSERT_NE(q->find_output("sigma"), nullptr);
  auto in = test::random_inputs(*q, {2});
  auto [out, J] = q->jacobian(in);
  for (int k = 0; k < 12; ++k)
    EXPECT_EQ(out.at("sigma").at(k), in.at("stress").at(k));
  for (int i = 0; i < 6; ++i)
    for (int j = 0; j < 6; ++j)
      EXPECT_EQ(J.at("sigma").at("stress").at(36 + i * 6 + j), i == j ? 1.0 : 0.0);
  for (auto m : {p, q})
  {
    test::check_derivatives(*m, test::random_inputs(*m, {3}));
    test::check_batch_shapes(*m);
  }
}

TEST(InputParameter, NEML2v3OptionNamesAndDefaults)
{
  // NEML2 v3: `variable` -> `parameter`, each defaulting to its option's name.
  auto d = common("p_v3_defaults");
  ASSERT_NE(d->find_input("variable"), nullptr);
  ASSERT_NE(d->find_output("parameter"), nullptr);
  auto q = common("q_v3");
  ASSERT_NE(q->find_input("stress"), nullptr);
  ASSERT_NE(q->find_output("sigma"), nullptr);
  const std::vector<double> s = {1, -2, 3, -4, 5, -6};
  const auto out = q->value({{"stress", Tensor::from_values({}, {6}, s)}});
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(out.at("sigma").at(i), s[static_cast<std::size_t>(i)]);
}

TEST(IsotropicMandelStress, EqualsTheCauchyStress)
{
  auto m = common("mandel");
  ASSERT_NE(m->find_input("cauchy_stress"), nullptr); // NEML2 v3's default
  ASSERT_NE(m->find_output("mandel_stress"), nullptr);
  auto r = common("mandel_renamed");
  ASSERT_NE(r->find_input("S"), nullptr);
  ASSERT_NE(r->find_output("M"), nullptr);
  const std::vector<double> s = {100, -50, 20, 10, -5, 3};
  auto out = r->value({{"S", Tensor::from_values({}, {6}, s)}});
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(out.at("M").at(i), s[static_cast<std::size_t>(i)]);
  for (auto x : {m, r})
  {
    test::check_derivatives(*x, test::random_inputs(*x, {3}, {}, 4));
    test::check_batch_shapes(*x);
  }
}

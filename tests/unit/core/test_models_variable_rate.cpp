// ScalarVariableRate / SR2VariableRate: values, derivatives, batching, renamed variables.
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

// t in [1, 2) and t~1 in [0, 0.5): dt >= 0.5 keeps the rate smooth.
const std::map<std::string, test::Range> times = {
    {"t", {1, 2}}, {"t~1", {0, 0.5}}, {"time", {1, 2}}, {"time~1", {0, 0.5}}};
} // namespace

TEST(VariableRate, HandWorkedScalar)
{
  // NEML2's own example: (-0.3 - 0) / (1.3 - 1.1) = -1.5
  auto m = common("scalar_rate");
  ASSERT_NE(m->find_output("foo_rate"), nullptr);
  auto in = ValueMap{{"foo", scalar(-0.3)}, {"foo~1", scalar(0)}, {"t", scalar(1.3)}, {"t~1", scalar(1.1)}};
  auto [out, J] = m->jacobian(in);
  const double dt = 1.3 - 1.1, rate = -0.3 / dt;
  EXPECT_TRUE(near_rel(out.at("foo_rate").at(0), rate));
  EXPECT_TRUE(near_rel(J.at("foo_rate").at("foo").at(0), 1 / dt));
  EXPECT_TRUE(near_rel(J.at("foo_rate").at("foo~1").at(0), -1 / dt));
  EXPECT_TRUE(near_rel(J.at("foo_rate").at("t").at(0), -rate / dt));
  EXPECT_TRUE(near_rel(J.at("foo_rate").at("t~1").at(0), rate / dt));
}

TEST(VariableRate, HandWorkedSR2WithRenamedVariables)
{
  // sr2_rate names the output with NEML2 v2's `rate`, sr2_rate_v3 with v3's `variable_rate`.
  for (const auto * block : {"sr2_rate", "sr2_rate_v3"})
  {
    auto m = common(block);
    for (const auto * n : {"strain", "strain~1", "time", "time~1"})
      EXPECT_NE(m->find_input(n), nullptr) << block << ": " << n;
    ASSERT_NE(m->find_output("edot"), nullptr) << block;
    const std::vector<double> e = {0.01, -0.02, 0.005, 0.001, 0, -0.003}, e1 = {0, 0.01, 0.005, 0, 0.002, 0.001};
    auto out = m->value({{"strain", Tensor::from_values({}, {6}, e)},
                         {"strain~1", Tensor::from_values({}, {6}, e1)},
                         {"time", scalar(2.5)},
                         {"time~1", scalar(2.0)}});
    for (std::size_t i = 0; i < 6; ++i)
      EXPECT_TRUE(near_rel(out.at("edot").at(static_cast<std::int64_t>(i)), (e[i] - e1[i]) / 0.5, 1e-12)) << i;
  }
}

TEST(VariableRate, Derivatives)
{
  for (const auto * name : {"scalar_rate", "sr2_rate"})
  {
    auto m = common(name);
    test::check_derivatives(*m, test::random_inputs(*m, {5}, times));
  }
}

TEST(VariableRate, BatchShapesAndBroadcasting)
{
  test::check_batch_shapes(*common("scalar_rate"), times);
  auto m = common("sr2_rate");
  test::check_batch_shapes(*m, times);
  // strain (3, 5) with time (5,) and the previous time a scalar
  test::check_pointwise(*m, test::random_inputs(*m, {3, 5}, times, 11, {{"time", {5}}, {"time~1", {}}}), {3, 5});
  test::check_pointwise(*m, test::random_inputs(*m, {5}, times, 13, {{"strain~1", {3, 1}}, {"time~1", {1}}}), {3, 5});
}

// Backward and forward Euler time integration: values, derivatives, renamed variables.
#include <gtest/gtest.h>

#include "test_plasticity_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
// dt >= 0.5 keeps every rate smooth (the models are linear in everything but t, t~1).
const std::map<std::string, Range> times = {{"t", {1, 2}}, {"t~1", {0, 0.5}}, {"time", {1, 2}}, {"time~1", {0, 0.5}}};
} // namespace

TEST(PlasticityBackwardEuler, HandWorkedScalar)
{
  auto m = plasticity("be_scalar");
  ASSERT_NE(m->find_output("ep_residual"), nullptr);
  // r = 0.3 - 0.1 - 2 (1.5 - 1) = -0.8
  auto [out, J] = m->jacobian(
      {{"ep", scalar(0.3)}, {"ep~1", scalar(0.1)}, {"ep_rate", scalar(2)}, {"t", scalar(1.5)}, {"t~1", scalar(1)}});
  EXPECT_TRUE(near_rel(out.at("ep_residual").at(0), -0.8));
  const auto & d = J.at("ep_residual");
  EXPECT_EQ(d.at("ep").at(0), 1.0);
  EXPECT_EQ(d.at("ep~1").at(0), -1.0);
  EXPECT_EQ(d.at("ep_rate").at(0), -0.5);
  EXPECT_EQ(d.at("t").at(0), -2.0);
  EXPECT_EQ(d.at("t~1").at(0), 2.0);
}

TEST(PlasticityBackwardEuler, HandWorkedSR2WithRenamedVariables)
{
  // be_sr2_v3_names names the residual with NEML2 v3's option (variable_residual), be_sr2_renamed
  // with the older one (residual): the same model.
  for (const auto * block : {"be_sr2_renamed", "be_sr2_v3_names"})
  {
    auto m = plasticity(block);
    for (const auto * n : {"Ep", "Ep~1", "Edot", "time", "time~1"})
      EXPECT_NE(m->find_input(n), nullptr) << block << ": " << n;
    ASSERT_NE(m->find_output("r"), nullptr) << block;
    auto out = m->value({{"Ep", sr2({1, 2, 3, 4, 5, 6})},
                         {"Ep~1", sr2({0, 1, 0, 1, 0, 1})},
                         {"Edot", sr2({2, 2, 2, 2, 2, 2})},
                         {"time", scalar(3)},
                         {"time~1", scalar(2.75)}});
    expect_near_all(out.at("r"), sr2({0.5, 0.5, 2.5, 2.5, 4.5, 4.5}));
  }
}

TEST(PlasticityForwardEuler, HandWorkedScalar)
{
  auto m = plasticity("fe_scalar");
  ASSERT_NE(m->find_output("ep"), nullptr);
  EXPECT_EQ(m->find_input("ep"), nullptr);
  // ep = 0.1 + 2 (1.5 - 1) = 1.1
  auto [out, J] = m->jacobian({{"ep~1", scalar(0.1)}, {"ep_rate", scalar(2)}, {"t", scalar(1.5)}, {"t~1", scalar(1)}});
  EXPECT_TRUE(near_rel(out.at("ep").at(0), 1.1));
  EXPECT_EQ(J.at("ep").at("ep_rate").at(0), 0.5);
  EXPECT_EQ(J.at("ep").at("t").at(0), 2.0);
}

TEST(PlasticityForwardEuler, HandWorkedSR2FromAnotherOldVariable)
{
  auto m = plasticity("fe_sr2_old");
  for (const auto * n : {"Ee~1", "D", "t", "t~1"})
    EXPECT_NE(m->find_input(n), nullptr) << n;
  auto out = m->value(
      {{"Ee~1", sr2({1, 0, 0, 0, 0, 1})}, {"D", sr2({4, 4, 4, 0, 0, 8})}, {"t", scalar(1)}, {"t~1", scalar(0.75)}});
  expect_near_all(out.at("Ee_trial"), sr2({2, 1, 1, 0, 0, 3}));
}

TEST(PlasticityTimeIntegration, Derivatives)
{
  for (const auto * name : {"be_scalar", "be_sr2_renamed", "fe_scalar", "fe_sr2_old"})
  {
    auto m = plasticity(name);
    check_derivatives(*m, random_inputs(*m, {4}, times));
    check_batch_shapes(*m, times);
  }
}

// YieldFunction, PerzynaPlasticFlowRate, the associative flow rules and the J2 flow direction.
#include <gtest/gtest.h>

#include "test_plasticity_util.h"

using namespace neml2;
using namespace neml2::test;

TEST(PlasticityYieldFunction, HandWorked)
{
  auto m = plasticity("yield");
  // sqrt(2/3) (20 - 5 - 3)
  auto [out, J] = m->jacobian({{"effective_stress", scalar(20)}, {"isotropic_hardening", scalar(3)}});
  EXPECT_TRUE(near_rel(out.at("yield_function").at(0), std::sqrt(2.0 / 3.0) * 12));
  EXPECT_TRUE(near_rel(J.at("yield_function").at("effective_stress").at(0), std::sqrt(2.0 / 3.0)));
  EXPECT_TRUE(near_rel(J.at("yield_function").at("isotropic_hardening").at(0), -std::sqrt(2.0 / 3.0)));
  EXPECT_EQ(m->named_parameters().at(0).first, "sy");

  // No hardening, renamed variables, and the yield stress coupled to a variable.
  auto p = plasticity("yield_perfect");
  EXPECT_EQ(p->input_spec().size(), 2u);
  EXPECT_TRUE(p->named_parameters().empty());
  auto v = p->value({{"s", scalar(20)}, {"sy", scalar(5)}});
  EXPECT_TRUE(near_rel(v.at("fp").at(0), std::sqrt(2.0 / 3.0) * 15));
}

TEST(PlasticityPerzyna, HandWorked)
{
  auto m = plasticity("perzyna");
  // NEML2's own case: (50/150)^6
  auto [out, J] = m->jacobian({{"yield_function", scalar(50)}});
  const double rate = std::pow(1.0 / 3.0, 6);
  EXPECT_TRUE(near_rel(out.at("flow_rate").at(0), rate, 1e-14));
  EXPECT_TRUE(near_rel(J.at("flow_rate").at("yield_function").at(0), 6.0 / 50.0 * rate, 1e-14));
  // No flow below the yield surface: value and derivative exactly 0.
  auto [below, Jb] = m->jacobian({{"yield_function", scalar(-20)}});
  EXPECT_EQ(below.at("flow_rate").at(0), 0.0);
  EXPECT_EQ(Jb.at("flow_rate").at("yield_function").at(0), 0.0);

  auto n2 = plasticity("perzyna_n2");
  EXPECT_TRUE(near_rel(n2->value({{"f", scalar(30)}}).at("gamma_rate").at(0), 0.09));
  n2->set_parameter("eta", scalar(60));
  EXPECT_TRUE(near_rel(n2->value({{"f", scalar(30)}}).at("gamma_rate").at(0), 0.25));
}

TEST(PlasticityAssociativeFlow, HandWorked)
{
  const auto N = sr2({1, -2, 1, 0.5, 0, -1});
  auto Ep = plasticity("Eprate")->value({{"flow_rate", scalar(0.2)}, {"flow_direction", N}});
  expect_near_all(Ep.at("plastic_strain_rate"), sr2({0.2, -0.4, 0.2, 0.1, 0, -0.2}));

  auto ep = plasticity("eprate")->value(
      {{"flow_rate", scalar(0.2)}, {"isotropic_hardening_direction", scalar(-std::sqrt(2.0 / 3.0))}});
  EXPECT_TRUE(near_rel(ep.at("equivalent_plastic_strain_rate").at(0), 0.2 * std::sqrt(2.0 / 3.0)));

  auto Kp = plasticity("Kprate")->value({{"flow_rate", scalar(0.2)}, {"kinematic_hardening_direction", N}});
  expect_near_all(Kp.at("kinematic_plastic_strain_rate"), sr2({-0.2, 0.4, -0.2, -0.1, 0, 0.2}));
}

TEST(PlasticityJ2FlowDirection, HandWorked)
{
  // NEML2's own case: M = (1 2 3 4 5 6), dev(M):dev(M) = 156, vm = sqrt(234).
  auto m = plasticity("j2dir");
  auto out = m->value({{"mandel_stress", sr2({1, 2, 3, 4, 5, 6})}});
  const double c = 1.5 / std::sqrt(234.0);
  expect_near_all(out.at("flow_direction"), sr2({-c, 0, c, 4 * c, 5 * c, 6 * c}), 1e-14, 1e-16);
  // Matches NEML2's stored values to their 8 digits.
  expect_near_all(out.at("flow_direction"), sr2({-0.09805807, 0.0, 0.09805807, 0.39223227, 0.49029034, 0.58834841}), 0,
                  1e-8);
  // A hydrostatic stress has no direction: N = 0 and dN/dM = 0, not NaN.
  auto [zero, J] = m->jacobian({{"mandel_stress", sr2({2, 2, 2, 0, 0, 0})}});
  for (std::int64_t i = 0; i < 6; ++i)
    EXPECT_EQ(zero.at("flow_direction").at(i), 0.0);
  for (std::int64_t i = 0; i < 36; ++i)
    EXPECT_EQ(J.at("flow_direction").at("mandel_stress").at(i), 0.0);
}

TEST(PlasticityFlow, Derivatives)
{
  for (const auto * name : {"yield", "yield_perfect", "Eprate", "eprate", "Kprate", "j2dir"})
  {
    auto m = plasticity(name);
    // A yield stress given as an input is checked at run time: keep it in its range [0, inf).
    const std::map<std::string, Range> admissible = {{"sy", {0.1, 1}}};
    check_derivatives(*m, random_inputs(*m, {5}, admissible));
    check_batch_shapes(*m, admissible);
  }
  // Perzyna where it flows (f > 0), and below the surface (f < 0: all zero).
  for (const auto * name : {"perzyna", "perzyna_n2"})
  {
    auto m = plasticity(name);
    const auto f = m->input_spec()[0].name;
    check_derivatives(*m, random_inputs(*m, {5}, {{f, {1, 200}}}));
    check_derivatives(*m, random_inputs(*m, {5}, {{f, {-200, -1}}}));
    check_batch_shapes(*m, {{f, {-100, 100}}});
  }
}

// Isotropic and kinematic hardening: linear, Voce, linear kinematic, Fredrick-Armstrong, Chaboche.
#include <gtest/gtest.h>

#include "test_plasticity_util.h"

using namespace neml2;
using namespace neml2::test;

TEST(PlasticityIsotropicHardening, HandWorked)
{
  auto lin = plasticity("linear_iso");
  auto [h, J] = lin->jacobian({{"equivalent_plastic_strain", scalar(0.1)}});
  EXPECT_TRUE(near_rel(h.at("isotropic_hardening").at(0), 100));
  EXPECT_EQ(J.at("isotropic_hardening").at("equivalent_plastic_strain").at(0), 1000.0);

  // 100 (1 - exp(-1.2 * 0.1)) = 11.307956328284...
  auto voce = plasticity("voce");
  auto [v, Jv] = voce->jacobian({{"equivalent_plastic_strain", scalar(0.1)}});
  EXPECT_TRUE(near_rel(v.at("isotropic_hardening").at(0), 11.307956328284252, 1e-14));
  EXPECT_TRUE(
      near_rel(Jv.at("isotropic_hardening").at("equivalent_plastic_strain").at(0), 120 * std::exp(-0.12), 1e-14));
  // Saturation
  EXPECT_TRUE(near_rel(voce->value({{"equivalent_plastic_strain", scalar(100)}}).at("isotropic_hardening").at(0), 100));
}

TEST(PlasticityKinematicHardening, HandWorkedLinear)
{
  auto m = plasticity("linear_kin");
  auto out = m->value({{"kinematic_plastic_strain", sr2({1e-3, -2e-3, 1e-3, 0, 5e-4, 0})}});
  expect_near_all(out.at("X"), sr2({1, -2, 1, 0, 0.5, 0}));
}

TEST(PlasticityKinematicHardening, HandWorkedFredrickArmstrong)
{
  auto m = plasticity("fa");
  ASSERT_NE(m->find_output("X1_rate"), nullptr);
  // 0.01 (2/3 1000 N - 10 X)
  auto out = m->value({{"flow_rate", scalar(0.01)},
                       {"flow_direction", sr2({0.3, -0.6, 0.3, 0, 0, 0.15})},
                       {"X1", sr2({3, -1, 2, 0, 1, -1})}});
  expect_near_all(out.at("X1_rate"), sr2({1.7, -3.9, 1.8, 0, -0.1, 1.1}), 1e-13);
}

TEST(PlasticityKinematicHardening, HandWorkedChaboche)
{
  // NEML2's own case, whose stored result has 4 decimals.
  auto m = plasticity("chaboche");
  const auto N = sr2({-0.3482, 0.3482, 0.0, 0.087045, 0.087045, 0.78333});
  const auto X = sr2({-10.0, 15.0, 5.0, -7.0, 15.0, 20.0});
  auto out = m->value({{"flow_rate", scalar(0.01)}, {"flow_direction", N}, {"back_stress", X}});
  expect_near_all(out.at("back_stress_rate"), sr2({-1.3207, 0.8204, -0.5003, 1.2807, -0.9206, 3.2210}), 0, 1.5e-4);
  // And exactly: 0.01 (2/3 C N - g X) - A |X|^(a-1) X with |X| = sqrt(1698).
  const double rec = 1e-6 * std::pow(std::sqrt(1698.0), 1.1);
  std::vector<double> want(6);
  for (std::int64_t i = 0; i < 6; ++i)
    want[static_cast<std::size_t>(i)] = 0.01 * (2.0 / 3.0 * 1000 * N.at(i) - 10 * X.at(i)) - rec * X.at(i);
  expect_near_all(out.at("back_stress_rate"), Tensor::from_values({}, {6}, want), 1e-13);
  // No back stress: no recovery, and a finite derivative.
  auto [zero, J] = m->jacobian({{"flow_rate", scalar(0.01)}, {"flow_direction", N}, {"back_stress", sr2({})}});
  for (std::int64_t i = 0; i < 36; ++i)
    EXPECT_TRUE(std::isfinite(J.at("back_stress_rate").at("back_stress").at(i)));
}

TEST(PlasticityHardening, Derivatives)
{
  for (const auto * name : {"linear_iso", "voce", "linear_kin", "fa", "chaboche"})
  {
    auto m = plasticity(name);
    check_derivatives(*m, random_inputs(*m, {5}));
    check_batch_shapes(*m);
  }
}

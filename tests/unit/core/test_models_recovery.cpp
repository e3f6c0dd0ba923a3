// SlopeSaturationVoceIsotropicHardening, power-law static recovery (isotropic and kinematic) and
// two-stage thermal annealing: hand-worked values from their equations, derivatives against
// central differences, and the limits at a zero hardening variable.
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
recovery(const std::string & name)
{
  return load_model(data("recovery/models.i"), name);
}
} // namespace

TEST(SlopeSaturationVoceIsotropicHardening, HandWorked)
{
  // 1200 (1 - 30/100) 0.01 = 8.4
  auto m = recovery("slope_voce");
  auto out = m->value({{"flow_rate", scalar(0.01)}, {"isotropic_hardening", scalar(30)}});
  EXPECT_NEAR(out.at("isotropic_hardening_rate").at(0), 8.4, 1e-13);
  // A negative saturation flips the sign: sign(-100) 1200 (1 - (-30)/(-100)) 0.01 = -8.4
  auto neg = recovery("slope_voce_negative");
  auto out2 = neg->value({{"flow_rate", scalar(0.01)}, {"k", scalar(-30)}});
  EXPECT_NEAR(out2.at("kdot").at(0), -8.4, 1e-13);
  check_input_and_parameter_derivatives(*m, random_inputs(*m, {4}, {}, 3));
  check_batch_shapes(*m);
}

TEST(PowerLawIsotropicHardeningStaticRecovery, HandWorkedAndZeroAtZero)
{
  auto m = recovery("iso_recovery");
  // -(|h|/tau)^(n-1) h/tau with h = -50, tau = 1000, n = 2.5: (0.05)^1.5 0.05 = 0.05^2.5
  auto out = m->value({{"isotropic_hardening", scalar(-50)}});
  EXPECT_NEAR(out.at("isotropic_hardening_rate").at(0), std::pow(0.05, 2.5), 1e-16);
  auto [zero, J] = m->jacobian({{"isotropic_hardening", scalar(0)}});
  EXPECT_EQ(zero.at("isotropic_hardening_rate").at(0), 0.0);
  EXPECT_EQ(J.at("isotropic_hardening_rate").at("isotropic_hardening").at(0), 0.0);
  check_input_and_parameter_derivatives(*m, random_inputs(*m, {4}, {}, 4));
  check_batch_shapes(*m);
  EXPECT_TRUE(throws_with<InputError>([] { recovery("recovery_same"); },
                                      "the output 'isotropic_hardening' is also an input of this model"));
}

TEST(PowerLawKinematicHardeningStaticRecovery, HandWorkedAndZeroAtZero)
{
  auto m = recovery("kin_recovery");
  ASSERT_NE(m->find_output("X1_rate"), nullptr);
  // X = (30, -10, 20, 0, 0, 10) (tensor components): |X|^2 = 900 + 100 + 400 + 2 (100) = 1600,
  // |X| = 40; Xdot = -(40/1000)^2 X / 1000 = -1.6e-6 X.
  const std::array<double, 6> X = {30, -10, 20, 0, 0, 10};
  auto out = m->value({{"X1", sr2(X)}});
  std::array<double, 6> want{};
  for (std::size_t i = 0; i < 6; ++i)
    want[i] = -1.6e-6 * X[i];
  expect_near_all(out.at("X1_rate"), sr2(want), 1e-13);
  auto [zero, J] = m->jacobian({{"X1", sr2({})}});
  for (std::int64_t i = 0; i < 36; ++i)
    EXPECT_EQ(J.at("X1_rate").at("X1").at(i), 0.0);
  check_input_and_parameter_derivatives(*m, random_inputs(*m, {4}, {}, 5));
  check_batch_shapes(*m);
}

TEST(TwoStageThermalAnnealing, ThreeTemperatureRanges)
{
  auto m = recovery("anneal_scalar");
  const auto at = [&](double T) {
    return m->value({{"base_rate", scalar(3)}, {"base", scalar(40)}, {"temperature", scalar(T)}})
        .at("modified_rate")
        .at(0);
  };
  EXPECT_EQ(at(300), 3.0); // below T1: the hardening rate
  EXPECT_EQ(at(500), 0.0); // from T1: hardening stops
  EXPECT_EQ(at(799), 0.0);
  EXPECT_EQ(at(800), -2.0); // from T2: recovery, -40 / 20
  EXPECT_EQ(at(1200), -2.0);

  auto s = recovery("anneal_sr2");
  const std::array<double, 6> X = {40, -20, 0, 10, 0, 0}, Xh = {1, 2, 3, 4, 5, 6};
  auto hot = s->value({{"X_rate_hardening", sr2(Xh)}, {"X", sr2(X)}, {"T", scalar(900)}});
  std::array<double, 6> want{};
  for (std::size_t i = 0; i < 6; ++i)
    want[i] = -X[i] / 20;
  expect_near_all(hot.at("X_rate"), sr2(want), 1e-15);
  auto cold = s->value({{"X_rate_hardening", sr2(Xh)}, {"X", sr2(X)}, {"T", scalar(20)}});
  expect_near_all(cold.at("X_rate"), sr2(Xh), 0);
  // Derivatives away from the switching temperatures.
  check_input_and_parameter_derivatives(*s, random_inputs(*s, {4}, {{"T", {550.0, 750.0}}}, 6));
  check_input_and_parameter_derivatives(*s, random_inputs(*s, {4}, {{"T", {850.0, 1000.0}}}, 7));
  check_batch_shapes(*s);
}

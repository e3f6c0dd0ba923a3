// Cohesive laws and their mixed-mode separations, IrreversibleScalar and ScalarPNorm: closed
// forms (peaks, softening slopes, pure-mode limits), hand-worked values, every derivative
// (parameters included) against central differences, batching.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "neml2/base/error.h"
#include "test_compile_util.h"
#include "test_plasticity_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
std::shared_ptr<Model>
tsl(const std::string & name)
{
  return load_model(data("traction_separation/models.i"), name);
}

/// The traction of `m` at one point: every input zero unless given.
Tensor
traction(Model & m, ValueMap given, const std::string & out = "traction")
{
  for (const auto & v : m.input_spec())
    if (!given.count(v.name))
      given[v.name] = scalar(0);
  return m.value(given).at(out);
}

Tensor
vec(double x, double y, double z)
{
  const std::array<double, 3> c{x, y, z};
  return Tensor::from_values({}, {3}, c);
}

void
check_all_derivatives(Model & m, const std::map<std::string, Range> & ranges = {})
{
  const auto in = random_inputs(m, {6}, ranges, 11);
  check_derivatives(m, in);
  check_parameter_derivatives(m, in);
  check_batch_shapes(m, ranges);
}
} // namespace

TEST(OrthotropicLinearTraction, StiffnessTimesSeparation)
{
  auto m = tsl("ortho");
  // (100 0.02 + 1000 (-0.01), 50 0.01, 50 (-0.03))
  expect_near_all(traction(*m, {{"normal_separation", scalar(0.02)},
                                {"normal_penetration", scalar(-0.01)},
                                {"tangential_separation_1", scalar(0.01)},
                                {"tangential_separation_2", scalar(-0.03)}}),
                  vec(-8, 0.5, -1.5), 1e-14);
  check_all_derivatives(*m);
  // Without normal_penetration the law has no such input and no penalty term.
  auto open = tsl("ortho_open_only");
  EXPECT_EQ(open->find_input("normal_penetration"), nullptr);
  expect_near_all(traction(*open, {{"normal_separation", scalar(0.02)}}), vec(2, 0, 0), 1e-14);
}

TEST(BilinearTraction, PeakAtOnsetAndLinearSoftening)
{
  // One-dimensional opening (dm = dn): T = K dn up to delta_c, then K delta_c (delta_f - dn) /
  // (delta_f - delta_c), the straight line from the peak K delta_c to zero at delta_f.
  auto m = tsl("bilinear");
  const double K = 1000, dc = 0.2, df = 1.2;
  const auto Tn = [&](double dn, double d_old = 0) {
    return traction(
               *m,
               {{"effective_separation", scalar(dn)}, {"normal_separation", scalar(dn)}, {"damage~1", scalar(d_old)}})
        .at(0);
  };
  EXPECT_TRUE(near_rel(Tn(0.1), K * 0.1));
  EXPECT_TRUE(near_rel(Tn(dc), K * dc));
  for (double dn : {0.3, 0.7, 1.1})
    EXPECT_TRUE(near_rel(Tn(dn), K * dc * (df - dn) / (df - dc))) << dn;
  EXPECT_TRUE(near_rel((Tn(0.9) - Tn(0.5)) / 0.4, -K * dc / (df - dc), 1e-10)); // the softening slope
  EXPECT_EQ(Tn(1.5), 0.0);                                                      // fully separated
  // Unloading from dm = 0.7 (d = 1.2 0.5 / (0.7 1.0)) returns along the damaged secant.
  const double d07 = 1.2 * 0.5 / 0.7;
  EXPECT_TRUE(near_rel(Tn(0.3, d07), K * (1 - d07) * 0.3));
  auto out = m->value({{"effective_separation", scalar(0.3)},
                       {"normal_separation", scalar(0.3)},
                       {"normal_penetration", scalar(0)},
                       {"tangential_separation_1", scalar(0)},
                       {"tangential_separation_2", scalar(0)},
                       {"damage~1", scalar(d07)}});
  EXPECT_EQ(out.at("damage").at(0), d07);
  // The penetration penalty holds at any damage; tangential tractions soften with the damage.
  expect_near_all(traction(*m, {{"effective_separation", scalar(0.7)},
                                {"normal_penetration", scalar(-0.01)},
                                {"tangential_separation_1", scalar(0.5)},
                                {"tangential_separation_2", scalar(-0.2)}}),
                  vec(-10, K * (1 - d07) * 0.5, -K * (1 - d07) * 0.2), 1e-12);
  // Derivatives inside each branch (away from the kinks at delta_c and delta_f).
  check_all_derivatives(*m, {{"effective_separation", {0.3, 1.1}}, {"damage~1", {0.0, 0.2}}});
  check_all_derivatives(*m, {{"effective_separation", {0.01, 0.19}}, {"damage~1", {0.0, 0.5}}});
  check_all_derivatives(*m, {{"effective_separation", {0.3, 1.1}}, {"damage~1", {0.99, 1.0}}});
}

TEST(BilinearTraction, SeparationsAsVariables)
{
  auto m = tsl("bilinear_coupled");
  ASSERT_NE(m->find_input("dc"), nullptr);
  ASSERT_NE(m->find_input("df"), nullptr);
  check_derivatives(
      *m,
      random_inputs(
          *m, {6},
          {{"effective_separation", {0.4, 0.6}}, {"dc", {0.1, 0.3}}, {"df", {0.8, 1.0}}, {"damage~1", {0.0, 0.1}}}));
}

TEST(SalehaniIraniTraction, PeaksEqualTheStrengths)
{
  auto m = tsl("salehani");
  const auto at = [&](double dn, double ds) {
    return traction(*m, {{"normal_separation", scalar(dn)}, {"tangential_separation_1", scalar(ds)}});
  };
  // Pure opening: Tn = e Tmax_n (dn/d0) exp(-dn/d0), largest (= Tmax_n) at dn = d0.
  EXPECT_TRUE(near_rel(at(0.02, 0).at(0), 30));
  EXPECT_LT(at(0.019, 0).at(0), 30);
  EXPECT_LT(at(0.021, 0).at(0), 30);
  EXPECT_TRUE(near_rel(at(0.01, 0).at(0), std::exp(1.0) * 30 * 0.5 * std::exp(-0.5)));
  // Pure shear: Ts = sqrt(2e) Tmax_t b exp(-b^2), b = ds / (sqrt(2) d0t), largest (= Tmax_t) at ds = d0t.
  EXPECT_TRUE(near_rel(at(0, 0.05).at(1), 20));
  EXPECT_LT(at(0, 0.049).at(1), 20);
  EXPECT_LT(at(0, 0.051).at(1), 20);
  // Unloading keeps the damage of the peak: the secant through the origin.
  const double d_peak = 1 - std::exp(-1.0);
  auto out = m->value({{"normal_separation", scalar(0.01)},
                       {"normal_penetration", scalar(-0.001)},
                       {"tangential_separation_1", scalar(0)},
                       {"tangential_separation_2", scalar(0)},
                       {"damage~1", scalar(d_peak)}});
  EXPECT_EQ(out.at("damage").at(0), d_peak);
  EXPECT_TRUE(near_rel(out.at("traction").at(0), std::exp(1.0) * 30 * 0.5 * (1 - d_peak) - 10));
  const Range shear{-0.05, 0.05};
  check_all_derivatives(*m, {{"normal_separation", {0.0, 0.05}},
                             {"tangential_separation_1", shear},
                             {"tangential_separation_2", shear},
                             {"damage~1", {0.0, 0.05}}});
  check_all_derivatives(*m, {{"normal_separation", {0.0, 0.001}},
                             {"tangential_separation_1", shear},
                             {"tangential_separation_2", shear},
                             {"damage~1", {0.9, 1.0}}});
}

TEST(ModeMixity, ShearOverOpeningAndZeroInCompression)
{
  auto m = tsl("mixity");
  const auto beta = [&](double dn, double ds) {
    return m->value({{"normal_separation", scalar(dn)}, {"tangential_separation", scalar(ds)}}).at("mode_mixity").at(0);
  };
  EXPECT_TRUE(near_rel(beta(0.01, 0.03), 3));
  EXPECT_EQ(beta(-0.01, 0.03), 0.0);
  EXPECT_EQ(beta(0.0, 0.03), 0.0); // no division by zero at closure
  auto [v, J] = m->jacobian({{"normal_separation", scalar(0)}, {"tangential_separation", scalar(0.03)}});
  EXPECT_EQ(J.at("mode_mixity").at("normal_separation").at(0), 0.0);
  check_derivatives(*m, random_inputs(*m, {6}, {{"normal_separation", {0.1, 1.0}}}));
  check_batch_shapes(*m, {{"normal_separation", {0.1, 1.0}}});
}

TEST(CamanhoDavilaCriticalSeparation, PureModeLimits)
{
  auto m = tsl("onset");
  const auto dc = [&](double dn, double beta) {
    return m->value({{"normal_separation", scalar(dn)}, {"beta", scalar(beta)}}).at("critical_separation").at(0);
  };
  EXPECT_TRUE(near_rel(dc(0.1, 0), 10.0 / 1000, 1e-11));    // mode I: N / K (eps / ds0^2 ~ 1e-12 off)
  EXPECT_TRUE(near_rel(dc(0.1, 1e8), 15.0 / 1000, 1e-12));  // mode II: S / K
  EXPECT_TRUE(near_rel(dc(-0.1, 0.7), 15.0 / 1000, 1e-14)); // compression: S / K
  // beta = 1: dn0 ds0 sqrt(2) / sqrt(ds0^2 + dn0^2), dn0 = 0.01, ds0 = 0.015 (by hand: 0.01176697)
  EXPECT_NEAR(dc(0.1, 1), 0.011766968, 1e-9);
  check_all_derivatives(*m, {{"normal_separation", {0.1, 1.0}}});
  check_all_derivatives(*m, {{"normal_separation", {-1.0, -0.1}}});
}

TEST(FullSeparation, BenzeggaghKenaneAndPowerLawLimits)
{
  const auto df = [](Model & m, double dn, double beta, double delta_c) {
    return m.value({{"normal_separation", scalar(dn)}, {"beta", scalar(beta)}, {"delta_c", scalar(delta_c)}})
        .at("full_separation")
        .at(0);
  };
  auto bk = tsl("bk");
  auto pl = tsl("power_law");
  // Pure mode I: the triangle's area 1/2 K delta_c delta_f equals GIc (up to eps^eta).
  EXPECT_TRUE(near_rel(df(*bk, 0.1, 0, 0.01), 2 * 0.5 / (1000 * 0.01), 1e-12));
  EXPECT_TRUE(near_rel(df(*pl, 0.1, 0, 0.01), 2 * 0.5 / (1000 * 0.01), 1e-12));
  // Pure mode II (beta -> infinity): GIIc.
  EXPECT_TRUE(near_rel(df(*bk, 0.1, 1e6, 0.01), 2 * 1.5 / (1000 * 0.01), 1e-9));
  // Compression: 2 GIIc / S, whatever beta and delta_c.
  EXPECT_TRUE(near_rel(df(*bk, -0.1, 0.3, 0.01), 2 * 1.5 / 15, 1e-14));
  EXPECT_TRUE(near_rel(df(*pl, -0.1, 0.3, 0.02), 2 * 1.5 / 15, 1e-14));
  // BK at beta = 1, eta = 1.8: 2/(K dc) (GIc + (GIIc - GIc) 0.5^1.8) (by hand: 0.5^1.8 = 0.2871746)
  EXPECT_NEAR(df(*bk, 0.1, 1, 0.01), 0.2 * (0.5 + 1.0 * 0.28717459), 1e-8);
  // Equal toughnesses: both criteria give 2 G / (K delta_c) at any mixity (power law with eta = 1).
  auto bk_eq = tsl("bk_equal");
  auto pl_lin = tsl("power_law_linear");
  for (double beta : {0.0, 0.5, 2.0})
  {
    EXPECT_TRUE(near_rel(df(*bk_eq, 0.1, beta, 0.01), 2 * 0.8 / (1000 * 0.01), 1e-12)) << beta;
    EXPECT_TRUE(near_rel(df(*pl_lin, 0.1, beta, 0.01), 2 * 0.8 / (1000 * 0.01), 1e-12)) << beta;
  }
  for (auto * m : {bk.get(), pl.get()})
  {
    check_all_derivatives(*m, {{"normal_separation", {0.1, 1.0}}, {"beta", {0.2, 2.0}}, {"delta_c", {0.005, 0.02}}});
    check_all_derivatives(*m, {{"normal_separation", {-1.0, -0.1}}, {"delta_c", {0.005, 0.02}}});
  }
}

TEST(IrreversibleScalar, NeverDecreases)
{
  auto m = tsl("ratchet");
  const auto d = [&](double trial, double old) {
    return m->value({{"d_trial", scalar(trial)}, {"d~1", scalar(old)}}).at("d").at(0);
  };
  EXPECT_EQ(d(0.3, 0.5), 0.5);
  EXPECT_EQ(d(0.7, 0.5), 0.7);
  check_derivatives(*m, random_inputs(*m, {6}));
  check_batch_shapes(*m);
}

TEST(ScalarPNorm, WeightedNorms)
{
  const double eps = std::numeric_limits<double>::epsilon();
  auto m = tsl("pnorm");
  // sqrt(3^2 + 4 (-2)^2) = 5
  EXPECT_TRUE(near_rel(m->value({{"a", scalar(3)}, {"b", scalar(-2)}}).at("c").at(0), 5, 1e-15));
  // At zero the regularization leaves sqrt(eps), and the derivative is finite.
  auto [v0, J0] = m->jacobian({{"a", scalar(0)}, {"b", scalar(0)}});
  EXPECT_EQ(v0.at("c").at(0), std::sqrt(eps));
  EXPECT_TRUE(std::isfinite(J0.at("c").at("a").at(0)));
  auto m3 = tsl("pnorm3");
  EXPECT_TRUE(near_rel(m3->value({{"a", scalar(1)}, {"b", scalar(-2)}}).at("c").at(0), std::cbrt(9.0), 1e-14));
  check_all_derivatives(*m, {{"a", {0.1, 1.0}}, {"b", {-1.0, -0.1}}});
  check_all_derivatives(*m3, {{"a", {0.1, 1.0}}, {"b", {-1.0, -0.1}}});
  EXPECT_TRUE(throws_with<InputError>([] { tsl("pnorm_bad_weights"); }, "expected 1 weight or 3"));
}

TEST(BilinearInterface, MixedModeChainOfModels)
{
  auto m = tsl("interface");
  ASSERT_NE(m->find_input("jump"), nullptr);
  ASSERT_NE(m->find_input("damage~1"), nullptr);
  // Pure mode I opening: beta = 0, delta_c = N/K = 0.01, delta_f = 2 GIc / (K delta_c) = 0.1; at
  // dn = 0.04 the traction is on the softening line K dc (df - dn) / (df - dc).
  auto out = m->value({{"jump", vec(0.04, 0, 0)}, {"damage~1", scalar(0)}});
  EXPECT_TRUE(near_rel(out.at("traction").at(0), 1000 * 0.01 * (0.1 - 0.04) / (0.1 - 0.01), 1e-10));
  EXPECT_TRUE(near_rel(out.at("damage").at(0), 0.1 * 0.03 / (0.04 * 0.09), 1e-10));
  // Closing: the penalty alone resists penetration, and no damage grows.
  auto closed = m->value({{"jump", vec(-0.001, 0, 0)}, {"damage~1", scalar(0)}});
  EXPECT_TRUE(near_rel(closed.at("traction").at(0), -1.0, 1e-12));
  EXPECT_EQ(closed.at("damage").at(0), 0.0);
  // Mixed-mode opening inside the softening branch: every derivative through the chain.
  const auto in = random_inputs(*m, {6}, {{"jump", {0.012, 0.02}}, {"damage~1", {0.0, 0.05}}}, 3);
  check_derivatives(*m, in);
  check_parameter_derivatives(*m, in);
}

// The catalog's examples run through TransientDriver and give their closed forms: the cohesive
// law's loading, unloading and reloading branches, Burgers creep and recovery (the backward-Euler
// recursion worked by hand), the steady creep rate under a prescribed stress, the Kocks-Mecking
// overstress before and after a strain-rate jump, the GTN mass balance of the voids, and the
// phase-field bar's damage and stress through loading, unloading, reloading and compression, and
// the pyrolysis's conversion (the backward-Euler recursion of first-order kinetics).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

#include "neml2/drivers/transient_driver.h"
#include "test_plasticity_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
std::shared_ptr<TransientDriver>
run_example(const std::string & file)
{
  auto d = std::dynamic_pointer_cast<TransientDriver>(
      load_driver(example(file), "driver", {"Drivers/driver/save_as=''", "Drivers/driver/show_progress=false"}));
  EXPECT_NE(d, nullptr);
  d->run();
  return d;
}

double
at(const ValueMap & step, const std::string & name, std::int64_t i = 0)
{
  const auto & t = step.at(name);
  EXPECT_LT(i, t.numel()) << name;
  return i < t.numel() ? t.at(i) : NAN;
}

/// Component i of point p (a value stored once, such as an initial state, holds for every point).
double
at_point(const ValueMap & step, const std::string & name, std::int64_t p, std::int64_t i = 0)
{
  const auto & t = step.at(name);
  return t.batch_numel() == 1 ? t.at(i) : at(step, name, p * t.base_numel() + i);
}
} // namespace

TEST(CatalogExamples, MixedModeCohesiveOpening)
{
  auto d = run_example("cohesive/mixed_mode_opening.i");
  const auto & r = d->results();
  // Along s (1, 0.6, 0.3): beta = 0.6708..., the onset and full separations by hand.
  const double K = 1000, dn0 = 10 / K, ds0 = 15 / K, beta = std::hypot(0.6, 0.3);
  const double dc = dn0 * ds0 * std::sqrt(1 + beta * beta) / std::hypot(ds0, beta * dn0);
  const double df = 2 / (K * dc) * (0.5 + 1.0 * std::pow(beta * beta / (1 + beta * beta), 1.8));
  const double stretch = std::sqrt(1 + beta * beta); // dm = stretch s
  double d_max = 0;
  for (std::size_t k = 1; k < r.size(); ++k)
  {
    const double s = at(r[k], "jump", 0), dm = stretch * s;
    const double trial = dm < dc ? 0 : dm < df ? df * (dm - dc) / (dm * (df - dc)) : 1;
    d_max = std::max(d_max, trial); // damage is irreversible
    EXPECT_NEAR(at(r[k], "damage"), d_max, 1e-9) << "step " << k;
    for (std::int64_t i = 0; i < 3; ++i)
      EXPECT_NEAR(at(r[k], "traction", i), K * (1 - d_max) * at(r[k], "jump", i), 1e-8) << "step " << k;
  }
  EXPECT_GT(d_max, 0.99); // the reload ends near full separation
  // On unloading (steps 21-30) the damage stays at its step-20 value.
  for (std::size_t k = 21; k <= 30; ++k)
    EXPECT_EQ(at(r[k], "damage"), at(r[20], "damage"));
}

TEST(CatalogExamples, BurgersCreepAndRecovery)
{
  auto d = run_example("viscoelasticity/burgers_creep_recovery.i");
  const auto & r = d->results();
  const double EM = 5000, etaM = 200, EK = 2000, etaK = 100;
  // Backward Euler by hand: eM_n = eM + dt s_n / etaM, eK_n = (eK + dt s_n / etaK) / (1 + dt EK / etaK).
  double eM = 0, eK = 0;
  for (std::size_t k = 1; k < r.size(); ++k)
  {
    const double dt = at(r[k], "t") - at(r[k - 1], "t"), s = at(r[k], "prescribed");
    eM += dt * s / etaM;
    eK = (eK + dt * s / etaK) / (1 + dt * EK / etaK);
    EXPECT_TRUE(near_rel(at(r[k], "strain"), s / EM + eM + eK, 1e-9)) << "step " << k;
    EXPECT_NEAR(at(r[k], "stress"), s, 1e-12);
    EXPECT_NEAR(at(r[k], "strain", 1), 0.0, 1e-14); // the element has no Poisson effect
  }
  // And the exact creep curve to first order in dt = 0.002 (below 1 % at the end of creep).
  const double t1 = 0.2, s0 = 10;
  const double exact = s0 / EM + s0 * t1 / etaM + s0 / EK * (1 - std::exp(-EK * t1 / etaK));
  EXPECT_NEAR(at(r[100], "strain"), exact, 0.01 * exact);
}

TEST(CatalogExamples, SteadyCreepUnderAPrescribedStress)
{
  auto d = run_example("plasticity/stress_controlled_creep.i");
  const auto & r = d->results();
  const auto n = r.size();
  // f = sqrt(2/3) (150 - 100), gamma_rate = (f / 200)^4, strain_rate_xx = sqrt(2/3) gamma_rate.
  const double rate = std::sqrt(2.0 / 3) * std::pow(std::sqrt(2.0 / 3) * 50 / 200, 4);
  const double dt = at(r[n - 1], "t") - at(r[n - 2], "t");
  const double xx = (at(r[n - 1], "strain", 0) - at(r[n - 2], "strain", 0)) / dt;
  const double yy = (at(r[n - 1], "strain", 1) - at(r[n - 2], "strain", 1)) / dt;
  EXPECT_TRUE(near_rel(xx, rate, 1e-8));
  EXPECT_TRUE(near_rel(yy, -rate / 2, 1e-8));
  EXPECT_EQ(at(r[n - 1], "stress", 0), 150.0);
  EXPECT_EQ(at(r[n - 1], "stress", 1), 0.0);
}

TEST(CatalogExamples, KocksMeckingStrainRateJump)
{
  auto d = run_example("plasticity/kocks_mecking_rate_jump.i");
  const auto & r = d->results();
  const double mu = 5e4, b = 2.474e-7, k = 1.38064e-20, T = 1000, A = -8.679, B = -0.744;
  const double n = -mu * b * b * b / (k * T * A);
  const double eta = std::exp(B) * mu * std::pow(1e10, k * T * A / (mu * b * b * b));
  const double sy = std::exp(-5.41) * mu;
  const auto overstress = [&](std::size_t step) {
    return std::abs(at(r[step], "stress", 0) - at(r[step], "stress", 1)) - sy;
  };
  const auto steady = [&](double strain_rate) {
    return std::sqrt(1.5) * eta * std::pow(std::sqrt(1.5) * strain_rate, 1 / n);
  };
  EXPECT_TRUE(near_rel(overstress(60), steady(1e-4), 1e-8));
  EXPECT_TRUE(near_rel(overstress(120), steady(1e-2), 1e-8));
  EXPECT_TRUE(near_rel(overstress(120) / overstress(60), std::pow(100.0, 1 / n), 1e-8));
}

TEST(CatalogExamples, GTNVoidGrowthConservesTheMatrix)
{
  auto d = run_example("plasticity/gtn_void_growth.i");
  const auto & r = d->results();
  for (std::int64_t p = 0; p < 2; ++p)
  {
    for (std::size_t k = 1; k < r.size(); ++k)
    {
      // Backward Euler of phi_rate = (1 - phi) tr(plastic_strain_rate).
      const double phi = at_point(r[k], "void_fraction", p), phi_old = at_point(r[k - 1], "void_fraction", p);
      double dtr = 0;
      for (std::int64_t i = 0; i < 3; ++i)
        dtr += at_point(r[k], "plastic_strain", p, i) - at_point(r[k - 1], "plastic_strain", p, i);
      EXPECT_NEAR(phi - phi_old, (1 - phi) * dtr, 1e-9) << "point " << p << ", step " << k;
      EXPECT_GE(phi, phi_old);
    }
  }
  const auto & last = r.back();
  EXPECT_GT(at_point(last, "void_fraction", 0), 0.05);                       // the voids have grown several times over
  EXPECT_LT(at_point(last, "stress", 1, 0), at_point(last, "stress", 0, 0)); // the more porous point is softer
}

TEST(CatalogExamples, PhaseFieldBarCracksUnloadsAndCloses)
{
  auto d = run_example("phase_field_fracture/brittle_bar.i");
  const auto & r = d->results();
  // Local AT-2 with g = (1 - d)^2, w = 1: while d grows, d = psi+ / (psi+ + w) with
  // psi+ = M e^2 / 2 (uniaxial strain, tr e > 0, M = K + 4G/3); stress (1 - d)^2 M e. In
  // compression the volumetric part is not degraded: (1 - d)^2 (4G/3) e + K e.
  const double E = 25.84e3, nu = 0.18, K = E / (3 * (1 - 2 * nu)), G = E / (2 * (1 + nu)), M = K + 4 * G / 3;
  double d_max = 0, peak = 0;
  for (std::size_t k = 1; k < r.size(); ++k)
  {
    const double e = at(r[k], "strain", 0);
    if (e > 0)
      d_max = std::max(d_max, 0.5 * M * e * e / (0.5 * M * e * e + 1));
    const double g = (1 - d_max) * (1 - d_max);
    const double stress = e > 0 ? g * M * e : g * 4 * G / 3 * e + K * e;
    EXPECT_NEAR(at(r[k], "d"), d_max, 1e-12) << "step " << k;
    EXPECT_NEAR(at(r[k], "stress", 0), stress, 1e-10 * M * std::abs(e)) << "step " << k;
    peak = std::max(peak, at(r[k], "stress", 0));
  }
  // The peak stress is reached at psi+ = w / 3, e = sqrt(2 / (3 M)): (3/4)^2 M e; the 0.0005
  // strain steps sample it to within a step.
  const double e_peak = std::sqrt(2 / (3 * M));
  EXPECT_NEAR(peak, 0.5625 * M * e_peak, 0.5625 * M * 5e-4 * 0.02);
  // Unloading (steps 41-50) keeps the damage of step 40.
  for (std::size_t k = 41; k <= 50; ++k)
    EXPECT_EQ(at(r[k], "d"), at(r[40], "d"));
}

TEST(CatalogExamples, PyrolysisFollowsFirstOrderKinetics)
{
  auto d = run_example("chemical_reactions/pyrolysis.i");
  const auto & r = d->results();
  // n = 1: a_rate = k(T) (1 - a), so backward Euler gives
  // 1 - a_(k+1) = (1 - a_k) / (1 + dt k(T_(k+1))), k(T) = k0 exp(-Q / (R T)).
  const auto k = [](double T) { return 0.04210147513030456 * std::exp(-21191.61425138572 / (8.31446261815324 * T)); };
  double unreacted = 1;
  for (std::size_t i = 1; i < r.size(); ++i)
  {
    unreacted /= 1 + (at(r[i], "t") - at(r[i - 1], "t")) * k(at(r[i], "T"));
    EXPECT_NEAR(at(r[i], "a"), 1 - unreacted, 1e-13) << "step " << i;
    // The solid's volume: binder 1 - a at 1250, char 0.58 a at 1800.
    const double a = at(r[i], "a");
    EXPECT_NEAR(at(r[i], "V"), (1 - a) / 1250 + 0.5835777126099713 * a / 1800, 1e-17) << "step " << i;
  }
  EXPECT_GT(at(r.back(), "a"), 0.999); // converted by 1500 K
}

// KWN precipitation models: NEML2 v3's reference values (its tests/models/kwn inputs), the
// formulas worked by hand, every derivative (parameters included) against central differences,
// size bins as a sub-batch axis, and the chain of a KWN rate evaluation composed.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "fd_check.h"
#include "neml2/base/error.h"
#include "test_plasticity_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
std::shared_ptr<Model>
kwn(const std::string & name)
{
  return load_model(data("kwn/models.i"), name);
}

Tensor
batch(std::vector<double> v)
{
  const auto n = static_cast<std::int64_t>(v.size());
  return Tensor::from_values({n}, {}, v);
}

Tensor
bins(std::vector<double> v)
{
  const auto n = static_cast<std::int64_t>(v.size());
  return Tensor::from_values({}, {n}, v);
}

void
expect_values(const Tensor & got, const std::vector<double> & want, double rtol = 1e-14)
{
  ASSERT_EQ(got.numel(), static_cast<std::int64_t>(want.size()));
  for (std::size_t i = 0; i < want.size(); ++i)
    EXPECT_TRUE(near_rel(got.at(static_cast<std::int64_t>(i)), want[i], rtol))
        << "entry " << i << ": " << got.at(static_cast<std::int64_t>(i)) << " vs " << want[i];
}

void
check_all_derivatives(Model & m, const std::map<std::string, Range> & ranges)
{
  const auto in = random_inputs(m, {5}, ranges, 11);
  check_derivatives(m, in);
  if (!m.named_parameters().empty())
    check_parameter_derivatives(m, in);
}
} // namespace

TEST(ChemicalGibbsFreeEnergyDifference, WeightedPotentialDifferences)
{
  auto m = kwn("gibbs");
  // (1 - 0.4) 0.2 + (2 - 1.5) 0.05 = 0.145; 0.6 0.1 + 0.5 0.15 = 0.135 (NEML2's reference).
  expect_values(m->value({{"state/dx1", batch({0.2, 0.1})}, {"state/dx2", batch({0.05, 0.15})}}).at("state/dg"),
                {0.145, 0.135});
  ASSERT_EQ(m->named_parameters().size(), 4U); // mu_0, mu_1, mu_eq_0, mu_eq_1
  check_all_derivatives(*m, {});
}

TEST(CurrentConcentration, SoluteLeftInTheMatrix)
{
  auto m = kwn("current");
  const auto x = m->value({{"state/f1", batch({0.1, 0.2, 0.3})}, {"state/f2", batch({0.05, 0.1, 0.2})}}).at("state/x");
  // (0.25 - 0.1 0.8 - 0.05 0.6) / (1 - 0.15) = 0.14 / 0.85.
  EXPECT_TRUE(near_rel(x.at(0), 0.14 / 0.85, 1e-15));
  expect_values(x, {0.16470588235294118, 0.04285714285714286, -0.22}); // NEML2's reference
  check_all_derivatives(*m, {{"state/f1", {0.0, 0.3}}, {"state/f2", {0.0, 0.3}}});
}

TEST(IdealSolutionVolumetricDrivingForce, RTLogOfSupersaturation)
{
  auto m = kwn("ideal");
  const auto dg =
      m->value({{"forces/T", scalar(300.0)}, {"state/x1", scalar(0.2)}, {"state/x2", scalar(0.5)}}).at("state/dg_v");
  // R T (ln 2 + ln 5) = R T ln 10.
  EXPECT_TRUE(near_rel(dg.at(0), 8.314 * 300 * std::log(10.0), 1e-14));
  EXPECT_TRUE(near_rel(dg.at(0), 5743.107738945748, 1e-14)); // NEML2's reference
  check_all_derivatives(*m, {{"forces/T", {300.0, 900.0}}, {"state/x1", {0.05, 0.5}}, {"state/x2", {0.05, 0.5}}});
  // Weights per species, and an equilibrium concentration that is a variable.
  auto w = kwn("ideal_weighted");
  ASSERT_NE(w->find_input("x_eq"), nullptr);
  const auto dgw =
      w->value({{"temperature", scalar(500.0)}, {"x1", scalar(0.3)}, {"x2", scalar(0.2)}, {"x_eq", scalar(0.05)}})
          .at("driving_force");
  EXPECT_TRUE(near_rel(dgw.at(0), 8.314 * 500 * (2 * std::log(3.0) + 0.5 * std::log(4.0)), 1e-14));
  check_all_derivatives(
      *w, {{"temperature", {300.0, 900.0}}, {"x1", {0.05, 0.5}}, {"x2", {0.05, 0.5}}, {"x_eq", {0.01, 0.1}}});
}

TEST(KineticFactor, FourPiRSquaredOverTheDiffusionSum)
{
  auto m = kwn("kinetic");
  // N_a = V_m = 1: 4 pi 2^2 / 4 = 4 pi (NEML2's reference 12.566370614359172).
  const auto beta = m->value({{"state/R_crit", scalar(2.0)}, {"state/sum", scalar(4.0)}}).at("state/beta");
  EXPECT_TRUE(near_rel(beta.at(0), 4 * std::numbers::pi, 1e-15));
  check_all_derivatives(*m, {{"state/R_crit", {0.5, 3.0}}, {"state/sum", {0.5, 3.0}}});
}

TEST(NucleationBarrierAndCriticalRadius, ClassicalNucleationTheory)
{
  auto m = kwn("barrier");
  const auto out = m->value({{"surface_energy", scalar(0.2)}, {"total_gibbs_free_energy_difference", scalar(4.0)}});
  // R* = 2 0.2 2 / 4 = 0.2; barrier = 16/3 pi 0.008 4 / 16 (NEML2's reference 0.03351032163829113).
  EXPECT_TRUE(near_rel(out.at("state/R_crit").at(0), 0.2, 1e-15));
  EXPECT_TRUE(near_rel(out.at("state/barrier").at(0), 16.0 / 3 * std::numbers::pi * 0.008 * 4 / 16, 1e-14));
  EXPECT_TRUE(near_rel(out.at("state/barrier").at(0), 0.03351032163829113, 1e-14));
  // The barrier is a third of the surface energy of the critical nucleus, 4 pi R*^2 gamma / 3.
  EXPECT_TRUE(near_rel(out.at("state/barrier").at(0), 4 * std::numbers::pi * 0.04 * 0.2 / 3, 1e-14));
  check_all_derivatives(*m, {{"surface_energy", {0.1, 1.0}}, {"total_gibbs_free_energy_difference", {1.0, 5.0}}});
}

TEST(NucleationFluxMagnitude, ArrheniusInTheBarrier)
{
  auto m = kwn("flux");
  const auto J =
      m->value(
           {{"state/Z", scalar(2.0)}, {"state/beta", scalar(3.0)}, {"state/dg", scalar(4.0)}, {"state/T", scalar(4.0)}})
          .at("state/J");
  EXPECT_TRUE(near_rel(J.at(0), 2.0 * 3.0 * 5.0 * std::exp(-0.5), 1e-15));
  EXPECT_TRUE(near_rel(J.at(0), 18.195919791379007, 1e-14)); // NEML2's reference
  check_all_derivatives(
      *m, {{"state/Z", {0.5, 2.0}}, {"state/beta", {0.5, 2.0}}, {"state/dg", {0.5, 4.0}}, {"state/T", {1.0, 4.0}}});
}

TEST(PrecipitateVolumeFraction, SumOfSphereVolumesOverTheBins)
{
  auto m = kwn("fraction");
  EXPECT_EQ(m->find_input("state/n")->sub_batch, (Shape{3}));
  const auto f = m->value({{"state/n", bins({10, 20, 30})}}).at("state/f");
  // 4/3 pi (10 + 8 20 + 27 30) = 4/3 pi 980 (NEML2's reference 4105.014400690663).
  EXPECT_TRUE(near_rel(f.at(0), 4.0 / 3 * std::numbers::pi * 980, 1e-15));
  EXPECT_TRUE(near_rel(f.at(0), 4105.014400690663, 1e-14));
  check_all_derivatives(*m, {{"state/n", {0.0, 50.0}}});
}

TEST(ProjectedDiffusivitySum, ResistanceOfEachSpecies)
{
  auto m = kwn("projected");
  // Batched concentration differences: 0.04 / (0.5 0.4) + 0.0025 / (0.2 0.8) = 0.215625.
  expect_values(m->value({{"state/x1", batch({0.4, 0.6})}, {"state/x2", batch({0.8, 0.5})}}).at("state/sum"),
                {0.215625, 0.25833333333333336});
  check_all_derivatives(*kwn("projected_scalar"), {{"state/x1", {0.1, 1.0}}, {"state/x2", {0.1, 1.0}}});
}

TEST(RateLimitedPrecipitateGrowthRate, InverselyProportionalToTheRadius)
{
  auto m = kwn("rate_limited");
  EXPECT_EQ(m->find_output("state/R_dot")->sub_batch, (Shape{3}));
  // D (x - x_eq) / dx = 2 0.15 / 0.7 = 3/7, over R = 1, 2, 4 (NEML2's reference).
  const auto rate = m->value({{"state/x_inf", scalar(0.25)}}).at("state/R_dot");
  expect_values(rate, {3.0 / 7, 3.0 / 14, 3.0 / 28});
  expect_values(rate, {0.42857142857142855, 0.21428571428571427, 0.10714285714285714});
  check_all_derivatives(*m, {{"state/x_inf", {0.0, 0.5}}});
}

TEST(SFFKPrecipitationGrowthRate, DrivingForceOverResistance)
{
  auto m = kwn("sffk");
  // 2 / (R 8 400 0.5) = 1/800 / R (NEML2's reference 0.00125, 0.000625, 0.0003125).
  const auto rate = m->value({{"state/sum", scalar(0.5)}, {"state/T", scalar(400.0)}}).at("state/R_dot");
  expect_values(rate, {0.00125, 0.000625, 0.0003125});
  check_all_derivatives(*m, {{"state/sum", {0.2, 2.0}}, {"state/T", {300.0, 900.0}}});
}

TEST(ZeldovichFactor, CurvatureOfTheBarrier)
{
  auto m = kwn("zeldovich");
  // V_m / (2 pi N_a R^2) sqrt(gamma / (k T)) = 2 / (2 pi 2 4) sqrt(4) = 1 / (4 pi).
  const auto Z = m->value({{"state/R_crit", scalar(2.0)}, {"state/T", scalar(1.0)}}).at("state/Z");
  EXPECT_TRUE(near_rel(Z.at(0), 1 / (4 * std::numbers::pi), 1e-15));
  EXPECT_TRUE(near_rel(Z.at(0), 0.07957747154594767, 1e-14)); // NEML2's reference
  check_all_derivatives(*m, {{"state/R_crit", {0.5, 3.0}}, {"state/T", {0.5, 3.0}}});
}

TEST(KWN, NucleationAndGrowthRatesComposed)
{
  auto m = kwn("kwn_rates");
  // The driving force feeds the barrier and the critical radius, the diffusion sum both nucleation
  // and the growth of every bin.
  EXPECT_EQ(m->find_output("R_dot")->sub_batch, (Shape{3}));
  const double T = 800, x = 0.05, R = 8.314, gamma = 0.2, Vm = 1e-5, Na = 6.02214076e23, k = 1.380649e-23;
  const auto out = m->value({{"T", scalar(T)}, {"x", scalar(x)}});
  const double dg = R * T * std::log(x / 0.01);
  const double Rc = 2 * gamma * Vm / dg;
  const double barrier = 16.0 / 3 * std::numbers::pi * gamma * gamma * gamma * Vm * Vm / (dg * dg);
  const double sum = 0.81 / (1e-15 * x);
  const double beta = 4 * std::numbers::pi * std::pow(Na / Vm, 4.0 / 3.0) * Rc * Rc / sum;
  const double Z = Vm / (2 * std::numbers::pi * Na * Rc * Rc) * std::sqrt(gamma / (k * T));
  EXPECT_TRUE(near_rel(out.at("J").at(0), Z * beta * 1e28 * std::exp(-barrier / (k * T)), 1e-12));
  for (std::int64_t i = 0; i < 3; ++i)
    EXPECT_TRUE(near_rel(out.at("R_dot").at(i), 1e4 / (1e-9 * double(1 << i) * R * T * sum), 1e-14));
  check_derivatives(*m, random_inputs(*m, {4}, {{"T", {700.0, 900.0}}, {"x", {0.02, 0.08}}}, 3));
  check_parameter_derivatives(*m, random_inputs(*m, {4}, {{"T", {700.0, 900.0}}, {"x", {0.02, 0.08}}}, 3));
}

TEST(KWN, BadOptionsAreLocatedErrors)
{
  auto refused = [](const std::string & model, int line, const std::string & message) -> ::testing::AssertionResult {
    try
    {
      load_model(data("kwn/errors.i"), model);
    }
    catch (const InputError & e)
    {
      const std::string what = e.what();
      if (what.find(fmt::format("errors.i:{}:", line)) == std::string::npos || what.find(message) == std::string::npos)
        return ::testing::AssertionFailure()
               << model << ": expected line " << line << " and \"" << message << "\", got: " << what;
      return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure() << model << ": nothing thrown";
  };
  EXPECT_TRUE(refused("potentials_short", 5, "expected one value per species (2), got 1"));
  EXPECT_TRUE(refused("weights_two_of_three", 12, "expected one value per species (3) or one for all, got 2"));
  EXPECT_TRUE(refused("no_species", 17, "expected at least one species variable"));
  EXPECT_TRUE(refused("same_outputs", 27, "give them different names"));
  EXPECT_TRUE(refused("molar_volume_zero", 31, "the molar volume must lie in (0, inf)"));
}

// Chemical-reaction relations: closed forms, NEML2 v3's reference values (its
// tests/models/chemical_reactions inputs), every derivative (parameters included) against
// central differences, batching.
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
reactions(const std::string & name)
{
  return load_model(data("chemical_reactions/models.i"), name);
}

double
value_of(Model & m, ValueMap in, const std::string & out)
{
  return m.value(in).at(out).at(0);
}

void
check_all_derivatives(Model & m, const std::map<std::string, Range> & ranges)
{
  const auto in = random_inputs(m, {6}, ranges, 3);
  check_derivatives(m, in);
  check_parameter_derivatives(m, in);
  check_batch_shapes(m, ranges);
}
} // namespace

TEST(AvramiErofeevNucleation, RateOfTheConversion)
{
  auto m = reactions("avrami");
  const double k = 0.7, n = 2.75;
  const double neml2[] = {4.592994468e-5, 0.429675464, 0.69373113}; // NEML2 v3's reference values
  const double a[] = {0.03, 0.75, 0.9};
  for (int i = 0; i < 3; ++i)
  {
    const double f = value_of(*m, {{"conversion_degree", scalar(a[i])}}, "reaction_rate");
    EXPECT_TRUE(near_rel(f, k * (1 - a[i]) * std::pow(-std::log(1 - a[i]), n), 1e-14)) << a[i];
    EXPECT_TRUE(near_rel(f, neml2[i], 1e-8)) << a[i];
  }
  // No reaction before any conversion, none after it is complete.
  EXPECT_EQ(value_of(*m, {{"conversion_degree", scalar(0.0)}}, "reaction_rate"), 0.0);
  check_all_derivatives(*m, {{"conversion_degree", {0.05, 0.95}}});
}

TEST(ContractingGeometry, PowerOfTheUnreactedFraction)
{
  auto m = reactions("contracting");
  const double k = 0.7, n = 2.75;
  const double neml2[] = {0.6437545, 0.01546796, 1.244795587e-3};
  const double a[] = {0.03, 0.75, 0.9};
  for (int i = 0; i < 3; ++i)
  {
    const double f = value_of(*m, {{"alpha", scalar(a[i])}}, "alpha_rate");
    EXPECT_TRUE(near_rel(f, k * std::pow(1 - a[i], n), 1e-14)) << a[i];
    EXPECT_TRUE(near_rel(f, neml2[i], 1e-7)) << a[i];
  }
  // 1 - a is held in [eps, 1 - eps]: finite at a = 1 and past it, k (1 - eps)^n at a <= 0.
  constexpr double eps = std::numeric_limits<double>::epsilon();
  EXPECT_EQ(value_of(*m, {{"alpha", scalar(1.2)}}, "alpha_rate"), k * std::pow(eps, n));
  EXPECT_EQ(value_of(*m, {{"alpha", scalar(-0.5)}}, "alpha_rate"), k * std::pow(1 - eps, n));
  check_all_derivatives(*m, {{"alpha", {0.05, 0.95}}});
}

TEST(CylindricalChannelGeometry, RadiiOfTheProductLayer)
{
  auto m = reactions("channel");
  const auto out = m->value({{"solid_fraction", scalar(0.1)}, {"product_fraction", scalar(0.2)}});
  EXPECT_TRUE(near_rel(out.at("inner_radius").at(0), std::sqrt(0.7), 1e-15));
  EXPECT_TRUE(near_rel(out.at("outer_radius").at(0), std::sqrt(0.9), 1e-15));
  EXPECT_NEAR(std::sqrt(0.7), 0.83666, 1e-5); // NEML2 v3's reference values
  EXPECT_NEAR(std::sqrt(0.9), 0.948683, 1e-6);
  // A channel filled up (phi_s + phi_p >= 1) keeps a radius of sqrt(eps), with no slope.
  const auto full = m->jacobian({{"solid_fraction", scalar(0.4)}, {"product_fraction", scalar(0.7)}});
  EXPECT_EQ(full.first.at("inner_radius").at(0), std::sqrt(std::numeric_limits<double>::epsilon()));
  EXPECT_EQ(full.second.at("inner_radius").at("product_fraction").at(0), 0.0);
  const std::map<std::string, Range> open{{"solid_fraction", {0.0, 0.4}}, {"product_fraction", {0.0, 0.4}}};
  check_derivatives(*m, random_inputs(*m, {6}, open, 3));
  check_batch_shapes(*m, open);
}

TEST(DiffusionLimitedReaction, RateThroughTheProductLayer)
{
  auto m = reactions("diffusion");
  // 2 1e-3 0.2 0.3 / 1 0.8 / (0.8 - 0.5 + 0.01) = 1.2e-4 0.8 / 0.31 = 3.0967741935e-4 (NEML2 v3's too)
  const double rate = value_of(*m,
                               {{"product_inner_radius", scalar(0.5)},
                                {"solid_inner_radius", scalar(0.8)},
                                {"liquid_reactivity", scalar(0.2)},
                                {"solid_reactivity", scalar(0.3)}},
                               "reaction_rate");
  EXPECT_TRUE(near_rel(rate, 1.2e-4 * 0.8 / 0.31, 1e-14));
  EXPECT_TRUE(near_rel(rate, 0.000309677419, 2e-9)); // printed to 9 digits
  check_all_derivatives(*m, {{"product_inner_radius", {0.2, 0.5}},
                             {"solid_inner_radius", {0.6, 0.9}},
                             {"liquid_reactivity", {0.0, 1.0}},
                             {"solid_reactivity", {0.0, 1.0}}});
}

TEST(EffectiveVolume, MassOverDensitiesAndTheOpenFraction)
{
  auto m = reactions("volume");
  const double rho[] = {1123, 576, 988, 11};
  const double w[3][4] = {{0.1, 0.5, 0.1, 0.15}, {0.7, 0.6, 0.22, 0.23}, {0.2, 0.2, 0.4, 0.33}};
  const double phio[] = {0.9, 0.01, 0.55};
  const double neml2[] = {0.6024819194, 0.09441082427, 0.2818082603};
  for (int p = 0; p < 3; ++p)
  {
    double sum = 0;
    for (int i = 0; i < 4; ++i)
      sum += w[p][i] / rho[i];
    const double V = value_of(*m,
                              {{"wb", scalar(w[p][0])},
                               {"ws", scalar(w[p][1])},
                               {"wp", scalar(w[p][2])},
                               {"wg", scalar(w[p][3])},
                               {"phio", scalar(phio[p])}},
                              "composite_volume");
    EXPECT_TRUE(near_rel(V, 4.1 / (1 - phio[p]) * sum, 1e-14)) << p;
    EXPECT_TRUE(near_rel(V, neml2[p], 1e-9)) << p;
  }
  check_all_derivatives(*m, {{"phio", {0.0, 0.5}}});
  auto closed = reactions("volume_closed");
  EXPECT_EQ(closed->input_spec().size(), 2U);
  EXPECT_TRUE(
      near_rel(value_of(*closed, {{"w1", scalar(0.4)}, {"w2", scalar(0.6)}}, "V"), 2 * (0.4e-3 + 1.2e-3), 1e-14));
  check_all_derivatives(*closed, {});
}

TEST(ChemicalReactions, ShrinkingCoreComposed)
{
  auto m = reactions("shrinking_core");
  const double phi_s = 0.2, phi_p = 0.3, ri = std::sqrt(0.5), ro = std::sqrt(0.8);
  const double rate = value_of(*m,
                               {{"solid_fraction", scalar(phi_s)},
                                {"product_fraction", scalar(phi_p)},
                                {"liquid_reactivity", scalar(1.0)},
                                {"solid_reactivity", scalar(0.5)}},
                               "reaction_rate");
  EXPECT_TRUE(near_rel(rate, 2 * 2e-3 * 0.5 / 0.5 * ro / (ro - ri + 0.02), 1e-14));
  check_all_derivatives(*m, {{"solid_fraction", {0.0, 0.4}},
                             {"product_fraction", {0.0, 0.4}},
                             {"liquid_reactivity", {0.0, 1.0}},
                             {"solid_reactivity", {0.0, 1.0}}});
}

// Porous-flow relations: closed forms, NEML2 v3's reference values (its tests/models/porous_flow
// inputs), the logarithmic extension's continuity, every derivative (parameters included) against
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
porous(const std::string & name)
{
  return load_model(data("porous_flow/models.i"), name);
}

double
value_of(Model & m, const std::string & in, double x, const std::string & out)
{
  return m.value({{in, scalar(x)}}).at(out).at(0);
}

void
check_all_derivatives(Model & m, const std::map<std::string, Range> & ranges)
{
  const auto in = random_inputs(m, {6}, ranges, 5);
  check_derivatives(m, in);
  check_parameter_derivatives(m, in);
  check_batch_shapes(m, ranges);
}
} // namespace

TEST(AdvectiveStress, PrefactorTimesFullContraction)
{
  auto m = porous("advective");
  // P : F summed by hand over the nine products: 2.8 + 42.5 + 67.1 = 112.4.
  const double PF = 112.4;
  const auto out =
      m->value({{"Js", scalar(0.8)},
                {"Jt", scalar(0.4)},
                {"F", Tensor::from_values({}, {3, 3}, std::array{0.2, 0.5, 0.3, 1.0, 8.0, 7.0, 6.0, 5.0, 2.0})},
                {"P", Tensor::from_values({}, {3, 3}, std::array{3.0, 2.0, 4.0, 9.8, 1.2, 3.3, 4.4, 7.3, 2.1})}});
  const double want = -1.0 / 3.0 * std::pow(0.8, -5.0 / 3.0) * std::pow(0.4, -2.0 / 3.0) * PF;
  EXPECT_TRUE(near_rel(out.at("pc").at(0), want, 1e-14));
  EXPECT_TRUE(near_rel(want, -100.10484187836497, 1e-14)); // NEML2 v3's reference value
  check_all_derivatives(*m, {{"Js", {0.5, 1.5}}, {"Jt", {0.5, 1.5}}});
  // Without js and jt the Jacobians are 1 and no such inputs exist.
  auto plain = porous("advective_no_expansion");
  EXPECT_EQ(plain->input_spec().size(), 2U);
  const auto F = Tensor::from_values({}, {3, 3}, std::array{1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0});
  const auto P = Tensor::from_values({}, {3, 3}, std::array{3.0, 1.0, 0.0, 1.0, 2.0, 0.0, 0.0, 0.0, -1.0});
  EXPECT_TRUE(near_rel(plain->value({{"deformation_gradient", F}, {"pk1_stress", P}}).at("advective_stress").at(0),
                       -2.5 / 3 * 4));
  check_all_derivatives(*plain, {});
}

TEST(BrooksCoreyCapillaryPressure, PowerLawAndItsLogExtension)
{
  auto m = porous("brooks_corey");
  const double Pt = 2.3, p = 0.7, Sp = 0.1;
  for (double S : {0.05, 0.2, 0.65, 1.0})
    EXPECT_TRUE(
        near_rel(value_of(*m, "effective_saturation", S, "capillary_pressure"), Pt * std::pow(S, -1 / p), 1e-14));
  EXPECT_TRUE(near_rel(value_of(*m, "effective_saturation", 1.0, "capillary_pressure"), Pt)); // the entry pressure
  // Below Sp the tangent line of log10(Pc): Pc(Sp) exp((Sp - S) / (p Sp)), since Pc'/Pc = -1/(p S).
  auto ext = porous("brooks_corey_log");
  const auto Pc = [&](double S) { return value_of(*ext, "S", S, "Pc"); };
  EXPECT_TRUE(near_rel(Pc(0.05), Pt * std::pow(Sp, -1 / p) * std::exp((Sp - 0.05) / (p * Sp)), 1e-14));
  EXPECT_TRUE(near_rel(Pc(0.0), Pt * std::pow(Sp, -1 / p) * std::exp(1 / p), 1e-14)); // finite at S = 0
  // NEML2 v3's reference values (printed to 10 digits).
  const double neml2[] = {126.0403524130621, 22.92220613, 4.255929933, 2.673595365};
  const double S_ref[] = {0.05, 0.2, 0.65, 0.9};
  for (int i = 0; i < 4; ++i)
    EXPECT_TRUE(near_rel(Pc(S_ref[i]), neml2[i], 1e-9)) << S_ref[i];
  // Continuous in value and slope at Sp.
  const double h = 1e-7;
  EXPECT_TRUE(near_rel(Pc(Sp - h), Pc(Sp + h), 1e-5));
  EXPECT_TRUE(near_rel((Pc(Sp) - Pc(Sp - 2 * h)) / (2 * h), (Pc(Sp + 2 * h) - Pc(Sp)) / (2 * h), 1e-5));
  check_all_derivatives(*ext, {{"S", {0.01, 0.09}}});
  check_all_derivatives(*ext, {{"S", {0.11, 1.0}}});
  check_all_derivatives(*m, {{"effective_saturation", {0.05, 1.0}}});
}

TEST(VanGenuchtenCapillaryPressure, CorrelationAndItsLogExtension)
{
  auto m = porous("van_genuchten");
  const double a = 0.333333333333333, mm = 0.7, Sp = 0.1;
  const auto vg = [&](double S) { return a * std::pow(std::pow(S, -1 / mm) - 1, 1 - mm); };
  for (double S : {0.05, 0.2, 0.65, 0.9})
    EXPECT_TRUE(near_rel(value_of(*m, "effective_saturation", S, "capillary_pressure"), vg(S), 1e-13)) << S;
  // Saturated: zero pressure, reached with an infinite slope; S >= 1 is held at 1 - eps.
  EXPECT_LT(value_of(*m, "effective_saturation", 1.0, "capillary_pressure"), 1e-4);
  EXPECT_TRUE(std::isfinite(value_of(*m, "effective_saturation", 1.2, "capillary_pressure")));
  auto ext = porous("van_genuchten_log");
  const auto Pc = [&](double S) { return value_of(*ext, "S", S, "Pc"); };
  // d vg / dS by hand: a (1 - m) (S^(-1/m) - 1)^(-m) (-1/m) S^(-1/m - 1).
  const double slope = a * (1 - mm) * std::pow(std::pow(Sp, -1 / mm) - 1, -mm) * (-1 / mm) * std::pow(Sp, -1 / mm - 1);
  EXPECT_TRUE(near_rel(Pc(0.05), vg(Sp) * std::exp(slope / vg(Sp) * (0.05 - Sp)), 1e-13));
  const double neml2[] = {1.104503654476773, 0.643666536951943, 0.3175165612, 0.1932327962};
  const double S_ref[] = {0.05, 0.2, 0.65, 0.9};
  for (int i = 0; i < 4; ++i)
    EXPECT_TRUE(near_rel(Pc(S_ref[i]), neml2[i], 1e-9)) << S_ref[i];
  check_all_derivatives(*ext, {{"S", {0.01, 0.09}}});
  check_all_derivatives(*ext, {{"S", {0.11, 0.95}}});
}

TEST(EffectiveSaturation, ResidualAndLargestFraction)
{
  auto m = porous("saturation");
  // (0.3 / 0.6 - 0.1) / 0.9 = 4/9; zero at the residual fraction 0.06, one at phi_max.
  EXPECT_TRUE(near_rel(value_of(*m, "fluid_fraction", 0.3, "effective_saturation"), 4.0 / 9.0, 1e-15));
  EXPECT_NEAR(value_of(*m, "fluid_fraction", 0.06, "effective_saturation"), 0.0, 1e-16);
  EXPECT_TRUE(near_rel(value_of(*m, "fluid_fraction", 0.6, "effective_saturation"), 1.0, 1e-15));
  check_all_derivatives(*m, {});
  auto coupled = porous("saturation_coupled");
  ASSERT_NE(coupled->find_input("phimax"), nullptr);
  const auto out = coupled->value({{"phi", scalar(0.553456)}, {"phimax", scalar(0.374)}}).at("out").at(0);
  EXPECT_TRUE(near_rel(out, 1.479828877, 1e-9)); // NEML2 v3's reference value
  check_derivatives(*coupled, random_inputs(*coupled, {6}, {{"phimax", {0.3, 0.9}}}));
}

TEST(PorosityPermeability, ThreeRelationsAtAndAwayFromTheReference)
{
  auto power = porous("power_law");
  auto expo = porous("exponential");
  auto kc = porous("kozeny_carman");
  const double K0 = 3, phi0 = 0.35;
  const auto K = [](Model & m, double phi) { return value_of(m, "porosity", phi, "permeability"); };
  // At the reference porosity the power and exponential laws give K0, Kozeny-Carman
  // K0 r0^(n - m) with r0 = phi0 / (1 - phi0).
  EXPECT_TRUE(near_rel(K(*power, phi0), K0, 1e-15));
  EXPECT_TRUE(near_rel(K(*expo, phi0), K0, 1e-15));
  const double r0 = phi0 / (1 - phi0);
  EXPECT_TRUE(near_rel(K(*kc, phi0), K0 * std::pow(r0, 0.8 - 0.4), 1e-14));
  for (double phi : {0.01, 0.2, 0.65})
  {
    EXPECT_TRUE(near_rel(K(*power, phi), K0 * std::pow(phi / phi0, 0.4), 1e-14)) << phi;
    EXPECT_TRUE(near_rel(K(*expo, phi), K0 * std::exp(0.4 * (phi0 - phi)), 1e-14)) << phi;
    EXPECT_TRUE(near_rel(K(*kc, phi), K0 * std::pow(phi / (1 - phi), 0.8) / std::pow(r0, 0.4), 1e-14)) << phi;
  }
  // NEML2 v3's reference values at phi = 0.65 (phi0 = 0.35, exponent or scale or m 0.4).
  EXPECT_TRUE(near_rel(K(*power, 0.65), 3.842902621, 1e-9));
  EXPECT_TRUE(near_rel(K(*expo, 0.65), 2.66076131, 1e-8));
  EXPECT_TRUE(near_rel(K(*kc, 0.65), 6.305733751, 1e-9));
  for (auto * m : {power.get(), expo.get(), kc.get()})
    check_all_derivatives(*m, {{"porosity", {0.05, 0.9}}});
  // Side by side in one composition, each under its own name.
  auto all = porous("permeabilities");
  const auto out = all->value({{"porosity", scalar(0.65)}});
  EXPECT_EQ(out.at("K_power").at(0), K(*power, 0.65));
  EXPECT_EQ(out.at("K_exponential").at(0), K(*expo, 0.65));
  EXPECT_EQ(out.at("K_kozeny_carman").at(0), K(*kc, 0.65));
}

TEST(PorousFlow, SaturationThenPressureComposed)
{
  auto m = porous("pressure_of_fraction");
  // S = (phi / 0.6 - 0.1) / 0.9: phi = 0.15 gives 1/6, above Sp; phi = 0.1 gives 2/27, below.
  const double Pt = 2.3, p = 0.7, Sp = 0.1;
  EXPECT_TRUE(
      near_rel(value_of(*m, "fluid_fraction", 0.15, "capillary_pressure"), Pt * std::pow(1.0 / 6, -1 / p), 1e-13));
  EXPECT_TRUE(near_rel(value_of(*m, "fluid_fraction", 0.1, "capillary_pressure"),
                       Pt * std::pow(Sp, -1 / p) * std::exp((Sp - 2.0 / 27) / (p * Sp)), 1e-13));
  check_all_derivatives(*m, {{"fluid_fraction", {0.07, 0.6}}});
}

TEST(PorousFlow, PerCellFractionsRunTheRelationsPerCell)
{
  // Fractions with a sub-batch of 4 cells: each cell's pressure is the one-cell value, bit for bit.
  auto cells = porous("pressure_of_fraction");
  cells->resolve_sub_batch("fluid_fraction", {4});
  EXPECT_EQ(cells->find_output("capillary_pressure")->sub_batch, (Shape{4}));
  const auto in = random_inputs(*cells, {2}, {{"fluid_fraction", {0.07, 0.6}}});
  const auto out = cells->value(in).at("capillary_pressure");
  auto one = porous("pressure_of_fraction");
  for (std::int64_t k = 0; k < 8; ++k)
    EXPECT_EQ(out.at(k), value_of(*one, "fluid_fraction", in.at("fluid_fraction").at(k), "capillary_pressure")) << k;
  check_derivatives(*cells, in);
}

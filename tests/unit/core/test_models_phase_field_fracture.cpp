// Phase-field fracture relations: the AT-1/AT-2 functions, the degradation functions' limits
// (g(0) = 1, g(1) = eta) and hand-worked values, the strain energy split by hand, NEML2 v3's
// reference values (its tests/models/phase_field_fracture inputs), every derivative (parameters
// included) against central differences, batching.
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
pff(const std::string & name)
{
  return load_model(data("phase_field_fracture/models.i"), name);
}

double
value_of(Model & m, const std::string & in, double x, const std::string & out)
{
  return m.value({{in, scalar(x)}}).at(out).at(0);
}

void
check_all_derivatives(Model & m, const std::map<std::string, Range> & ranges)
{
  const auto in = random_inputs(m, {6}, ranges, 7);
  check_derivatives(m, in);
  check_parameter_derivatives(m, in);
  check_batch_shapes(m, ranges);
}
} // namespace

TEST(CrackGeometricFunction, AT1IsLinearAT2Quadratic)
{
  auto at1 = pff("at1");
  auto at2 = pff("at2");
  for (double d : {0.0, 0.787, 1.0})
  {
    EXPECT_EQ(value_of(*at1, "phase", d, "crack"), d);
    EXPECT_EQ(value_of(*at2, "d", d, "alpha"), d * d);
  }
  EXPECT_TRUE(near_rel(value_of(*at2, "d", 0.787, "alpha"), 0.619369, 1e-14)); // NEML2 v3's reference
  EXPECT_TRUE(at1->named_parameters().empty());
  check_derivatives(*at1, random_inputs(*at1, {6}, {{"phase", {0.0, 1.0}}}));
  check_derivatives(*at2, random_inputs(*at2, {6}, {{"d", {0.0, 1.0}}}));
  check_batch_shapes(*at2, {{"d", {0.0, 1.0}}});
}

TEST(DegradationFunction, PowerFromOneToTheResidual)
{
  auto g = pff("power");
  EXPECT_EQ(value_of(*g, "phase", 0.0, "degradation"), 1.0);
  EXPECT_EQ(value_of(*g, "phase", 1.0, "degradation"), 0.0);
  EXPECT_TRUE(near_rel(value_of(*g, "phase", 0.787, "degradation"), std::pow(0.213, 5), 1e-14));
  EXPECT_TRUE(near_rel(std::pow(0.213, 5), 0.000438428, 1e-6)); // NEML2 v3's reference, 6 digits
  auto r = pff("power_residual");
  const double eta = 1e-3;
  EXPECT_TRUE(near_rel(value_of(*r, "d", 0.0, "g"), 1.0, 1e-15));
  EXPECT_TRUE(near_rel(value_of(*r, "d", 1.0, "g"), eta, 1e-15));
  EXPECT_TRUE(near_rel(value_of(*r, "d", 0.4, "g"), 0.36 * (1 - eta) + eta, 1e-15));
  // g'(0) = -p (1 - eta): the slope the crack's nucleation stress depends on.
  auto [v, J] = r->jacobian({{"d", scalar(0.0)}});
  EXPECT_TRUE(near_rel(J.at("g").at("d").at(0), -2 * (1 - eta), 1e-15));
  check_all_derivatives(*g, {{"phase", {0.0, 0.99}}});
  check_all_derivatives(*r, {{"d", {0.0, 0.99}}});
}

TEST(DegradationFunction, RationalFromOneToTheResidual)
{
  auto g = pff("rational");
  const double b1 = 1, b2 = 1.3868, b3 = 0.6567, d = 0.787;
  const double f = std::pow(1 - d, 2), Q = b1 * d * (1 + b2 * d + b2 * b3 * d * d);
  EXPECT_TRUE(near_rel(value_of(*g, "phase", d, "degradation"), f / (f + Q), 1e-14));
  EXPECT_TRUE(near_rel(f / (f + Q), 0.0212478, 1e-5)); // NEML2 v3's reference, 6 digits
  EXPECT_EQ(value_of(*g, "phase", 0.0, "degradation"), 1.0);
  EXPECT_EQ(value_of(*g, "phase", 1.0, "degradation"), 0.0);
  // At d = 0 the slope is -b1 whatever p: g' = (f' (f + Q) - f (f' + Q')) / (f + Q)^2 with
  // f(0) = 1, Q(0) = 0, Q'(0) = b1.
  auto [v, J] = g->jacobian({{"phase", scalar(0.0)}});
  EXPECT_TRUE(near_rel(J.at("degradation").at("phase").at(0), -b1, 1e-14));
  auto r = pff("rational_residual");
  EXPECT_TRUE(near_rel(value_of(*r, "phase", 1.0, "degradation"), 0.01, 1e-15));
  check_all_derivatives(*g, {{"phase", {0.0, 0.99}}});
  check_all_derivatives(*r, {{"phase", {0.0, 0.99}}});
}

TEST(LinearIsotropicStrainEnergyDensity, NoSplitIsTheElasticEnergy)
{
  auto m = pff("energy");
  // K = 1.4e5, G = 7.8e4, e = (0.1, 0.05, -0.03; yz 0.02, xz 0.06, xy 0.03): tr e = 0.12,
  // dev e : dev e = 0.0086 + 2 (0.0004 + 0.0036 + 0.0009) = 0.0184, so
  // psi = 0.5 1.4e5 0.0144 + 7.8e4 0.0184 = 1008 + 1435.2 = 2443.2 (NEML2 v3's reference too).
  const auto out = m->value({{"strain", sr2({0.1, 0.05, -0.03, 0.02, 0.06, 0.03})}});
  EXPECT_TRUE(near_rel(out.at("active_strain_energy_density").at(0), 2443.2, 1e-14));
  EXPECT_EQ(out.at("inactive_strain_energy_density").at(0), 0.0);
  check_all_derivatives(*m, {});
  // The derivative of the energy is the stress: d psi / d e = K tr(e) I + 2G dev(e).
  auto [v, J] = m->jacobian({{"strain", sr2({0.1, 0.05, -0.03, 0.02, 0.06, 0.03})}});
  const auto & dpsi = J.at("active_strain_energy_density").at("strain");
  const double K = 1.4e5, G = 7.8e4, tr = 0.12;
  const double dev[6] = {0.06, 0.01, -0.07, 0.02 * std::sqrt(2.0), 0.06 * std::sqrt(2.0), 0.03 * std::sqrt(2.0)};
  for (int i = 0; i < 6; ++i)
    EXPECT_TRUE(near_rel(dpsi.at(i), (i < 3 ? K * tr : 0.0) + 2 * G * dev[i], 1e-13)) << i;
}

TEST(LinearIsotropicStrainEnergyDensity, VolDevKeepsCompressionInactive)
{
  auto m = pff("energy_voldev");
  const double E = 2e5, nu = 0.3, K = E / (3 * (1 - 2 * nu)), G = E / (2 * (1 + nu));
  const auto parts = [&](std::array<double, 6> e) {
    const auto out = m->value({{"Ee", sr2(e)}});
    return std::pair{out.at("psie_active").at(0), out.at("psie_inactive").at(0)};
  };
  // Pure shear (tr = 0): all deviatoric, all active: G 2 gamma^2 for xy = gamma.
  auto [a0, i0] = parts({0, 0, 0, 0, 0, 1e-3});
  EXPECT_TRUE(near_rel(a0, G * 2 * 1e-6, 1e-14));
  EXPECT_EQ(i0, 0.0);
  // Hydrostatic expansion 3e-3 (tr 9e-3): active K/2 tr^2; compression: inactive K/2 tr^2.
  auto [a1, i1] = parts({3e-3, 3e-3, 3e-3, 0, 0, 0});
  EXPECT_TRUE(near_rel(a1, 0.5 * K * 81e-6, 1e-14));
  EXPECT_EQ(i1, 0.0);
  auto [a2, i2] = parts({-3e-3, -3e-3, -3e-3, 0, 0, 0});
  EXPECT_NEAR(a2, 0.0, 1e-20);
  EXPECT_TRUE(near_rel(i2, 0.5 * K * 81e-6, 1e-14));
  // Uniaxial compression: the deviatoric part stays active, the sum is the whole energy.
  auto [a3, i3] = parts({-2e-3, 0, 0, 0, 0, 0});
  const double whole = 0.5 * K * 4e-6 + G * (4e-6 * (4.0 / 9 + 2.0 / 9));
  EXPECT_TRUE(near_rel(a3 + i3, whole, 1e-13));
  EXPECT_TRUE(near_rel(i3, 0.5 * K * 4e-6, 1e-14));
  // Derivatives away from tr = 0 (the split's kink), on both sides.
  check_all_derivatives(*m, {{"Ee", {1e-3, 2e-3}}});
  check_all_derivatives(*m, {{"Ee", {-2e-3, -1e-3}}});
}

TEST(PhaseFieldFracture, DegradedEnergyComposed)
{
  auto m = pff("degraded_energy");
  const double E = 2e5, nu = 0.3, K = E / (3 * (1 - 2 * nu)), eta = 1e-3;
  // Hydrostatic expansion: psi = g(d) K/2 tr^2; compression: K/2 tr^2 whatever d.
  const auto psi = [&](double e, double d) {
    return m->value({{"strain", sr2({e, e, e, 0, 0, 0})}, {"phase", scalar(d)}}).at("psi").at(0);
  };
  const double g = std::pow(1 - 0.6, 2) * (1 - eta) + eta;
  EXPECT_TRUE(near_rel(psi(1e-3, 0.6), g * 0.5 * K * 9e-6, 1e-13));
  EXPECT_TRUE(near_rel(psi(-1e-3, 0.6), 0.5 * K * 9e-6, 1e-13));
  check_all_derivatives(*m, {{"strain", {1e-4, 2e-3}}, {"phase", {0.0, 0.99}}});
}

// GTNYieldFunction, GursonCavitation and OlevskySinteringStress: hand-worked values, the von
// Mises limit at zero porosity, the hydrostatic limit, every derivative (parameters included)
// against central differences, batching.
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
porous(const std::string & name)
{
  return load_model(data("porous/models.i"), name);
}
} // namespace

TEST(GTNYieldFunction, HandWorkedAndLimits)
{
  auto m = porous("gtn");
  const auto f = [&](double se, double sp, double phi) {
    return m->value({{"flow_invariant", scalar(se)}, {"poro_invariant", scalar(sp)}, {"void_fraction", scalar(phi)}})
        .at("yield_function")
        .at(0);
  };
  // (30/60)^2 + 2 1.25 0.05 cosh(40/120) - (1 + 1.57 0.05^2), cosh(1/3) = 1.0560718678...
  EXPECT_NEAR(f(30, 40, 0.05), -0.62191601652, 1e-11);
  // Zero porosity: von Mises, (se/sy)^2 - 1, whatever the pressure.
  for (double sp : {-100.0, 0.0, 250.0})
  {
    EXPECT_NEAR(f(60, sp, 0), 0.0, 1e-15) << sp;
    EXPECT_TRUE(near_rel(f(45, sp, 0), 0.75 * 0.75 - 1)) << sp;
  }
  // Pure pressure with q3 = q1^2 would vanish at cosh = (1 + q1^2 phi^2) / (2 q1 phi); here q3 =
  // 1.57, so check the root of the hydrostatic surface found by hand from the closed form.
  const double phi = 0.1, q1 = 1.25, q3 = 1.57;
  const double sp_root = 2 * 60 * std::acosh((1 + q3 * phi * phi) / (2 * q1 * phi));
  EXPECT_NEAR(f(0, sp_root, phi), 0.0, 1e-13);
  EXPECT_NEAR(f(0, -sp_root, phi), 0.0, 1e-13); // symmetric in the pressure
  check_derivatives(
      *m, random_inputs(*m, {6},
                        {{"flow_invariant", {0, 100}}, {"poro_invariant", {-200, 200}}, {"void_fraction", {0, 0.3}}}));
  check_parameter_derivatives(
      *m, random_inputs(*m, {6},
                        {{"flow_invariant", {0, 100}}, {"poro_invariant", {-200, 200}}, {"void_fraction", {0, 0.3}}}));
  check_batch_shapes(*m);
}

TEST(GTNYieldFunction, HardeningRaisesTheFlowStress)
{
  auto m = porous("gtn_hardening");
  const auto out = m->value({{"flow_invariant", scalar(30)},
                             {"poro_invariant", scalar(40)},
                             {"void_fraction", scalar(0.05)},
                             {"isotropic_hardening", scalar(10)}});
  // sf = 70: (30/70)^2 + 0.125 cosh(40/140) - 1.003925
  EXPECT_NEAR(out.at("yield_function").at(0), -0.69011468745, 1e-11);
  check_derivatives(*m, random_inputs(*m, {6}, {{"isotropic_hardening", {0, 50}}, {"void_fraction", {0, 0.3}}}));
  EXPECT_TRUE(throws_with<InputError>([] { porous("gtn_same"); }, "must be different variables"));
}

TEST(GursonCavitation, MatrixIncompressibility)
{
  auto m = porous("cavitation");
  // tr(Ep_rate) = 0.01 + 0.02 - 0.005 = 0.025; (1 - 0.1) 0.025 = 0.0225; shear does not count.
  const auto out =
      m->value({{"plastic_strain_rate", sr2({0.01, 0.02, -0.005, 0.3, -0.2, 0.1})}, {"void_fraction", scalar(0.1)}});
  EXPECT_TRUE(near_rel(out.at("void_fraction_rate").at(0), 0.0225, 1e-14));
  check_derivatives(*m, random_inputs(*m, {6}));
  check_batch_shapes(*m);
}

TEST(OlevskySinteringStress, HandWorked)
{
  auto m = porous("sintering");
  // 3 2 0.3^2 / 0.5 = 1.08
  EXPECT_TRUE(near_rel(m->value({{"void_fraction", scalar(0.3)}}).at("sintering_stress").at(0), 1.08, 1e-14));
  const auto in = random_inputs(*m, {6}, {{"void_fraction", {0, 0.5}}});
  check_derivatives(*m, in);
  check_parameter_derivatives(*m, in);
  check_batch_shapes(*m);
}

// Eigenstrains, volumetric deformation Jacobians, Green-Lagrange strain, elasticity tensors,
// the J2 trial stress update and the Hermite functions: hand-worked values and limit cases,
// every derivative (parameters included) against central differences, batching.
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
kin(const std::string & name)
{
  return load_model(data("kinematics/models.i"), name);
}

Tensor
r2(const std::array<double, 9> & c)
{
  return Tensor::from_values({}, {3, 3}, c);
}

Tensor
isotropic_sr2(double v)
{
  return sr2({v, v, v, 0, 0, 0});
}

void
check_all_derivatives(Model & m, const std::map<std::string, Range> & ranges = {})
{
  const auto in = random_inputs(m, {5}, ranges, 21);
  if (!m.input_spec().empty())
    check_derivatives(m, in);
  if (!m.named_parameters().empty())
    check_parameter_derivatives(m, in);
  check_batch_shapes(m, ranges);
}
} // namespace

TEST(Eigenstrains, IsotropicAndHandWorked)
{
  auto thermal = kin("thermal_eigenstrain");
  expect_near_all(thermal->value({{"temperature", scalar(500)}}).at("eigenstrain"), isotropic_sr2(2e-3), 1e-14);
  expect_near_all(thermal->value({{"temperature", scalar(300)}}).at("eigenstrain"), isotropic_sr2(0), 0);
  check_all_derivatives(*thermal, {{"temperature", {300.0, 900.0}}});

  auto volume = kin("volume_eigenstrain"); // 1.1^3 = 1.331: a 10 % stretch in each direction
  expect_near_all(volume->value({{"volume", scalar(1.331)}}).at("eigenstrain"), isotropic_sr2(0.1), 1e-13);
  check_all_derivatives(*volume, {{"volume", {0.5, 2.0}}});

  auto phase = kin("phase_eigenstrain");
  expect_near_all(
      phase->value({{"phase_fraction", scalar(0.25)}, {"volume_fraction_change", scalar(0.04)}}).at("eigenstrain"),
      isotropic_sr2(0.01), 1e-14);
  check_all_derivatives(*phase);
}

TEST(DeformationJacobians, HandWorked)
{
  auto thermal = kin("thermal_jacobian");
  EXPECT_TRUE(near_rel(thermal->value({{"temperature", scalar(500)}}).at("jacobian").at(0), 1.002, 1e-15));
  check_all_derivatives(*thermal, {{"temperature", {300.0, 900.0}}});

  // 1 + 0.1 0.3 0.5 + 0.7 0.5 0.09 = 1.0465
  auto swelling = kin("swelling_jacobian");
  EXPECT_TRUE(near_rel(swelling->value({{"fluid_fraction", scalar(0.5)}}).at("jacobian").at(0), 1.0465, 1e-15));
  check_all_derivatives(*swelling, {{"fluid_fraction", {0.0, 1.0}}});
}

TEST(VolumeAdjustDeformationGradient, RemovesTheVolumeChange)
{
  auto m = kin("volume_adjust");
  // det F = 24; removing J = 8 divides F by 2.
  const std::array<double, 9> F = {2, 1, 0, 0, 3, 0, 0, 0, 4};
  std::array<double, 9> half{};
  for (std::size_t i = 0; i < 9; ++i)
    half[i] = F[i] / 2;
  expect_near_all(m->value({{"F", r2(F)}, {"jacobian", scalar(8)}}).at("Fe"), r2(half), 1e-15);
  check_all_derivatives(*m, {{"jacobian", {0.5, 2.0}}});
}

TEST(GreenLagrangeStrain, SimpleShearAndRigidRotation)
{
  auto m = kin("green_lagrange");
  // F = I + g e1 (x) e2: E = [[0, g/2, 0], [g/2, g^2/2, 0], [0, 0, 0]]
  const double g = 0.3;
  expect_near_all(m->value({{"deformation_gradient", r2({1, g, 0, 0, 1, 0, 0, 0, 1})}}).at("strain"),
                  sr2({0, g * g / 2, 0, 0, 0, g / 2}), 1e-15, 1e-16);
  // A rigid rotation strains nothing.
  const double c = std::cos(0.7), s = std::sin(0.7);
  expect_near_all(m->value({{"deformation_gradient", r2({c, -s, 0, s, c, 0, 0, 0, 1})}}).at("strain"), sr2({}), 0,
                  1e-16);
  check_all_derivatives(*m);
}

TEST(ElasticityTensors, IsotropicAndCubicEntries)
{
  const double E = 200e3, nu = 0.3;
  const double lambda = E * nu / ((1 + nu) * (1 - 2 * nu)), G = E / (2 * (1 + nu));
  auto iso = kin("isotropic_C");
  const auto C = iso->value({}).at("isotropic_C");
  ASSERT_EQ(C.base_numel(), 36);
  for (std::int64_t i = 0; i < 6; ++i)
    for (std::int64_t j = 0; j < 6; ++j)
    {
      double want = 0;
      if (i < 3 && j < 3)
        want = lambda + (i == j ? 2 * G : 0);
      else if (i == j)
        want = 2 * G; // Mandel shear
      EXPECT_NEAR(C.at(i * 6 + j), want, 1e-10 * E) << i << "," << j;
    }
  auto iso_kg = kin("isotropic_C_KG"); // K = 150e3, G = 80e3: C11 = K + 4G/3, C12 = K - 2G/3
  const auto C2 = iso_kg->value({}).at("stiffness");
  EXPECT_TRUE(near_rel(C2.at(0), 150e3 + 4 * 80e3 / 3));
  EXPECT_TRUE(near_rel(C2.at(1), 150e3 - 2 * 80e3 / 3));
  EXPECT_TRUE(near_rel(C2.at(3 * 6 + 3), 160e3));
  check_parameter_derivatives(*iso, {});

  auto cubic = kin("cubic_C"); // C11 = E(1-nu)/((1+nu)(1-2nu)) = 134615.38..., C12 = 57692.31..., 2G
  const auto Cc = cubic->value({}).at("cubic_C");
  EXPECT_NEAR(Cc.at(0), 134615.3846, 1e-4);
  EXPECT_NEAR(Cc.at(1), 57692.3077, 1e-4);
  EXPECT_NEAR(Cc.at(3 * 6 + 3), 120e3, 1e-9);
  EXPECT_EQ(Cc.at(3), 0.0);
  check_parameter_derivatives(*cubic, {});
  EXPECT_TRUE(throws_with<InputError>([] { kin("cubic_bad"); }, "expected SHEAR_MODULUS, YOUNGS_MODULUS and"));
}

TEST(LinearIsotropicElasticJ2TrialStressUpdate, ThreeGTimesTheIncrement)
{
  auto m = kin("trial_update");
  // G = 200e3 / 2.5 = 80e3: 500 - 3 80e3 (0.002 - 0.001) = 260
  auto out = m->value({{"elastic_trial_stress", scalar(500)},
                       {"equivalent_plastic_strain", scalar(0.002)},
                       {"equivalent_plastic_strain~1", scalar(0.001)}});
  EXPECT_TRUE(near_rel(out.at("updated_trial_stress").at(0), 260, 1e-13));
  check_all_derivatives(*m);
}

TEST(HermiteSmoothStep, CubicStepAndClamp)
{
  auto m = kin("step");
  auto c = kin("step_complement");
  const auto at = [](Model & f, double x) { return f.value({{"argument", scalar(x)}}).at("value").at(0); };
  EXPECT_TRUE(near_rel(at(*m, 2), 0.5));
  EXPECT_TRUE(near_rel(at(*m, 1.5), 0.15625)); // u = 1/4: 3/16 - 2/64
  EXPECT_TRUE(near_rel(at(*c, 1.5), 0.84375));
  EXPECT_LT(at(*m, 0), 1e-30); // clamped at eps
  EXPECT_TRUE(near_rel(at(*m, 4), 1.0, 1e-15));
  auto [v, J] = m->jacobian({{"argument", scalar(5)}});
  EXPECT_EQ(J.at("value").at("argument").at(0), 0.0); // flat beyond the bounds
  check_all_derivatives(*m, {{"argument", {1.1, 2.9}}});
  check_all_derivatives(*c, {{"argument", {1.1, 2.9}}});
}

TEST(SymmetricHermiteInterpolation, UnitIntegralBump)
{
  auto m = kin("bump");
  const auto at = [&](double x) { return m->value({{"argument", scalar(x)}}).at("bump").at(0); };
  EXPECT_TRUE(near_rel(at(1), 1.0, 1e-14));   // c = 1/2: (24/4 - 32/8) / 2
  EXPECT_TRUE(near_rel(at(0.5), 0.5, 1e-14)); // c = 1/4: (24/16 - 32/64) / 2
  EXPECT_TRUE(near_rel(at(1.5), 0.5, 1e-14)); // symmetric
  // Simpson's rule over [0, 2]: the bump integrates to 1 (it is a quartic on each half).
  const int n = 200;
  double sum = 0;
  for (int i = 0; i <= n; ++i)
    sum += (i == 0 || i == n ? 1 : i % 2 ? 4 : 2) * at(2.0 * i / n);
  EXPECT_NEAR(sum * (2.0 / n) / 3, 1.0, 1e-12);
  check_all_derivatives(*m, {{"argument", {0.1, 0.9}}});
  check_all_derivatives(*m, {{"argument", {1.1, 1.9}}});
}

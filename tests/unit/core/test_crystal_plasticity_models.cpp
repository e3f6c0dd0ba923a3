// Crystal-plasticity models: closed forms of single slip (resolved shear, power law, Voce and
// linear hardening, plastic rates), the corotational kinematics against hand-worked values, the
// shadow-set switch, finite differences for every derivative (per slip system), and the sub-batch
// bookkeeping (sizes from the crystal, from a provider, from the first values given).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "backend_matrix.h"
#include "fd_check.h"
#include "neml2/base/error.h"
#include "neml2/base/factory.h"
#include "neml2/drivers/transient_driver.h"
#include "neml2/models/solid_mechanics/crystal_plasticity/crystal_geometry.h"
#include "test_compile_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
const std::string input = data("crystal_plasticity/models.i");

crystal::SlipSystems
fcc()
{
  return Factory::from_file(input)->get_as<CrystalGeometry>(ObjectKind::Data, "crystal_geometry")->slip_systems();
}

/// Mandel vector of a symmetric 3x3 matrix (row-major).
std::vector<double>
mandel(const std::array<double, 9> & a)
{
  const double s = std::sqrt(2.0);
  return {a[0], a[4], a[8], s * a[5], s * a[2], s * a[1]};
}

std::array<double, 9>
full(const std::vector<double> & m)
{
  const double s = std::sqrt(2.0);
  return {m[0], m[5] / s, m[4] / s, m[5] / s, m[1], m[3] / s, m[4] / s, m[3] / s, m[2]};
}

std::array<double, 9>
mul(const std::array<double, 9> & a, const std::array<double, 9> & b)
{
  std::array<double, 9> c{};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 3; ++k)
        c[3 * i + j] += a[3 * i + k] * b[3 * k + j];
  return c;
}

/// Rotation about z by theta (crystal to sample).
std::array<double, 9>
rotation_z(double theta)
{
  return {std::cos(theta), -std::sin(theta), 0, std::sin(theta), std::cos(theta), 0, 0, 0, 1};
}

Tensor
values(const Shape & base, const std::vector<double> & v)
{
  return Tensor::from_values({}, base, v);
}
/// Runs `m` on `in64` and on its float32 copy; expects every float32 output within `rtol` of the
/// float64 one, relative to the output's largest magnitude. Returns the float64 outputs.
ValueMap
expect_float32_agrees(Model & m, const ValueMap & in64, double rtol)
{
  ValueMap in32;
  for (const auto & [name, t] : in64)
    in32[name] = t.to(Dtype::Float32);
  const auto out64 = m.value(in64);
  const auto out32 = m.value(in32);
  for (const auto & [name, t] : out64)
  {
    const auto & f = out32.at(name);
    EXPECT_EQ(f.dtype(), Dtype::Float32) << name;
    double scale = 0, diff = 0;
    for (std::int64_t i = 0; i < t.numel(); ++i)
    {
      scale = std::max(scale, std::abs(t.at(i)));
      diff = std::max(diff, std::abs(f.at(i) - t.at(i)));
    }
    EXPECT_LE(diff, rtol * scale) << name;
  }
  return out64;
}
} // namespace

TEST(CrystalPlasticity, ResolvedShearIsTheSchmidProjectionInTheCrystalFrame)
{
  auto m = load_model(input, "resolved");
  const auto s = fcc();
  // A stress that is pure shear on system 0 resolves to tau on it; others get sigma : M_i.
  const double tau = 75.0;
  std::array<double, 9> sigma{};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j)
      sigma[3 * i + j] = tau * (s.directions[0][i] * s.normals[0][j] + s.normals[0][i] * s.directions[0][j]);
  const std::array<double, 9> identity{1, 0, 0, 0, 1, 0, 0, 0, 1};
  auto out = m->value({{"cauchy_stress", values({6}, mandel(sigma))},
                       {"orientation_matrix", values({3, 3}, {identity.begin(), identity.end()})}})
                 .at("resolved_shears");
  ASSERT_EQ(out.base_shape(), (Shape{12}));
  EXPECT_NEAR(out.at(0), tau, 1e-12);
  for (std::size_t i = 0; i < 12; ++i)
  {
    const auto a = s.schmid(i);
    double expected = 0;
    for (int k = 0; k < 9; ++k)
      expected += sigma[k] * a[k];
    EXPECT_NEAR(out.at(static_cast<std::int64_t>(i)), expected, 1e-12) << i;
  }
  // Rotating the crystal by Q and the stress with it (Q sigma Q^T) changes nothing.
  const auto Q = rotation_z(0.7);
  const std::array<double, 9> Qt{Q[0], Q[3], Q[6], Q[1], Q[4], Q[7], Q[2], Q[5], Q[8]};
  const auto rotated = mul(Q, mul(sigma, Qt));
  auto out2 = m->value({{"cauchy_stress", values({6}, mandel(rotated))},
                        {"orientation_matrix", values({3, 3}, {Q.begin(), Q.end()})}})
                  .at("resolved_shears");
  for (std::int64_t i = 0; i < 12; ++i)
    EXPECT_NEAR(out2.at(i), out.at(i), 1e-12) << i;
}

TEST(CrystalPlasticity, SingleSlipClosedForms)
{
  // Orientation 0, a stress that shears system 0 only by tau: resolved shear, power-law rate,
  // the sum over systems, Voce hardening and the plastic rates follow by hand.
  auto chain = load_model(input, "chain");
  const auto s = fcc();
  const double tau = 40.0, hardening = 10.0, strength = 50.0 + hardening;
  std::array<double, 9> sigma{};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j)
      sigma[3 * i + j] = tau * (s.directions[0][i] * s.normals[0][j] + s.normals[0][i] * s.directions[0][j]);
  const auto out = chain->value({{"cauchy_stress", values({6}, mandel(sigma))},
                                 {"orientation", values({3}, {0, 0, 0})},
                                 {"slip_hardening", values({}, {hardening})}});
  const auto & taus = out.at("resolved_shears");
  const auto & rates = out.at("slip_rates");
  double sum = 0;
  for (std::int64_t i = 0; i < 12; ++i)
  {
    const double r = taus.at(i) / strength;
    const double expected = 1e-3 * std::pow(std::abs(r), 4.1) * r;
    EXPECT_NEAR(rates.at(i), expected, 1e-15 + 1e-13 * std::abs(expected)) << i;
    sum += std::abs(expected);
  }
  EXPECT_NEAR(rates.at(0), 1e-3 * std::pow(tau / strength, 5.1), 1e-16);
  EXPECT_NEAR(out.at("sum_slip_rates").at(0), sum, 1e-15);
  EXPECT_NEAR(out.at("slip_hardening_rate").at(0), 200 * (1 - hardening / 60) * sum, 1e-13);
  // d^p = sum_i gamma_i sym(d_i n_i), w^p = sum_i gamma_i skew(d_i n_i), l^p = sum_i gamma_i d_i n_i.
  std::vector<double> dp(6, 0.0), wp(3, 0.0), lp(9, 0.0);
  for (std::size_t i = 0; i < 12; ++i)
  {
    const double g = rates.at(static_cast<std::int64_t>(i));
    const auto m = s.sym_schmid(i);
    const auto w = s.skew_schmid(i);
    const auto a = s.schmid(i);
    for (std::size_t k = 0; k < 6; ++k)
      dp[k] += g * m[k];
    for (std::size_t k = 0; k < 3; ++k)
      wp[k] += g * w[k];
    for (std::size_t k = 0; k < 9; ++k)
      lp[k] += g * a[k];
  }
  for (std::int64_t k = 0; k < 6; ++k)
    EXPECT_NEAR(out.at("plastic_deformation_rate").at(k), dp[static_cast<std::size_t>(k)], 1e-16);
  for (std::int64_t k = 0; k < 3; ++k)
    EXPECT_NEAR(out.at("plastic_vorticity").at(k), wp[static_cast<std::size_t>(k)], 1e-16);
  for (std::int64_t k = 0; k < 9; ++k)
    EXPECT_NEAR(out.at("plastic_spatial_velocity_gradient").at(k), lp[static_cast<std::size_t>(k)], 1e-16);
}

TEST(CrystalPlasticity, HardeningRulesAndSumAgainstHandValues)
{
  auto voce = load_model(input, "voce");
  auto linear = load_model(input, "linear");
  const ValueMap in = {{"slip_hardening", values({}, {40.0})}, {"sum_slip_rates", values({}, {0.1})}};
  EXPECT_NEAR(voce->value(in).at("slip_hardening_rate").at(0), 200 * (1 - 40.0 / 60) * 0.1, 1e-14);
  EXPECT_NEAR(linear->value(in).at("slip_hardening_rate").at(0), 15.0, 1e-14);
  auto sum = load_model(input, "sum");
  const std::vector<double> r = {-.2, -.15, -.1, -.05, .01, .05, .1, .15, .2, .25, .3, .35};
  EXPECT_NEAR(sum->value({{"slip_rates", values({12}, r)}}).at("sum_slip_rates").at(0), 1.91, 1e-14);
}

TEST(CrystalPlasticity, CorotationalKinematicsAgainstHandValues)
{
  const double s = std::sqrt(2.0);
  const std::vector<double> e = {.1, .11, .1, s * .05, s * .04, s * .03};
  const std::vector<double> dp = {.05, .12, .08, s * .01, s * .01, s * .09};
  const std::vector<double> d = {.02, -.01, -.01, 0, 0, s * .03};
  const std::vector<double> w = {.01, -.02, .03}, wp = {.03, .02, -.01};
  // Hand computation with plain matrices: W e - e W and d^p e - e d^p.
  const std::array<double, 9> W{0, -w[2], w[1], w[2], 0, -w[0], -w[1], w[0], 0};
  const auto E = full(e), DP = full(dp);
  auto we = mul(W, E), ew = mul(E, W), de = mul(DP, E), ed = mul(E, DP);
  std::array<double, 9> c1{}, c2{};
  for (int k = 0; k < 9; ++k)
  {
    c1[k] = we[k] - ew[k];
    c2[k] = de[k] - ed[k];
  }
  const auto sym_c1 = mandel(c1);
  auto rate = load_model(input, "elastic_rate")
                  ->value({{"elastic_strain", values({6}, e)},
                           {"deformation_rate", values({6}, d)},
                           {"vorticity", values({3}, w)},
                           {"plastic_deformation_rate", values({6}, dp)}})
                  .at("elastic_strain_rate");
  for (std::int64_t k = 0; k < 6; ++k)
  {
    const auto i = static_cast<std::size_t>(k);
    EXPECT_NEAR(rate.at(k), d[i] - dp[i] + sym_c1[i], 1e-15) << k;
  }
  auto spin = load_model(input, "spin")
                  ->value({{"elastic_strain", values({6}, e)},
                           {"vorticity", values({3}, w)},
                           {"plastic_deformation_rate", values({6}, dp)},
                           {"plastic_vorticity", values({3}, wp)}})
                  .at("orientation_rate");
  const std::vector<double> axial = {(c2[7] - c2[5]) / 2, (c2[2] - c2[6]) / 2, (c2[3] - c2[1]) / 2};
  for (std::int64_t k = 0; k < 3; ++k)
  {
    const auto i = static_cast<std::size_t>(k);
    EXPECT_NEAR(spin.at(k), w[i] - wp[i] + axial[i], 1e-15) << k;
  }
  // NEML2's published check of the same inputs: (-0.0252, -0.037, 0.0411).
  EXPECT_NEAR(spin.at(0), -0.0252, 1e-12);
  EXPECT_NEAR(spin.at(1), -0.037, 1e-12);
  EXPECT_NEAR(spin.at(2), 0.0411, 1e-12);
}

TEST(CrystalPlasticity, ShadowSetSwitchAndWarmStart)
{
  auto fix = load_model(input, "fix");
  // |r|^2 = 1.0125 >= 1: switched to -r / |r|^2, the same rotation.
  auto out = fix->value({{"orientation", values({3}, {1, -0.1, -0.05})}}).at("fixed_orientation");
  EXPECT_NEAR(out.at(0), -1 / 1.0125, 1e-15);
  EXPECT_NEAR(out.at(1), 0.1 / 1.0125, 1e-15);
  EXPECT_NEAR(out.at(2), 0.05 / 1.0125, 1e-15);
  auto kept = fix->value({{"orientation", values({3}, {0.5, 0.2, -0.1})}}).at("fixed_orientation");
  EXPECT_EQ(kept.at(0), 0.5);
  EXPECT_EQ(kept.at(2), -0.1);

  auto warm = load_model(input, "warm_start");
  const std::vector<double> d = {1e-3, -5e-4, -5e-4, 0, 0, 0};
  ValueMap in = {{"deformation_rate", values({6}, d)},
                 {"t", values({}, {2.0})},
                 {"t~1", values({}, {1.5})},
                 {"elastic_strain~1", values({6}, {1e-5, 0, 0, 0, 0, 0})}};
  auto e = warm->value(in).at("elastic_strain");
  EXPECT_NEAR(e.at(0), 1e-5 + 0.1 * 0.5 * 1e-3, 1e-18); // |e_n| below 1e-3: e_n + scale dt d
  in["elastic_strain~1"] = values({6}, {2e-3, 0, 0, 0, 0, 0});
  EXPECT_EQ(warm->value(in).at("elastic_strain").at(0), 2e-3); // above: e_n as is
}

TEST(CrystalPlasticity, PlasticDeformationGradientWarmStart)
{
  auto warm = load_model(input, "fp_warm_start");
  const std::vector<double> identity = {1, 0, 0, 0, 1, 0, 0, 0, 1};
  // F = diag(1.01, 1, 1), Fp_n = I: the trial elastic strain 0.01 > 1e-3, so the elastic part
  // is relaxed to I + 0.1 (F - I) and Fp = (I + 0.1 (F - I))^-1 F = diag(1.01 / 1.001, 1, 1).
  auto Fp =
      warm->value({{"F", values({3, 3}, {1.01, 0, 0, 0, 1, 0, 0, 0, 1})}, {"Fp~1", values({3, 3}, identity)}}).at("Fp");
  EXPECT_NEAR(Fp.at(0), 1.01 / 1.001, 1e-15);
  EXPECT_NEAR(Fp.at(4), 1.0, 1e-15);
  EXPECT_NEAR(Fp.at(1), 0.0, 1e-15);
  // A trial strain of 5e-4 is below the threshold: Fp_n is kept.
  const std::vector<double> Fp_n = {1.002, 0.001, 0, 0, 0.999, 0, 0, 0, 1};
  auto kept =
      warm->value({{"F", values({3, 3}, {1.0025, 0.001, 0, 0, 0.999, 0, 0, 0, 1})}, {"Fp~1", values({3, 3}, Fp_n)}})
          .at("Fp");
  for (std::int64_t k = 0; k < 9; ++k)
    EXPECT_EQ(kept.at(k), Fp_n[static_cast<std::size_t>(k)]);
}

TEST(CrystalPlasticity, DerivativesMatchFiniteDifferences)
{
  {
    SCOPED_TRACE("chain");
    auto chain = load_model(input, "chain");
    auto in = random_inputs(
        *chain, {5},
        {{"cauchy_stress", {-120.0, 120.0}}, {"slip_hardening", {0.0, 30.0}}, {"orientation", {-0.6, 0.6}}});
    check_input_and_parameter_derivatives(*chain, in);
  }
  {
    // The per-system models on their own: their number of slip systems comes from the values.
    SCOPED_TRACE("forest");
    auto forest = load_model(input, "forest");
    const ValueMap in = {{"dislocation_density", random_tensor({4}, {12}, 0.5, 20.0, 3)},
                         {"slip_rates", random_tensor({4}, {12}, -1e-3, 1e-3, 4)}};
    check_input_and_parameter_derivatives(*forest, in);
    EXPECT_EQ(forest->find_output("dislocation_density_rate")->sub_batch, (Shape{12}));
  }
  {
    SCOPED_TRACE("obstacle");
    auto obstacle = load_model(input, "obstacle");
    check_input_and_parameter_derivatives(*obstacle, {{"dislocation_density", random_tensor({4}, {12}, 0.5, 20.0, 5)}});
  }
  {
    SCOPED_TRACE("forest_integration");
    // The densities, their history and the backward-Euler residual take the crystal's 12 systems
    // from the slip rule's strengths.
    auto chain = load_model(input, "forest_integration");
    EXPECT_EQ(chain->find_input("dislocation_density~1")->sub_batch, (Shape{12}));
    EXPECT_EQ(chain->find_output("dislocation_density_residual")->sub_batch, (Shape{12}));
    auto in = random_inputs(*chain, {3},
                            {{"cauchy_stress", {-80.0, 80.0}},
                             {"orientation", {-0.6, 0.6}},
                             {"dislocation_density", {1.0, 30.0}},
                             {"dislocation_density~1", {1.0, 30.0}},
                             {"t", {1.0, 2.0}},
                             {"t~1", {0.0, 0.5}}});
    check_input_and_parameter_derivatives(*chain, in);
  }
  for (const auto * name : {"elastic_rate", "spin", "voce", "linear"})
  {
    SCOPED_TRACE(name);
    auto m = load_model(input, name);
    check_input_and_parameter_derivatives(*m, random_inputs(*m, {4}, {{"slip_hardening", {0.0, 40.0}}}));
  }
  {
    SCOPED_TRACE("fix");
    auto fix = load_model(input, "fix");
    // Both branches: |r|^2 below and above 1.
    check_derivatives(*fix, {{"orientation", values({3}, {0.3, -0.2, 0.4})}});
    check_derivatives(*fix, {{"orientation", values({3}, {0.9, -0.5, 0.4})}});
  }
}

TEST(CrystalPlasticity, SubBatchBookkeeping)
{
  auto chain = load_model(input, "chain");
  // The slip systems come from the crystal through ResolvedShear and SingleSlipStrengthMap; the
  // slip rule and the sums take them from there.
  EXPECT_EQ(chain->find_output("slip_rates")->sub_batch, (Shape{12}));
  EXPECT_EQ(chain->find_output("resolved_shears")->shape(), (Shape{12}));
  EXPECT_TRUE(chain->find_output("sum_slip_rates")->sub_batch.empty());
  // The element-wise models take the sub-batch of the model that provides their operands.
  auto forest_chain = load_model(input, "forest_chain");
  EXPECT_EQ(forest_chain->find_input("dislocation_density")->sub_batch, (Shape{12}));
  EXPECT_FALSE(forest_chain->find_input("dislocation_density")->sub_batch_pending);
  // A per-system input of the wrong size is refused with the sizes named.
  auto forest = load_model(input, "forest");
  EXPECT_TRUE(throws_with<ValueError>(
      [&] {
        forest->value({{"dislocation_density", random_tensor({2}, {12}, 1.0, 2.0, 1)},
                       {"slip_rates", random_tensor({2}, {8}, -1.0, 1.0, 2)}});
      },
      "input 'slip_rates' of model 'forest' must be a Scalar with base shape (12,)"));
}

TEST(CrystalPlasticity, GrainsMapASingleCrystalModel)
{
  // Three grains in front of the chain's variables: given a sub-batch (3) orientation, every model
  // runs once per grain; the stress and hardening, given without it, are shared by the grains.
  auto grains = load_model(input, "chain");
  grains->resolve_sub_batch("orientation", {3});
  EXPECT_EQ(grains->find_output("resolved_shears")->sub_batch, (Shape{3, 12}));
  EXPECT_EQ(grains->find_output("slip_rates")->sub_batch, (Shape{3, 12}));
  EXPECT_EQ(grains->find_output("sum_slip_rates")->sub_batch, (Shape{3}));
  EXPECT_EQ(grains->find_output("plastic_deformation_rate")->sub_batch, (Shape{3}));
  EXPECT_EQ(grains->find_input("cauchy_stress")->sub_batch, Shape{});
  auto in = random_inputs(
      *grains, {2},
      {{"cauchy_stress", {-120.0, 120.0}}, {"slip_hardening", {0.0, 30.0}}, {"orientation", {-0.6, 0.6}}});
  const auto out = grains->value(in);

  // Each grain's slice is what the single crystal computes for that grain's orientation, bit for bit.
  auto single = load_model(input, "chain");
  for (std::int64_t g = 0; g < 3; ++g)
  {
    auto one = in;
    one["orientation"] = Tensor::zeros({2}, {3});
    for (std::int64_t b = 0; b < 2; ++b)
      for (std::int64_t c = 0; c < 3; ++c)
        one["orientation"].set(b * 3 + c, in.at("orientation").at((b * 3 + g) * 3 + c));
    const auto expected = single->value(one);
    for (const auto & [name, t] : expected)
    {
      const auto per = t.numel() / 2;
      for (std::int64_t b = 0; b < 2; ++b)
        for (std::int64_t k = 0; k < per; ++k)
          ASSERT_EQ(out.at(name).at((b * 3 + g) * per + k), t.at(b * per + k)) << name << " grain " << g;
    }
  }
  // Per-grain derivatives, the shared inputs' included, against finite differences.
  check_input_and_parameter_derivatives(*grains, in);

  // A second, different grain axis is refused with both named.
  EXPECT_TRUE(throws_with<ValueError>([&] { grains->resolve_sub_batch("cauchy_stress", {4}); },
                                      "would run the model over sub-batch (4,), but it already runs over (3,)"));
  // So is a size that is not the model's own with axes in front.
  auto chain = load_model(input, "chain");
  EXPECT_TRUE(throws_with<ValueError>(
      [&] {
        chain->resolve_sub_batch("resolved_shears", {3, 8});
      },
      "has one value per point of sub-batch (12,), but is given (3, 8)"));
}

TEST(CrystalPlasticity, TaylorPolycrystalTangentPerGrainMatchesDifferences)
{
  // Two grains of a Taylor polycrystal under mixed control (taylor.i): one implicit step solves
  // every grain's elastic strain, hardening and orientation with the shared deformation rate.
  // The grains declared in [Settings], as neml2-compile without a driver needs them.
  std::stringstream text;
  text << std::ifstream(data("crystal_plasticity/taylor.i")).rdbuf()
       << "[Settings]\n  [example_batch_shape]\n    orientation = '(1; 2)'\n  []\n[]\n";
  const auto path = scratch_path("taylor_declared.i");
  std::ofstream(path) << text.str();
  auto m = load_model(path, "model");
  for (const auto * name : {"elastic_strain", "slip_hardening", "orientation"})
    EXPECT_EQ(m->find_output(name)->sub_batch, (Shape{2})) << name;
  ASSERT_TRUE(m->find_output("mixed_state"));
  EXPECT_EQ(m->find_output("mixed_state")->sub_batch, Shape{});
  const double s2 = std::sqrt(2.0);
  ValueMap in = {
      {"t", values({}, {1.5})},
      {"t~1", values({}, {1.0})},
      {"control", values({6}, {1, 0, 0, 0, 0, 0})},
      {"prescribed", values({6}, {2e-3, 0, 0, 0, 0, 0})},
      {"vorticity", values({3}, {0, 0, 2e-4})},
      {"orientation~1", values({2, 3}, {0.12, -0.31, 0.05, -0.4, 0.1, 0.22})},
      {"elastic_strain~1", values({2, 6}, {4e-4, -1e-4, -2e-4, s2 * 1e-5, 0, 0, 3e-4, -2e-4, -1e-4, 0, s2 * 2e-5, 0})},
      {"slip_hardening~1", values({2}, {10.0, 12.0})},
      {"deformation_rate~1", values({6}, {2e-3, -1e-3, -1e-3, 0, 0, 0})},
      {"target_cauchy_stress~1", values({6}, {50, 0, 0, 0, 0, 0})}};
  for (const auto & v : m->input_spec())
    ASSERT_TRUE(in.count(v.name)) << "the test gives no value to input " << v.name;
  const auto out = m->value(in);
  // The grains differ; the mixed state is the prescribed strain rate along x and the mean
  // stress, zero, elsewhere.
  EXPECT_NE(out.at("slip_hardening").at(0), out.at("slip_hardening").at(1));
  EXPECT_NEAR(out.at("mixed_state").at(0), 2e-3, 1e-12);
  for (std::int64_t k = 1; k < 6; ++k)
    EXPECT_NEAR(out.at("mixed_state").at(k), 0.0, 1e-8) << k;
  FdTolerance tol;
  tol.rtol = 1e-5;
  // jvp and J v solve the 30-unknown system separately; its condition number (stiffness 1e5
  // against rates 1e-3) leaves them ~1e-11 apart relative to sum |J_ij v_j|, past the default 1e-12.
  tol.jvp_rtol = 1e-9;
  check_derivatives(*m, in, tol);
}

TEST(CrystalPlasticity, CoordinateDescentSolvesTheCondensedSlipSystem)
{
  // phi(g) + A g = b over three slip systems, phi the inverse of the power law
  // g = gamma0 |tau / s|^n sign(tau): the predicted rates satisfy every row.
  auto m = load_model(data("crystal_plasticity/descent.i"), "descent");
  const std::vector<double> A = {200, 50, 20, 50, 300, 40, 20, 40, 250}, b = {80, -60, 30};
  const ValueMap in = {{"coupling", values({3, 3}, A)},
                       {"resolved_shears_trial", values({3}, b)},
                       {"slip_strengths", values({3}, {50, 60, 55})}};
  const auto g = m->value(in).at("slip_rates");
  ASSERT_EQ(g.base_shape(), (Shape{3}));
  const double strengths[] = {50, 60, 55};
  for (int i = 0; i < 3; ++i)
  {
    const double gi = g.at(i);
    double row = std::copysign(strengths[i] * std::pow(std::abs(gi) / 1e-3, 1.0 / 5), gi);
    for (int j = 0; j < 3; ++j)
      row += A[static_cast<std::size_t>(3 * i + j)] * g.at(j);
    EXPECT_NEAR(row, b[static_cast<std::size_t>(i)], 1e-9 * 80) << "row " << i;
    EXPECT_NE(gi, 0.0);
  }
  // A strength shared by every system is read whole; with no coupling each rate is the power law's
  // at the trial shear.
  auto shared = load_model(data("crystal_plasticity/descent.i"), "descent");
  const auto free = shared->value({{"coupling", values({3, 3}, std::vector<double>(9, 0.0))},
                                   {"resolved_shears_trial", values({3}, b)},
                                   {"slip_strengths", values({}, {50})}});
  for (int i = 0; i < 3; ++i)
  {
    const double bi = b[static_cast<std::size_t>(i)];
    EXPECT_NEAR(free.at("slip_rates").at(i), std::copysign(1e-3 * std::pow(std::abs(bi) / 50, 5), bi),
                1e-12 * std::abs(1e-3 * std::pow(bi / 50, 5)))
        << i;
  }
  // A coupling that is not m x m is refused with the sizes.
  auto bad = load_model(data("crystal_plasticity/descent.i"), "descent");
  EXPECT_TRUE(throws_with<ValueError>(
      [&] {
        bad->value({{"coupling", values({3}, {1, 2, 3})},
                    {"resolved_shears_trial", values({3}, b)},
                    {"slip_strengths", values({3}, {50, 60, 55})}});
      },
      "the trial driving force 'resolved_shears_trial' has 3 coordinate(s), so the coupling 'coupling' needs 3 x 3 "
      "values per point, but it has 3"));
}

TEST(CrystalPlasticity, SlipSystemCouplingAgainstTheIsotropicClosedForm)
{
  // For an isotropic stiffness and traceless Schmid tensors M_i = sym(d_i n_i),
  // M_i : C : M_j = 2 mu M_i : M_j = mu ((d_i.d_j)(n_i.n_j) + (d_i.n_j)(n_i.d_j)).
  auto m = load_model(input, "interaction");
  EXPECT_EQ(m->find_output("coupling")->sub_batch, (Shape{12, 12}));
  const double mu = 4e4, dt = 0.3;
  const auto s = fcc();
  const auto out =
      m->value(
           {{"orientation", values({3}, {0.2, -0.1, 0.3})}, {"t", values({}, {1.0 + dt})}, {"t~1", values({}, {1.0})}})
          .at("coupling");
  ASSERT_EQ(out.base_shape(), (Shape{12, 12}));
  auto dotp = [](const auto & a, const auto & b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; };
  for (std::size_t i = 0; i < 12; ++i)
    for (std::size_t j = 0; j < 12; ++j)
    {
      const auto &di = s.directions[i], &ni = s.normals[i], &dj = s.directions[j], &nj = s.normals[j];
      const double expected = dt * mu * (dotp(di, dj) * dotp(ni, nj) + dotp(di, nj) * dotp(ni, dj));
      EXPECT_NEAR(out.at(static_cast<std::int64_t>(i * 12 + j)), expected, 1e-9) << i << "," << j;
    }
  // Its derivatives (time and the stiffness, a parameter) against finite differences.
  check_input_and_parameter_derivatives(*m, random_inputs(*m, {3}, {{"t", {1.0, 2.0}}, {"t~1", {0.0, 0.5}}}));
}

TEST(CrystalPlasticity, DeclaredSubBatch)
{
  const auto argument_shape = [](const Model & m, const std::string & name) {
    const auto g = m.forward_graph();
    for (const auto & a : g.arguments())
      if (a.name == name)
        return a.base_shape;
    return Shape{-1};
  };
  // Nothing sizes an integrator on its own: it is staged for one value per point, as NEML2 traces
  // a model without a declared intermediate shape.
  auto alone = load_model(input, "integrate_rho");
  EXPECT_TRUE(alone->find_input("dislocation_density")->sub_batch_pending);
  EXPECT_EQ(argument_shape(*alone, "dislocation_density"), Shape{});
  // [Settings] example_batch_shape declares it, for the variable and its history alike.
  const auto declaring = [](const std::string & shape, const std::string & variable = "dislocation_density") {
    std::ifstream in(input);
    std::stringstream text;
    text << in.rdbuf() << "[Settings]\n  [example_batch_shape]\n    " << variable << " = '" << shape << "'\n  []\n[]\n";
    const auto path = scratch_path("declared.i");
    std::ofstream(path) << text.str();
    return path;
  };
  auto declared = load_model(declaring("(2; 12)"), "integrate_rho");
  for (const auto * name : {"dislocation_density", "dislocation_density~1", "dislocation_density_rate"})
    EXPECT_EQ(argument_shape(*declared, name), (Shape{12})) << name;
  EXPECT_EQ(declared->find_output("dislocation_density_residual")->sub_batch, (Shape{12}));
  // The single-field form sizes every input still open.
  {
    std::ifstream in(input);
    std::stringstream text;
    text << in.rdbuf() << "[Settings]\n  example_batch_shape = '(2; 12)'\n[]\n";
    const auto path = scratch_path("declared_all.i");
    std::ofstream(path) << text.str();
    auto all = load_model(path, "integrate_rho");
    for (const auto * name : {"dislocation_density", "dislocation_density~1", "dislocation_density_rate"})
      EXPECT_EQ(argument_shape(*all, name), (Shape{12})) << name;
    EXPECT_EQ(argument_shape(*all, "t"), Shape{}); // the time is not element-wise
  }
  // A declaration that contradicts the crystal is refused where it is written.
  EXPECT_TRUE(throws_with<InputError>(
      [&] { load_model(declaring("(2; 8)"), "forest_chain"); },
      "has one value per point of sub-batch (8,) in model 'obstacle', but (12,) in model 'slip_rule' ([Settings] "
      "example_batch_shape declares dislocation_density '(2; 8)' at "));
  // ... and where the model itself fixes it, the declaration is named where it is written.
  EXPECT_TRUE(throws_with<InputError>(
      [&] { load_model(declaring("(2; 8)", "resolved_shears"), "resolved"); },
      "declared.i:174:23: [Settings] example_batch_shape '(2; 8)' gives 'resolved_shears' the sub-batch (8,), but "
      "model 'resolved' ("));
  EXPECT_TRUE(
      throws_with<InputError>([&] { load_model(declaring("(2; x)"), "integrate_rho"); }, "'x' is not a positive size"));
}

namespace
{
/// Euler-Rodrigues: the rotation matrix of modified Rodrigues parameters r (r = n tan(theta/4)).
std::array<double, 9>
mrp_matrix(const std::vector<double> & r)
{
  const double rr = r[0] * r[0] + r[1] * r[1] + r[2] * r[2];
  const std::array<double, 9> W{0, -r[2], r[1], r[2], 0, -r[0], -r[1], r[0], 0};
  const auto W2 = mul(W, W);
  std::array<double, 9> R{};
  for (int k = 0; k < 9; ++k)
    R[k] = (k % 4 == 0 ? 1.0 : 0.0) + (4 * (1 - rr) * W[k] + 8 * W2[k]) / ((1 + rr) * (1 + rr));
  return R;
}

std::array<double, 9>
transpose(const std::array<double, 9> & a)
{
  return {a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8]};
}

/// The MRP of the product R(a) R(b) (Shuster's composition formula).
std::vector<double>
compose(const std::vector<double> & a, const std::vector<double> & b)
{
  const double aa = a[0] * a[0] + a[1] * a[1] + a[2] * a[2], bb = b[0] * b[0] + b[1] * b[1] + b[2] * b[2];
  const double ab = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  const std::vector<double> bxa = {b[1] * a[2] - b[2] * a[1], b[2] * a[0] - b[0] * a[2], b[0] * a[1] - b[1] * a[0]};
  std::vector<double> c(3);
  for (int k = 0; k < 3; ++k)
    c[k] = ((1 - bb) * a[k] + (1 - aa) * b[k] - 2 * bxa[k]) / (1 + aa * bb - 2 * ab);
  return c;
}
} // namespace

TEST(CrystalPlasticity, ImplicitSingleCrystalStepIsObjectiveAndItsTangentMatchesDifferences)
{
  auto m = load_model(example("crystal_plasticity/single_crystal.i"), "model");
  const double s2 = std::sqrt(2.0);
  const std::vector<double> d = {-0.05, 0.1, -0.05, s2 * 0.01, 0, -s2 * 0.01}, w = {0.05, -0.02, 0.1};
  const std::vector<double> e_n = {1e-4, 3e-4, -2e-4, s2 * 1e-4, -s2 * 5e-5, 0}, r_n = {0.1, -0.2, 0.05};
  auto inputs = [&](const std::vector<double> & dd, const std::vector<double> & ww, const std::vector<double> & ee,
                    const std::vector<double> & rr) {
    return ValueMap{{"t", values({}, {0.3})},
                    {"t~1", values({}, {0.2})},
                    {"deformation_rate", values({6}, dd)},
                    {"vorticity", values({3}, ww)},
                    {"elastic_strain~1", values({6}, ee)},
                    {"slip_hardening~1", values({}, {5.0})},
                    {"orientation~1", values({3}, rr)}};
  };
  const auto in = inputs(d, w, e_n, r_n);
  const auto out = m->value(in);

  // The same step seen from a sample frame turned by Q (40 degrees about (1, 2, 2)/3): tensors
  // turn as Q a Q^T, the spin's axial vector as Q w, the orientation as Q R; the hardening is a
  // scalar and stays.
  const double theta = 40.0 * M_PI / 180.0, t4 = std::tan(theta / 4);
  const std::vector<double> q = {t4 / 3, 2 * t4 / 3, 2 * t4 / 3};
  const auto Q = mrp_matrix(q), Qt = transpose(Q);
  auto turn = [&](const std::vector<double> & m6) { return mandel(mul(Q, mul(full(m6), Qt))); };
  const std::vector<double> Qw = {Q[0] * w[0] + Q[1] * w[1] + Q[2] * w[2], Q[3] * w[0] + Q[4] * w[1] + Q[5] * w[2],
                                  Q[6] * w[0] + Q[7] * w[1] + Q[8] * w[2]};
  const auto turned = m->value(inputs(turn(d), Qw, turn(e_n), compose(q, r_n)));
  auto vec = [](const Tensor & t) {
    std::vector<double> v(static_cast<std::size_t>(t.numel()));
    for (std::size_t k = 0; k < v.size(); ++k)
      v[k] = t.at(static_cast<std::int64_t>(k));
    return v;
  };
  EXPECT_NEAR(turned.at("slip_hardening").at(0), out.at("slip_hardening").at(0), 1e-9);
  EXPECT_GT(out.at("slip_hardening").at(0), 5.0) << "the step should slip and harden";
  for (const auto * name : {"cauchy_stress", "elastic_strain"})
  {
    const auto expected = turn(vec(out.at(name)));
    const auto got = vec(turned.at(name));
    const double scale = std::abs(expected[0]) + std::abs(expected[1]) + std::abs(expected[2]);
    for (std::size_t k = 0; k < 6; ++k)
      EXPECT_NEAR(got[k], expected[k], 1e-9 * scale) << name << " " << k;
  }
  const auto R = mul(Q, mrp_matrix(vec(out.at("orientation"))));
  const auto R_turned = mrp_matrix(vec(turned.at("orientation")));
  for (int k = 0; k < 9; ++k)
    EXPECT_NEAR(R_turned[k], R[k], 1e-10) << "orientation matrix " << k;

  // The consistent tangent of the implicit update against central differences.
  FdTolerance tol;
  tol.rtol = 1e-5;
  check_derivatives(*m, in, tol);
}

TEST(CrystalPlasticity, DecoupledExampleConvergesToTheCoupledOneAtFirstOrder)
{
  // single_crystal_decoupled.i splits each step of single_crystal.i's update (strain and hardening
  // at the old orientation, then the orientation): a first-order splitting error, so the two
  // examples' final stresses (eight orientations) approach each other in proportion to the step.
  const auto final_stress = [](const std::string & file, int nstep) {
    const auto n = std::to_string(nstep);
    auto d = std::dynamic_pointer_cast<TransientDriver>(
        load_driver(example("crystal_plasticity/" + file), "driver",
                    {"Drivers/driver/save_as=''", "Drivers/driver/show_progress=false", "Tensors/times/nstep=" + n,
                     "Tensors/deformation_rate/nstep=" + n, "Tensors/vorticity/nstep=" + n}));
    EXPECT_NE(d, nullptr);
    d->run();
    return d->results().back().at("cauchy_stress");
  };
  std::vector<double> gaps;
  for (const int nstep : {41, 81, 161})
  {
    const auto coupled = final_stress("single_crystal.i", nstep);
    const auto decoupled = final_stress("single_crystal_decoupled.i", nstep);
    ASSERT_EQ(coupled.numel(), decoupled.numel());
    double gap = 0, scale = 0;
    for (std::int64_t k = 0; k < coupled.numel(); ++k)
    {
      gap = std::max(gap, std::abs(coupled.at(k) - decoupled.at(k)));
      scale = std::max(scale, std::abs(coupled.at(k)));
    }
    EXPECT_GT(scale, 50.0) << "the crystals should be stressed past the slip strength";
    gaps.push_back(gap);
  }
  EXPECT_GT(gaps[0], 0.0);
  // Halving the step halves the gap (first order): ratios near 1/2, not 1 (no convergence) and
  // not 1/4 (a second-order error would mean the two are the same method).
  for (std::size_t k = 1; k < gaps.size(); ++k)
  {
    const double ratio = gaps[k] / gaps[k - 1];
    EXPECT_GT(ratio, 0.35) << "gaps " << gaps[0] << " " << gaps[1] << " " << gaps[2];
    EXPECT_LT(ratio, 0.65) << "gaps " << gaps[0] << " " << gaps[1] << " " << gaps[2];
  }
}

TEST(CrystalPlasticity, Float32AgreesWithFloat64)
{
  auto chain = load_model(input, "chain");
  const auto in64 = random_inputs(
      *chain, {64},
      {{"cauchy_stress", {-120.0, 120.0}}, {"slip_hardening", {0.0, 30.0}}, {"orientation", {-0.6, 0.6}}});
  // float32 rounding, amplified by the power law's n = 5.1.
  expect_float32_agrees(*chain, in64, 1e-5);
}

TEST(CrystalPlasticity, ImplicitSingleCrystalStepInFloat32)
{
  // One implicit step of the coupled single crystal (Newton on elastic strain, hardening and
  // orientation) in float32 against float64.
  auto m = load_model(example("crystal_plasticity/single_crystal.i"), "model");
  const double s2 = std::sqrt(2.0);
  const ValueMap in64 = {{"t", values({}, {0.3})},
                         {"t~1", values({}, {0.2})},
                         {"deformation_rate", values({6}, {-0.05, 0.1, -0.05, s2 * 0.01, 0, -s2 * 0.01})},
                         {"vorticity", values({3}, {0.05, -0.02, 0.1})},
                         {"elastic_strain~1", values({6}, {1e-4, 3e-4, -2e-4, s2 * 1e-4, -s2 * 5e-5, 0})},
                         {"slip_hardening~1", values({}, {5.0})},
                         {"orientation~1", values({3}, {0.1, -0.2, 0.05})}};
  // Measured 7e-7: float32 rounding through the solve.
  const auto out64 = expect_float32_agrees(*m, in64, 1e-5);
  EXPECT_GT(out64.at("slip_hardening").at(0), 5.0) << "the step should slip and harden";
}

TEST(CrystalPlasticity, CompiledFloat32EqualsEagerFloat32)
{
  // The explicit chain (resolved shear, slip rule, sum, hardening, plastic rates), compiled in
  // float32 as points and as lanes: values and every Jacobian block equal the eager float32
  // interpreter bit for bit, as float64 does in the compiled catalog.
  auto eager = load_model(input, "chain");
  ValueMap in32;
  for (const auto & [name, t] : random_inputs(
           *eager, {13},
           {{"cauchy_stress", {-120.0, 120.0}}, {"slip_hardening", {0.0, 30.0}}, {"orientation", {-0.6, 0.6}}}, 23))
    in32[name] = t.to(Dtype::Float32);
  std::vector<std::string> derivatives;
  for (const auto & o : eager->output_spec())
    derivatives.push_back(o.name + ":");
  const auto [ev, eJ] = eager->jacobian(in32);
  for (const auto backend : {Backend::CompiledPoints, Backend::CompiledLanes})
  {
    SCOPED_TRACE(backend_name(backend));
    TempDir dir;
    auto compiled = model_on({backend, Dtype::Float32}, input, "chain", derivatives, dir);
    const auto [cv, cJ] = compiled->jacobian(in32);
    for (const auto & [name, value] : ev)
    {
      EXPECT_EQ(cv.at(name).dtype(), Dtype::Float32) << name;
      EXPECT_TRUE(bitwise_equal(cv.at(name), value)) << name;
    }
    for (const auto & [out, row] : eJ)
      for (const auto & [wrt, block] : row)
        EXPECT_TRUE(bitwise_equal(cJ.at(out).at(wrt), block)) << "d" << out << "/d" << wrt;
  }
}

TEST(CrystalPlasticity, CompiledImplicitSingleCrystalStepInFloat32)
{
  // The coupled single crystal's implicit step compiled in float32 (points): its state and
  // consistent tangent agree with the eager float32 solve to solver tolerance and with float64
  // to float32 rounding through the solve, at 4 points of different spins.
  const auto file = example("crystal_plasticity/single_crystal.i");
  auto eager = load_model(file, "model");
  const double s2 = std::sqrt(2.0);
  const std::int64_t n = 4;
  auto repeat = [&](const Shape & base, const std::vector<double> & v) {
    std::vector<double> all;
    for (std::int64_t i = 0; i < n; ++i)
      all.insert(all.end(), v.begin(), v.end());
    return Tensor::from_values({n}, base, all);
  };
  ValueMap in64 = {
      {"t", repeat({}, {0.3})},
      {"t~1", repeat({}, {0.2})},
      {"deformation_rate", repeat({6}, {-0.05, 0.1, -0.05, s2 * 0.01, 0, -s2 * 0.01})},
      {"vorticity",
       Tensor::from_values({n}, {3},
                           std::vector<double>{0.05, -0.02, 0.1, 0.0, 0.0, 0.0, -0.1, 0.04, 0.0, 0.02, 0.02, -0.02})},
      {"elastic_strain~1", repeat({6}, {1e-4, 3e-4, -2e-4, s2 * 1e-4, -s2 * 5e-5, 0})},
      {"slip_hardening~1", repeat({}, {5.0})},
      {"orientation~1",
       Tensor::from_values({n}, {3},
                           std::vector<double>{0.1, -0.2, 0.05, 0.0, 0.0, 0.0, -0.3, 0.1, 0.2, 0.05, 0.05, -0.1})}};
  ValueMap in32;
  for (const auto & [name, t] : in64)
    in32[name] = t.to(Dtype::Float32);

  TempDir dir;
  auto compiled =
      model_on({Backend::CompiledPoints, Dtype::Float32}, file, "model", {"elastic_strain:deformation_rate"}, dir);
  const auto [cv, cJ] = compiled->jacobian(in32);
  const auto [ev, eJ] = eager->jacobian(in32);
  const auto [v64, J64] = eager->jacobian(in64);
  for (const auto & [name, value] : ev)
  {
    const auto & got = cv.at(name);
    EXPECT_EQ(got.dtype(), Dtype::Float32) << name;
    // Both float32 solves stop at the same tolerance but may take different rounding paths.
    EXPECT_LE(max_rel_error(got, value), 1e-5) << name;
    EXPECT_LE(max_rel_error(got, v64.at(name)), 1e-5) << name;
  }
  const auto & tangent = cJ.at("elastic_strain").at("deformation_rate");
  EXPECT_EQ(tangent.dtype(), Dtype::Float32);
  EXPECT_LE(max_rel_error(tangent, J64.at("elastic_strain").at("deformation_rate")), 1e-4);
  EXPECT_GT(v64.at("slip_hardening").at(0), 5.0) << "the step should slip and harden";
}

TEST(CrystalPlasticity, PerSystemStrengthAndForestAgainstHandValues)
{
  const std::vector<double> rho = {4.0, 9.0, 16.0}, gamma = {-2e-3, 1e-3, 0.0};
  auto strength =
      load_model(input, "obstacle")->value({{"dislocation_density", values({3}, rho)}}).at("slip_strengths");
  auto rate = load_model(input, "forest")
                  ->value({{"dislocation_density", values({3}, rho)}, {"slip_rates", values({3}, gamma)}})
                  .at("dislocation_density_rate");
  ASSERT_EQ(strength.base_shape(), (Shape{3}));
  for (std::size_t i = 0; i < 3; ++i)
  {
    // tau_i = 20 + 0.3 * 80e3 * 2.5e-4 * sqrt(rho_i); rho_i rate = (100 sqrt(rho_i) - 40 rho_i) |gamma_i|.
    const auto k = static_cast<std::int64_t>(i);
    EXPECT_NEAR(strength.at(k), 20 + 0.3 * 80e3 * 2.5e-4 * std::sqrt(rho[i]), 1e-12);
    EXPECT_NEAR(rate.at(k), (100 * std::sqrt(rho[i]) - 40 * rho[i]) * std::abs(gamma[i]), 1e-15);
  }
}

TEST(CrystalPlasticity, BadInputIsLocated)
{
  const auto file = data("crystal_plasticity/errors.i");
  auto located = [&](const std::string & model, int line, const std::string & message) {
    return throws_with<InputError>([&] { load_model(file, model); }, fmt::format("errors.i:{}:", line)) &&
           throws_with<InputError>([&] { load_model(file, model); }, message);
  };
  EXPECT_TRUE(located("no_crystal", 5, "no [Data/fcc]"));
  EXPECT_TRUE(located("same_rates", 10, "resolved_shears and slip_strengths must be different variables"));
  EXPECT_TRUE(located("rate_is_input", 18, "the output 'gamma' is also an input of this model"));
  EXPECT_TRUE(located("bad_threshold", 26, "the threshold must be positive, got -1"));
  EXPECT_TRUE(
      located("same_kinematics", 31, "elastic_strain and deformation_rate must be different variables (both are 'e')"));
}

// LinearIsotropicElasticity: every pair of elastic constants, compliance, rate form, and
// coefficients given as [Tensors] names or as variables.
#include <cmath>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "fd_check.h"
#include "neml2/base/registry.h"
#include "test_paths.h"

using namespace neml2;
using test::near_rel;

namespace
{
const double E = 200e3, nu = 0.3;
const double K = E / (3 * (1 - 2 * nu)), G = E / (2 * (1 + nu)), lam = E * nu / ((1 + nu) * (1 - 2 * nu));
const std::vector<std::pair<std::string, double>> constants = {
    {"YOUNGS_MODULUS", E}, {"POISSONS_RATIO", nu}, {"BULK_MODULUS", K}, {"SHEAR_MODULUS", G}, {"LAME_LAMBDA", lam}};
const std::map<std::string, test::Range> small_strain = {
    {"strain", {-0.01, 0.01}}, {"strain_rate", {-0.01, 0.01}}, {"stress", {-500, 500}}};

/// Writes `text` to a file of its own under the build tree (named after the running test and a
/// counter, so tests run in parallel processes never share one) and returns its path.
std::string
write_input(const std::string & text)
{
  static int count = 0;
  const auto dir = std::filesystem::path(neml2::test::binary_dir()) / "tests" / "tmp_models";
  std::filesystem::create_directories(dir);
  const auto * info = ::testing::UnitTest::GetInstance()->current_test_info();
  const auto path = (dir / fmt::format("{}.{}.{}.i", info->test_suite_name(), info->name(), count++)).string();
  std::ofstream(path) << text;
  return path;
}

std::shared_ptr<Model>
elasticity(const std::string & coefs, const std::string & types, const std::string & extra = "",
           const std::string & prelude = "")
{
  const auto text = fmt::format("{}[Models]\n  [el]\n    type = LinearIsotropicElasticity\n    coefficients = '{}'\n"
                                "    coefficient_types = '{}'\n{}  []\n[]\n",
                                prelude, coefs, types, extra);
  return load_model(write_input(text), "el");
}

/// σ = λ tr(ε) I + 2 μ ε, Mandel shear components scaling the same way.
std::vector<double>
closed_form(const Tensor & strain, std::int64_t point)
{
  std::vector<double> s(6);
  const double tr = strain.at(6 * point) + strain.at(6 * point + 1) + strain.at(6 * point + 2);
  for (int i = 0; i < 6; ++i)
    s[static_cast<std::size_t>(i)] = 2 * G * strain.at(6 * point + i) + (i < 3 ? lam * tr : 0.0);
  return s;
}

void
expect_stress(const Tensor & stress, const Tensor & strain, const std::string & what)
{
  for (std::int64_t p = 0; p < strain.batch_numel(); ++p)
  {
    auto ref = closed_form(strain, p);
    const double scale = std::max({std::abs(ref[0]), std::abs(ref[1]), std::abs(ref[2])});
    for (int i = 0; i < 6; ++i)
      EXPECT_LE(std::abs(stress.at(6 * p + i) - ref[static_cast<std::size_t>(i)]), 1e-12 * scale)
          << what << " point " << p << " component " << i;
  }
}
} // namespace

TEST(ElasticityModels, AllTenCoefficientPairsGiveTheSameStress)
{
  auto strain = test::random_tensor({4}, {6}, -0.01, 0.01, 3);
  int pairs = 0;
  for (std::size_t i = 0; i < constants.size(); ++i)
    for (std::size_t j = 0; j < constants.size(); ++j)
    {
      if (i == j)
        continue;
      const auto & [ti, ci] = constants[i];
      const auto & [tj, cj] = constants[j];
      auto m = elasticity(fmt::format("{:.17g} {:.17g}", ci, cj), ti + " " + tj);
      expect_stress(m->value({{"strain", strain}}).at("stress"), strain, ti + ", " + tj);
      pairs += i < j;
    }
  EXPECT_EQ(pairs, 10);
}

TEST(ElasticityModels, ComplianceInvertsTheStiffness)
{
  auto stiff = elasticity("200e3 0.3", "YOUNGS_MODULUS POISSONS_RATIO");
  auto comp = elasticity("200e3 0.3", "YOUNGS_MODULUS POISSONS_RATIO", "    compliance = true\n");
  ASSERT_NE(comp->find_input("stress"), nullptr);
  ASSERT_NE(comp->find_output("strain"), nullptr);
  auto strain = test::random_tensor({5}, {6}, -0.01, 0.01, 4);
  auto stress = stiff->value({{"strain", strain}}).at("stress");
  auto [back, Jc] = comp->jacobian({{"stress", stress}});
  for (std::int64_t k = 0; k < strain.numel(); ++k)
    EXPECT_NEAR(back.at("strain").at(k), strain.at(k), 1e-12 * 0.01);
  // C^-1 C = I
  auto Js = stiff->jacobian({{"strain", strain}}).second.at("stress").at("strain");
  const auto & Ji = Jc.at("strain").at("stress");
  for (int i = 0; i < 6; ++i)
    for (int j = 0; j < 6; ++j)
    {
      double s = 0;
      for (int k = 0; k < 6; ++k)
        s += Ji.at(i * 6 + k) * Js.at(k * 6 + j);
      EXPECT_NEAR(s, i == j ? 1.0 : 0.0, 1e-12);
    }
  test::check_derivatives(*comp, test::random_inputs(*comp, {3}, small_strain));
}

TEST(ElasticityModels, RateFormRenamesTheVariables)
{
  auto m = elasticity("200e3 0.3", "YOUNGS_MODULUS POISSONS_RATIO", "    rate_form = true\n");
  ASSERT_NE(m->find_input("strain_rate"), nullptr);
  ASSERT_NE(m->find_output("stress_rate"), nullptr);
  EXPECT_EQ(m->input_spec().size(), 1u);
  auto rate = test::random_tensor({3}, {6}, -0.01, 0.01, 5);
  expect_stress(m->value({{"strain_rate", rate}}).at("stress_rate"), rate, "rate form");
  auto c = elasticity("200e3 0.3", "YOUNGS_MODULUS POISSONS_RATIO",
                      "    rate_form = true\n    compliance = true\n    strain = 'e'\n    stress = 's'\n");
  ASSERT_NE(c->find_input("s_rate"), nullptr);
  ASSERT_NE(c->find_output("e_rate"), nullptr);
}

TEST(ElasticityModels, CoefficientAsVariableBecomesAnInput)
{
  auto m = elasticity("youngs 0.3", "YOUNGS_MODULUS POISSONS_RATIO");
  ASSERT_NE(m->find_input("youngs"), nullptr);
  EXPECT_EQ(m->named_parameters().size(), 1u); // nu only
  auto strain = test::random_tensor({4}, {6}, -0.01, 0.01, 6);
  auto [out, J] = m->jacobian({{"strain", strain}, {"youngs", Tensor::full({}, {}, E)}});
  expect_stress(out.at("stress"), strain, "E as a variable");
  // σ is linear in E: dσ/dE = σ / E
  for (std::int64_t k = 0; k < 24; ++k)
    EXPECT_TRUE(near_rel(J.at("stress").at("youngs").at(k), out.at("stress").at(k) / E, 1e-12)) << k;
  auto ranges = small_strain;
  ranges["youngs"] = {1e5, 3e5};
  test::check_derivatives(*m, test::random_inputs(*m, {4}, ranges));
  test::check_pointwise(*m, test::random_inputs(*m, {3, 5}, ranges, 2, {{"youngs", {5}}}), {3, 5});
}

TEST(ElasticityModels, CoefficientAsTensorsName)
{
  if (!Registry::find(ObjectKind::Tensor, "FullScalar"))
    GTEST_SKIP() << "no [Tensors] generator FullScalar is registered yet";
  auto m = elasticity("youngs 0.3", "YOUNGS_MODULUS POISSONS_RATIO", "",
                      "[Tensors]\n  [youngs]\n    type = FullScalar\n    value = 200e3\n  []\n[]\n");
  EXPECT_EQ(m->find_input("youngs"), nullptr);
  EXPECT_EQ(m->named_parameters().size(), 2u);
  auto strain = test::random_tensor({4}, {6}, -0.01, 0.01, 7);
  expect_stress(m->value({{"strain", strain}}).at("stress"), strain, "E from [Tensors]");
}

TEST(ElasticityModels, DerivativesOfEveryPair)
{
  for (std::size_t i = 0; i < constants.size(); ++i)
    for (std::size_t j = i + 1; j < constants.size(); ++j)
    {
      auto m = elasticity(fmt::format("{:.17g} {:.17g}", constants[i].second, constants[j].second),
                          constants[i].first + " " + constants[j].first);
      test::check_derivatives(*m, test::random_inputs(*m, {3}, small_strain));
    }
}

TEST(ElasticityModels, BatchShapesAndBatchedParameters)
{
  auto m = elasticity("200e3 0.3", "YOUNGS_MODULUS POISSONS_RATIO");
  test::check_batch_shapes(*m, small_strain);
  // E of batch shape (5,) broadcast against strain (3, 5)
  m->set_parameter("E", Tensor::from_values({5}, {}, std::vector<double>{1e5, 1.5e5, 2e5, 2.5e5, 3e5}));
  auto strain = test::random_tensor({3, 5}, {6}, -0.01, 0.01, 8);
  auto stress = m->value({{"strain", strain}}).at("stress");
  ASSERT_EQ(stress.batch_shape(), (Shape{3, 5}));
  auto one = elasticity("2.5e5 0.3", "YOUNGS_MODULUS POISSONS_RATIO");
  for (std::int64_t r = 0; r < 3; ++r)
  {
    auto s = one->value({{"strain", test::point_of(strain, {3, 5}, {r, 3})}}).at("stress");
    for (int i = 0; i < 6; ++i)
      EXPECT_TRUE(near_rel(stress.at((r * 5 + 3) * 6 + i), s.at(i), 1e-15)) << r << " " << i;
  }
}

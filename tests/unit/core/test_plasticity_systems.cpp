// The residual systems of examples/plasticity (the models their implicit updates solve): every
// Jacobian block, including the second derivatives that Normality contributes, against finite
// differences, and the residuals' values at hand-worked states.
#include <gtest/gtest.h>

#include "test_plasticity_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
std::shared_ptr<Model>
example_model(const std::string & file, const std::string & name, const std::vector<std::string> & overrides = {})
{
  return load_model(example("plasticity/" + file), name, overrides);
}

const std::map<std::string, Range> common = {
    {"t", {1, 2}},
    {"t~1", {0, 0.5}},
    {"E", {-0.01, 0.01}},
    {"E~1", {-0.01, 0.01}},
    {"stress", {-200, 200}},
    {"stress~1", {-200, 200}},
    {"equivalent_plastic_strain", {0, 0.1}},
    {"equivalent_plastic_strain~1", {0, 0.1}},
    {"X1", {-30, 30}},
    {"X1~1", {-30, 30}},
    {"X2", {-30, 30}},
    {"X2~1", {-30, 30}},
    {"plastic_strain", {-0.01, 0.01}},
    {"plastic_strain~1", {-0.01, 0.01}},
    {"kinematic_plastic_strain", {-0.01, 0.01}},
    {"kinematic_plastic_strain~1", {-0.01, 0.01}},
    {"flow_rate", {0, 0.1}},
    {"NM", {-1, 1}},
    {"NX", {-1, 1}},
    {"Nk", {-1, 0}},
};

std::vector<std::string>
names(const std::vector<VariableSpec> & vars)
{
  std::vector<std::string> n;
  for (const auto & v : vars)
    n.push_back(v.name);
  std::sort(n.begin(), n.end());
  return n;
}
} // namespace

TEST(PlasticitySystems, ViscoplasticIsotropicHardening)
{
  auto m = example_model("viscoplasticity_isoharden.i", "rate");
  EXPECT_EQ(names(m->output_spec()),
            (std::vector<std::string>{"equivalent_plastic_strain_residual", "stress_residual"}));
  EXPECT_EQ(names(m->input_spec()),
            (std::vector<std::string>{"E", "E~1", "equivalent_plastic_strain", "equivalent_plastic_strain~1", "stress",
                                      "stress~1", "t", "t~1"}));
  check_derivatives(*m, random_inputs(*m, {4}, common));
}

TEST(PlasticitySystems, ViscoplasticIsotropicHardeningHandWorked)
{
  // Uniaxial stress 105 with ep = 0: vm = 105, f = sqrt(2/3) 100, gamma_rate = (f/100)^2 = 2/3,
  // ep_rate = sqrt(2/3) gamma_rate; with no strain change and dt = 1 the residuals are
  // stress_residual = stress - stress~1 + C : (gamma_rate N) and ep_residual = -ep_rate.
  auto m = example_model("viscoplasticity_isoharden.i", "rate");
  const auto z = sr2({});
  auto out = m->value({{"stress", sr2({105, 0, 0, 0, 0, 0})},
                       {"stress~1", sr2({105, 0, 0, 0, 0, 0})},
                       {"equivalent_plastic_strain", scalar(0)},
                       {"equivalent_plastic_strain~1", scalar(0)},
                       {"E", z},
                       {"E~1", z},
                       {"t", scalar(1)},
                       {"t~1", scalar(0)}});
  const double gamma_rate = 2.0 / 3.0, ep_rate = std::sqrt(2.0 / 3.0) * gamma_rate;
  EXPECT_TRUE(near_rel(out.at("equivalent_plastic_strain_residual").at(0), -ep_rate, 1e-14));
  // N = sqrt(2/3) (1, -1/2, -1/2); C : dev = 2G dev with G = 1e5 / 2.6.
  const double G = 1e5 / 2.6, Nxx = std::sqrt(2.0 / 3.0);
  expect_near_all(out.at("stress_residual"),
                  sr2({2 * G * gamma_rate * Nxx, -G * gamma_rate * Nxx, -G * gamma_rate * Nxx, 0, 0, 0}), 1e-13);
}

TEST(PlasticitySystems, ViscoplasticChaboche)
{
  auto m = example_model("viscoplasticity_chaboche.i", "rate");
  EXPECT_EQ(names(m->output_spec()),
            (std::vector<std::string>{"X1_residual", "X2_residual", "equivalent_plastic_strain_residual",
                                      "stress_residual"}));
  check_derivatives(*m, random_inputs(*m, {4}, common));
}

TEST(PlasticitySystems, RateIndependentMinMapAndFB)
{
  for (const auto * type : {"MinMapComplementarity", "FBComplementarity"})
  {
    SCOPED_TRACE(type);
    auto m = example_model("rate_independent_complementarity.i", "surface",
                           {std::string("Models/consistency/type=") + type});
    EXPECT_EQ(names(m->output_spec()),
              (std::vector<std::string>{"equivalent_plastic_strain_residual", "flow_rate_residual",
                                        "kinematic_plastic_strain_residual", "plastic_strain_residual"}));
    // Plastic states (f > 0) and elastic ones (small strains, f < 0).
    check_derivatives(*m, random_inputs(*m, {4}, common));
    auto elastic = common;
    elastic["E"] = elastic["plastic_strain"] = elastic["kinematic_plastic_strain"] = {-1e-4, 1e-4};
    check_derivatives(*m, random_inputs(*m, {4}, elastic, 5));
  }
}

TEST(PlasticitySystems, RadialReturn)
{
  auto trial = example_model("radial_return.i", "trial_state");
  EXPECT_EQ(names(trial->output_spec()), (std::vector<std::string>{"NM", "NX", "Nk"}));
  check_derivatives(*trial, random_inputs(*trial, {4}, common));
  auto m = example_model("radial_return.i", "surface");
  // The updated internal variables are consumed inside; the residual is the only output.
  EXPECT_EQ(names(m->output_spec()), (std::vector<std::string>{"flow_rate_residual"}));
  check_derivatives(*m, random_inputs(*m, {4}, common));
}

// Physically invalid parameters are errors that name the parameter, its value and the admissible
// range: at the option for constants in an input file, as a ValueError from set_parameter.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>

#include "neml2/drivers/driver.h"
#include "neml2/models/model.h"
#include "neml2/tensors/solve_report.h"
#include "test_compile_util.h"
#include "test_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
std::string
elasticity(const std::string & coefficients, const std::string & types = "YOUNGS_MODULUS POISSONS_RATIO")
{
  const auto file = scratch_path("admissible_elasticity.i");
  std::ofstream(file) << "[Models]\n  [m]\n    type = LinearIsotropicElasticity\n    coefficients = '" << coefficients
                      << "'\n    coefficient_types = '" << types << "'\n  []\n[]\n";
  return file;
}

std::string
perzyna(const std::string & eta, const std::string & n)
{
  const auto file = scratch_path("admissible_perzyna.i");
  std::ofstream(file) << "[Models]\n  [m]\n    type = PerzynaPlasticFlowRate\n    reference_stress = " << eta
                      << "\n    exponent = " << n << "\n  []\n[]\n";
  return file;
}
} // namespace

TEST(Admissible, Intervals)
{
  EXPECT_TRUE(Admissible::positive("x").contains(1e-300));
  EXPECT_FALSE(Admissible::positive("x").contains(0));
  EXPECT_TRUE(Admissible::non_negative("x").contains(0));
  EXPECT_FALSE(Admissible::open(-1, 0.5, "x").contains(0.5));
  EXPECT_FALSE(Admissible::open(-1, 0.5, "x").contains(-1));
  EXPECT_TRUE(Admissible::open(-1, 0.5, "x").contains(0.4999));
  EXPECT_FALSE(Admissible{}.contains(std::numeric_limits<double>::quiet_NaN()));
  EXPECT_FALSE(Admissible{}.contains(std::numeric_limits<double>::infinity()));
  EXPECT_EQ(Admissible::positive("x").interval(), "(0, inf)");
  EXPECT_EQ(Admissible::non_negative("x").interval(), "[0, inf)");
  EXPECT_EQ(Admissible::open(-1, 0.5, "x").interval(), "(-1, 0.5)");
}

TEST(Admissible, ElasticConstantsOutsideTheirRangeAreLocatedErrors)
{
  const std::pair<std::string, std::string> cases[] = {
      {"-5 0.3", "parameter 'E' = -5 is outside its admissible range (0, inf): Young's modulus must lie in (0, inf)"},
      {"0 0.3", "parameter 'E' = 0 is outside its admissible range (0, inf)"},
      {"1e5 0.5", "parameter 'nu' = 0.5 is outside its admissible range (-1, 0.5): Poisson's ratio"},
      {"1e5 -1", "parameter 'nu' = -1 is outside its admissible range (-1, 0.5)"},
      {"1e5 0.7", "parameter 'nu' = 0.7 is outside"},
  };
  for (const auto & [coefficients, says] : cases)
  {
    const auto file = elasticity(coefficients);
    EXPECT_TRUE(throws_with<InputError>([&] { load_model(file, "m"); }, says)) << coefficients;
    EXPECT_TRUE(throws_with<InputError>([&] { load_model(file, "m"); }, "admissible_elasticity.i:4:")) << coefficients;
  }
  EXPECT_TRUE(throws_with<InputError>([] { load_model(elasticity("-1 100", "BULK_MODULUS SHEAR_MODULUS"), "m"); },
                                      "parameter 'K' = -1 is outside its admissible range (0, inf): the bulk modulus"));
  EXPECT_TRUE(throws_with<InputError>([] { load_model(elasticity("100 0", "BULK_MODULUS SHEAR_MODULUS"), "m"); },
                                      "parameter 'G' = 0 is outside"));
  // Lame's lambda may be negative (auxetic materials); the pair still defines a stable solid.
  EXPECT_NO_THROW(load_model(elasticity("-10 100", "LAME_LAMBDA SHEAR_MODULUS"), "m"));
  EXPECT_NO_THROW(load_model(elasticity("1e5 -0.5"), "m"));
}

TEST(Admissible, ViscosityAndExponentOfPerzyna)
{
  // eta = 0 or n < 0 used to surface as "did not converge ... residual norm -nan".
  EXPECT_TRUE(throws_with<InputError>([] { load_model(perzyna("0", "2"), "m"); }, "admissible_perzyna.i:4:"));
  EXPECT_TRUE(throws_with<InputError>([] { load_model(perzyna("0", "2"), "m"); },
                                      "parameter 'eta' = 0 is outside its admissible range (0, inf)"));
  EXPECT_TRUE(
      throws_with<InputError>([] { load_model(perzyna("100", "-2"), "m"); },
                              "parameter 'n' = -2 is outside its admissible range (0, inf): the rate exponent"));
  EXPECT_NO_THROW(load_model(perzyna("100", "2"), "m"));
}

TEST(Admissible, SetParameterChecksTooAndNeverTakesNaN)
{
  auto m = load_model(elasticity("1e5 0.3"), "m");
  EXPECT_TRUE(throws_with<ValueError>([&] { m->set_parameter("E", Tensor::full({}, {}, -1.0)); },
                                      "parameter 'E' = -1 is outside its admissible range (0, inf)"));
  EXPECT_TRUE(throws_with<ValueError>(
      [&] {
        m->set_parameter("nu", Tensor::from_values({3}, {}, {0.3, 0.2, 0.5}));
      },
      "parameter 'nu' (entry 2) = 0.5 is outside"));
  EXPECT_TRUE(throws_with<ValueError>(
      [&] { m->set_parameter("E", Tensor::full({}, {}, std::numeric_limits<double>::quiet_NaN())); },
      "parameter 'E' = nan is outside"));
  EXPECT_EQ(m->parameter("E").at(0), 1e5) << "a refused value is not kept";
  m->set_parameter("E", Tensor::full({}, {}, 2e5));
  EXPECT_EQ(m->parameter("E").at(0), 2e5);
  // A parameter without a declared range still refuses non-finite values.
  const auto file = scratch_path("admissible_hardening.i");
  std::ofstream(file)
      << "[Models]\n  [h]\n    type = LinearIsotropicHardening\n    hardening_modulus = -10\n  []\n[]\n";
  auto h = load_model(file, "h");
  EXPECT_TRUE(throws_with<ValueError>(
      [&] { h->set_parameter("K", Tensor::full({}, {}, std::numeric_limits<double>::infinity())); },
      "parameter 'K' is inf, not a finite number"));
}

TEST(Admissible, DriverTimesMustIncrease)
{
  const auto file = scratch_path("admissible_times.i");
  std::ofstream(file) << "[Tensors]\n  [times]\n    type = Scalar\n    values = '0 1 1 2'\n    batch_shape = '(4)'\n"
                         "  []\n  [strains]\n    type = FillSR2\n    values = '0 0 0 0 0 0'\n  []\n[]\n"
                         "[Models]\n  [m]\n    type = LinearIsotropicElasticity\n    coefficients = '1e5 0.3'\n"
                         "    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'\n  []\n[]\n"
                         "[Drivers]\n  [d]\n    type = TransientDriver\n    model = 'm'\n"
                         "    prescribed_time = 'times'\n    force_SR2_names = 'strain'\n"
                         "    force_SR2_values = 'strains'\n  []\n[]\n";
  EXPECT_TRUE(throws_with<InputError>([&] { load_driver(file, "d"); }, "admissible_times.i:23:"));
  EXPECT_TRUE(throws_with<InputError>([&] { load_driver(file, "d"); },
                                      "the times must increase from step to step, but step 2 has t = 1 after t = 1 (a "
                                      "time step of 0)"));
}

TEST(Admissible, ValuesFromAnInputVariableAreCheckedPerPoint)
{
  // E = youngs, an input variable: its run-time values are checked point by point.
  auto m = load_model(elasticity("youngs 0.25"), "m");
  const std::vector<double> E = {150e3, -5, 0, 2e5};
  const ValueMap in = {{"strain", Tensor::from_values({}, {6}, {1e-3, 0, 0, 0, 0, 0})},
                       {"youngs", Tensor::from_values({4}, {}, E)}};
  EXPECT_TRUE(throws_with<ValueError>(
      [&] { m->value(in); },
      "at point 1: parameter 'E' (Young's modulus) of model 'm' is -5 here (input 'youngs'), outside its "
      "admissible range (0, inf); 2 point(s) are outside it: 1, 2."));
  EXPECT_TRUE(throws_with<ValueError>([&] { m->jacobian(in); }, "2 point(s) are outside it: 1, 2."));

  FailureCapture capture;
  const auto stress = m->value(in).at("stress");
  const auto & r = capture.report();
  EXPECT_EQ(r.failed_points(), (std::vector<std::int64_t>{1, 2}));
  EXPECT_NE(r.reason(2).find("is 0 here (input 'youngs'), outside its admissible range (0, inf)"), std::string::npos)
      << r.reason(2);
  for (std::int64_t p : {0, 3})
  {
    // Uniaxial strain e: s_xx = (lambda + 2 mu) e with nu = 1/4: lambda = mu = E / 2.5.
    EXPECT_NEAR(stress.at(p * 6), 3 * E[static_cast<std::size_t>(p)] / 2.5 * 1e-3, 1e-9) << p;
    EXPECT_EQ(r.reason(p).substr(0, 9), "converged");
  }
  for (std::int64_t p : {1, 2})
    for (std::int64_t c = 0; c < 6; ++c)
      EXPECT_TRUE(std::isnan(stress.at(p * 6 + c))) << p;
  const auto [out, J] = m->jacobian(in);
  EXPECT_TRUE(std::isnan(J.at("stress").at("strain").at(1 * 36)));
  EXPECT_FALSE(std::isnan(J.at("stress").at("strain").at(3 * 36)));
}

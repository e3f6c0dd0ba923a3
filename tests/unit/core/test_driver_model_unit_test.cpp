// ModelUnitTest (NEML2's driver): outputs against hand-worked values, derivatives against central
// differences; a wrong reference fails naming the variable, point and component.
#include <gtest/gtest.h>

#include "neml2/base/error.h"
#include "neml2/base/factory.h"
#include "neml2/drivers/driver.h"
#include "neml2/models/model.h"
#include "test_compile_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
// Linear isotropic elasticity, E = 1e5, nu = 0.3: lambda = 57692.307692..., mu = 38461.538461...
// For strain (1e-3, 0, 0, 0, 0, 0): stress = 1e-3 (lambda + 2 mu, lambda, lambda, 0, 0, 0)
// = (134.6153846153846, 57.69230769230769, 57.69230769230769, 0, 0, 0); two points, the second
// with twice the strain.
const char * input = R"([Tensors]
  [strains]
    type = SR2
    values = '1e-3 0 0 0 0 0 2e-3 0 0 0 0 0'
    batch_shape = '(2,)'
  []
  [stresses]
    type = SR2
    values = '134.6153846153846 57.69230769230769 57.69230769230769 0 0 0
              269.2307692307692 115.38461538461539 115.38461538461539 0 0 0'
    batch_shape = '(2,)'
  []
  [wrong]
    type = SR2
    values = '134.6153846153846 57.69230769230769 57.69230769230769 0 0 0
              269.2307692307692 115.38461538461539 115.5 0 0 0'
    batch_shape = '(2,)'
  []
[]
[Models]
  [elasticity]
    type = LinearIsotropicElasticity
    coefficients = '1e5 0.3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
  []
  [vm]
    type = SR2Invariant
    invariant_type = 'VONMISES'
    tensor = 'stress'
    invariant = 's'
  []
[]
[Drivers]
  [right]
    type = ModelUnitTest
    model = 'elasticity'
    input_SR2_names = 'strain'
    input_SR2_values = 'strains'
    output_SR2_names = 'stress'
    output_SR2_values = 'stresses'
  []
  [wrong]
    type = ModelUnitTest
    model = 'elasticity'
    input_SR2_names = 'strain'
    input_SR2_values = 'strains'
    output_SR2_names = 'stress'
    output_SR2_values = 'wrong'
  []
  [wrong_exact]
    type = ModelUnitTest
    model = 'elasticity'
    input_SR2_names = 'strain'
    input_SR2_values = 'strains'
    output_SR2_names = 'stress'
    output_SR2_values = 'wrong'
    value_rel_tol = 1e-12
    value_abs_tol = 0
    check_derivatives = false
  []
  [nonlinear]
    type = ModelUnitTest
    model = 'vm'
    input_SR2_names = 'stress'
    input_SR2_values = 'stresses'
  []
  [too_tight]
    type = ModelUnitTest
    model = 'vm'
    input_SR2_names = 'stress'
    input_SR2_values = 'stresses'
    derivative_rel_tol = 1e-16
    derivative_abs_tol = 0
  []
  [parameters]
    type = ModelUnitTest
    model = 'elasticity'
    input_SR2_names = 'strain'
    input_SR2_values = 'strains'
    output_SR2_names = 'stress'
    output_SR2_values = 'stresses'
    check_parameter_derivatives = true
  []
  [parameters_too_tight]
    type = ModelUnitTest
    model = 'elasticity'
    input_SR2_names = 'strain'
    input_SR2_values = 'strains'
    check_derivatives = false
    check_parameter_derivatives = true
    parameter_derivative_rel_tol = 1e-16
    parameter_derivative_abs_tol = 0
  []
  [missing_input]
    type = ModelUnitTest
    model = 'elasticity'
  []
  [not_an_output]
    type = ModelUnitTest
    model = 'elasticity'
    input_SR2_names = 'strain'
    input_SR2_values = 'strains'
    output_SR2_names = 'strain'
    output_SR2_values = 'strains'
  []
[]
)";

std::string
file(const TempDir & dir)
{
  const auto path = dir.str("unit.i");
  std::ofstream(path) << input;
  return path;
}
} // namespace

TEST(ModelUnitTest, RightReferencesPass)
{
  TempDir dir;
  EXPECT_NO_THROW(load_driver(file(dir), "right")->run());
  EXPECT_NO_THROW(load_driver(file(dir), "nonlinear")->run()); // von Mises: derivatives by differences
}

TEST(ModelUnitTest, AWrongReferenceNamesTheVariablePointAndComponent)
{
  TempDir dir;
  const auto run = [&] { load_driver(file(dir), "wrong")->run(); };
  EXPECT_TRUE(throws_with<ValueError>(run, "output 'stress' of model 'elasticity' differs at point 1, component 2: "
                                           "got 115.3846153846"));
  EXPECT_TRUE(throws_with<ValueError>(run, "expected 115.5 (|difference| 0.115 > value_abs_tol"));
}

TEST(ModelUnitTest, ZeroTolerancesStillCatchAWrongValueBeforeExactZeros)
{
  // With no absolute tolerance, the zeros after the wrong entry have a zero allowance; comparing
  // them must not give 0/0 and hide the mismatch.
  TempDir dir;
  EXPECT_TRUE(throws_with<ValueError>([&] { load_driver(file(dir), "wrong_exact")->run(); },
                                      "output 'stress' of model 'elasticity' differs at point 1, component 2"));
}

TEST(ModelUnitTest, DerivativesAreComparedWithDifferences)
{
  // Differences carry ~1e-10 relative error: a tolerance of 1e-16 must fail, on a derivative.
  TempDir dir;
  EXPECT_TRUE(throws_with<ValueError>([&] { load_driver(file(dir), "too_tight")->run(); },
                                      "d(s)/d(stress) of model 'vm' differs from central differences at point"));
}

TEST(ModelUnitTest, MalformedBlocksAreInputErrors)
{
  TempDir dir;
  EXPECT_TRUE(throws_with<InputError>([&] { load_driver(file(dir), "missing_input"); },
                                      "model 'elasticity' has inputs without a value: 'strain' (SR2)"));
  EXPECT_TRUE(throws_with<InputError>([&] { load_driver(file(dir), "not_an_output"); },
                                      "'strain' is not an output of model 'elasticity'"));
}

TEST(ModelUnitTest, ParameterDerivativesAreComparedWithDifferences)
{
  TempDir dir;
  EXPECT_NO_THROW(load_driver(file(dir), "parameters")->run());
  // nu enters nonlinearly, so its differences carry truncation error a 1e-16 tolerance rejects.
  EXPECT_TRUE(throws_with<ValueError>([&] { load_driver(file(dir), "parameters_too_tight")->run(); },
                                      "of model 'elasticity' differs from central differences"));
  EXPECT_TRUE(throws_with<ValueError>([&] { load_driver(file(dir), "parameters_too_tight")->run(); },
                                      "parameter_derivative_abs_tol + parameter_derivative_rel_tol"));
}

TEST(ModelUnitTest, TheCheckLeavesTheParametersAsTheyWere)
{
  TempDir dir;
  auto factory = Factory::from_file(file(dir));
  auto model = factory->get_model("elasticity");
  auto driver = factory->get_as<Driver>(ObjectKind::Driver, "parameters");
  driver->run();
  EXPECT_EQ(model->parameter("E").at(0), 1e5);
  EXPECT_EQ(model->parameter("nu").at(0), 0.3);
}

TEST(ModelParameterJacobian, StressIsLinearInYoungsModulus)
{
  // sigma = E (nu/((1+nu)(1-2nu)) tr(eps) I + eps/(1+nu)): d(sigma)/dE = sigma / E.
  TempDir dir;
  auto model = load_model(file(dir), "elasticity");
  ValueMap in{{"strain", Tensor::from_values({2}, {6}, std::vector<double>{1e-3, 0, 0, 0, 0, 0, 2e-3, 0, 0, 0, 0, 0})}};
  const auto [values, J] = model->parameter_jacobian(in, {"E"});
  const auto & sigma = values.at("stress");
  const auto & dE = J.at("stress").at("E");
  ASSERT_EQ(dE.numel(), sigma.numel());
  for (std::int64_t i = 0; i < sigma.numel(); ++i)
    EXPECT_NEAR(dE.at(i), sigma.at(i) / 1e5, 1e-18) << i;
  EXPECT_TRUE(throws_with<ValueError>([&] { model->parameter_jacobian(in, {"G"}); },
                                      "model 'elasticity' has no parameter 'G'"));
}

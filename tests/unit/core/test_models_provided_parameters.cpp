// Parameters that name a [Models] block (tests/data/models/provided_parameters.i): the named
// model's output feeds the parameter, compositions pull the provider in, derivatives flow through
// it; ArrheniusParameter against its formula.
#include <cmath>

#include <gtest/gtest.h>

#include "fd_check.h"
#include "neml2/base/error.h"

using namespace neml2;

namespace
{
std::shared_ptr<Model>
provided(const std::string & name)
{
  return load_model(test::data("models/provided_parameters.i"), name);
}

/// p0 exp(-Q / (R T)), written out by hand.
double
arrhenius(double p0, double Q, double T)
{
  return p0 * std::exp(-Q / (8.314 * T));
}

std::vector<std::string>
input_names(const Model & m)
{
  std::vector<std::string> out;
  for (const auto & v : m.input_spec())
    out.push_back(v.name);
  std::sort(out.begin(), out.end());
  return out;
}

const std::map<std::string, test::Range> temperatures = {{"temperature", {300, 900}}, {"T", {300, 900}}};
} // namespace

TEST(ArrheniusParameter, FollowsTheArrheniusLawWithItsDerivative)
{
  auto m = provided("K_model");
  EXPECT_EQ(input_names(*m), (std::vector<std::string>{"temperature"}));
  ASSERT_NE(m->find_output("K_model"), nullptr) << "the output defaults to the block's name";
  auto in = test::random_inputs(*m, {5}, temperatures);
  auto [out, J] = m->jacobian(in);
  for (int i = 0; i < 5; ++i)
  {
    const double T = in.at("temperature").at(i), K = arrhenius(2000, 5000, T);
    EXPECT_NEAR(out.at("K_model").at(i), K, 1e-12 * K);
    // dp/dT = p Q / (R T^2)
    EXPECT_NEAR(J.at("K_model").at("temperature").at(i), K * 5000 / (8.314 * T * T), 1e-12 * K);
  }
  test::check_derivatives(*m, in);
  test::check_batch_shapes(*m, temperatures);

  auto r = provided("K_renamed");
  EXPECT_EQ(input_names(*r), (std::vector<std::string>{"T"}));
  ASSERT_NE(r->find_output("K"), nullptr);
  EXPECT_EQ(r->resolve_parameter("p0"), "p0");
  EXPECT_EQ(r->resolve_parameter("Q"), "Q");
}

// Used on its own, the model reads the provider's output as an input (NEML2's rule): the
// parameter is no longer a parameter.
TEST(ProvidedParameters, OnItsOwnTheModelReadsTheProvidersOutput)
{
  auto m = provided("isoharden");
  EXPECT_EQ(input_names(*m), (std::vector<std::string>{"K_model", "equivalent_plastic_strain"}));
  EXPECT_TRUE(m->named_parameters().empty());
  ASSERT_EQ(m->parameter_providers().size(), 1u);
  EXPECT_EQ(m->parameter_providers()[0]->name(), "K_model");
}

TEST(ProvidedParameters, ACompositionEvaluatesTheProviderAndDifferentiatesThroughIt)
{
  for (const auto * name : {"chain", "chain_listed"})
  {
    SCOPED_TRACE(name);
    auto m = provided(name);
    EXPECT_EQ(input_names(*m), (std::vector<std::string>{"equivalent_plastic_strain", "temperature"}));
    ASSERT_NE(m->find_output("isotropic_hardening"), nullptr);
    EXPECT_EQ(m->find_output("K_model"), nullptr) << "consumed inside the composition";
    // The provider's own parameters are the composition's.
    EXPECT_EQ(m->resolve_parameter("p0"), "K_model.p0");
    EXPECT_EQ(m->resolve_parameter("Q"), "K_model.Q");

    auto in = test::random_inputs(*m, {4}, temperatures);
    auto [out, J] = m->jacobian(in);
    for (int i = 0; i < 4; ++i)
    {
      const double T = in.at("temperature").at(i), ep = in.at("equivalent_plastic_strain").at(i);
      const double K = arrhenius(2000, 5000, T);
      EXPECT_NEAR(out.at("isotropic_hardening").at(i), K * ep, 1e-12 * K);
      EXPECT_NEAR(J.at("isotropic_hardening").at("temperature").at(i), ep * K * 5000 / (8.314 * T * T), 1e-12 * K);
    }
    test::check_derivatives(*m, in);

    // Editing the provider's parameter changes the result.
    m->set_parameter("p0", Tensor::full({}, {}, 1000.0));
    const auto half = m->value(in);
    for (int i = 0; i < 4; ++i)
      EXPECT_NEAR(half.at("isotropic_hardening").at(i), 0.5 * out.at("isotropic_hardening").at(i), 1e-12);
  }
}

TEST(ProvidedParameters, ProvidersOfProvidersJoinToo)
{
  auto m = provided("chain_nested");
  EXPECT_EQ(input_names(*m), (std::vector<std::string>{"equivalent_plastic_strain", "temperature"}));
  auto in = test::random_inputs(*m, {3}, temperatures);
  const auto out = m->value(in);
  for (int i = 0; i < 3; ++i)
  {
    const double T = in.at("temperature").at(i), ep = in.at("equivalent_plastic_strain").at(i);
    const double K = arrhenius(arrhenius(4000, 1000, T), 5000, T);
    EXPECT_NEAR(out.at("h").at(i), K * ep, 1e-12 * K);
  }
  test::check_derivatives(*m, in);
}

// Normality wraps a yield function whose yield stress is a model: the composition that lists only
// the Normality still evaluates the provider, so it reads the temperature and not 'ys'.
// d f / d(effective stress) is sqrt(2/3) whatever the yield stress.
TEST(ProvidedParameters, WrappersPassTheirProvidersOn)
{
  auto m = provided("wrapped");
  EXPECT_EQ(input_names(*m), (std::vector<std::string>{"effective_stress", "temperature"}));
  auto in = test::random_inputs(*m, {3}, {{"temperature", {300, 900}}, {"effective_stress", {0, 400}}});
  const auto out = m->value(in);
  for (int i = 0; i < 3; ++i)
    EXPECT_NEAR(out.at("flow_direction").at(i), std::sqrt(2.0 / 3.0), 1e-14);
  test::check_derivatives(*m, in);
}

TEST(ProvidedParameters, BadProvidersAreReportedWithTheirLocation)
{
  const auto file = test::data("models/provided_parameters.i");
  const std::pair<const char *, const char *> cases[] = {
      {"from_two_outputs", "parameter 'K' names [Models/two_outputs], which has 2 outputs"},
      {"from_sr2", "parameter 'K' must be a Scalar, but [Models/sr2_value] outputs 'sr2_value', a SR2"},
      {"from_itself", "dependency cycle: Models/from_itself -> Models/from_itself"},
      {"bad_R", "the ideal gas constant must be positive, got 0"},
  };
  for (const auto & [block, says] : cases)
  {
    try
    {
      provided(block);
      ADD_FAILURE() << block << ": no error";
    }
    catch (const InputError & e)
    {
      const std::string msg = e.what();
      EXPECT_NE(msg.find(file + ":"), std::string::npos) << block << ": " << msg;
      EXPECT_NE(msg.find(says), std::string::npos) << block << ": " << msg;
    }
  }
}

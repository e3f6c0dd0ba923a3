// The Kocks-Mecking family: each model against its formula evaluated here in double precision,
// derivatives against central differences.
#include <gtest/gtest.h>

#include <cmath>

#include "neml2/base/error.h"
#include "neml2/base/factory.h"
#include "neml2/solvers/newton.h"
#include "test_compile_util.h"
#include "test_plasticity_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
std::shared_ptr<Model>
km(const std::string & name)
{
  return load_model(data("kocks_mecking/models.i"), name);
}

const double k = 1.38064e-20, b = 2.48e-7, b3 = b * b * b, eps0 = 1e10, A = -3.4, B = -5.9, C = -5.4;

double
only(const ValueMap & out, const std::string & name)
{
  return out.at(name).at(0);
}
} // namespace

TEST(KocksMecking, ActivationEnergy)
{
  auto m = km("g");
  const double T = 700, rate = 1e-3, mu = 80000;
  EXPECT_NEAR(only(m->value({{"temperature", scalar(T)}, {"strain_rate", scalar(rate)}}), "activation_energy"),
              k * T / (mu * b3) * std::log(eps0 / rate), 1e-14);
  check_input_and_parameter_derivatives(
      *m, random_inputs(*m, {4}, {{"temperature", {300, 1200}}, {"strain_rate", {1e-5, 1e-1}}}, 1));
}

TEST(KocksMecking, FlowSwitchBlendsTheTwoFlowRates)
{
  auto m = km("switch");
  const auto rate = [&](double g) {
    return only(m->value({{"activation_energy", scalar(g)},
                          {"rate_independent_flow_rate", scalar(2)},
                          {"rate_dependent_flow_rate", scalar(5)}}),
                "flow_rate");
  };
  EXPECT_NEAR(rate(0.5), 3.5, 1e-15); // at g0, halfway
  const double w = (std::tanh(20 * (0.6 - 0.5)) + 1) / 2;
  EXPECT_NEAR(rate(0.6), w * 5 + (1 - w) * 2, 1e-14);
  EXPECT_NEAR(rate(-10), 2, 1e-12); // far below g0: rate independent
  EXPECT_NEAR(rate(10), 5, 1e-12);  // far above: rate dependent
  check_input_and_parameter_derivatives(*m, random_inputs(*m, {4}, {}, 2));
}

TEST(KocksMecking, FlowViscosityWithAShearModulusVariable)
{
  auto m = km("eta");
  ASSERT_NE(m->find_output("eta"), nullptr); // named after the block by default
  ASSERT_NE(m->find_input("mu"), nullptr);
  const double T = 900, mu = 70000;
  EXPECT_NEAR(only(m->value({{"temperature", scalar(T)}, {"mu", scalar(mu)}}), "eta"),
              std::exp(B) * mu * std::pow(eps0, k * T * A / (mu * b3)), 1e-11);
  check_input_and_parameter_derivatives(*m,
                                        random_inputs(*m, {4}, {{"temperature", {300, 1200}}, {"mu", {5e4, 8e4}}}, 3));
}

TEST(KocksMecking, RateSensitivityInterceptAndYieldStress)
{
  auto n = km("n");
  const double T = 800;
  EXPECT_NEAR(only(n->value({{"temperature", scalar(T)}}), "rate_sensitivity"), -80000 * b3 / (k * T * A), 1e-12);
  check_input_and_parameter_derivatives(*n, random_inputs(*n, {4}, {{"temperature", {300, 1200}}}, 4));
  EXPECT_NEAR(only(km("g0")->value({}), "intercept"), (C - B) / A, 1e-15);
  EXPECT_NEAR(only(km("ys")->value({}), "yield_stress"), std::exp(C) * 80000, 1e-11);
  EXPECT_TRUE(throws_with<InputError>([] { km("bad_b"); }, "the Burgers vector length must be positive"));
}

TEST(KocksMecking, NonPositiveConstantsAndNegativeSolverTolerancesAreLocated)
{
  const auto file = data("kocks_mecking/models.i");
  EXPECT_TRUE(throws_with<InputError>([&] { km("bad_eps0"); },
                                      file + ":55:12: option 'eps0' of [Models/bad_eps0]: the reference strain rate "
                                             "must be positive"));
  auto factory = Factory::from_file(file);
  EXPECT_TRUE(throws_with<InputError>([&] { factory->get_as<Newton>(ObjectKind::Solver, "bad_substep"); },
                                      file + ":63:23: option 'substep_del_tol' of [Solvers/bad_substep]: expected a "
                                             "non-negative number"));
}

// Normality: derivatives of a sub-model's function, its parameters, and second derivatives.
#include <gtest/gtest.h>

#include "neml2/graph/autodiff.h"
#include "test_plasticity_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
ValueMap
state()
{
  return {{"mandel_stress", sr2({100, -20, 10, 30, -5, 12})},
          {"X", sr2({10, 5, -15, 2, 0, -3})},
          {"isotropic_hardening", scalar(7)}};
}
} // namespace

TEST(PlasticityNormality, InputsOutputsAndParameters)
{
  auto m = plasticity("normality");
  std::vector<std::string> in, out;
  for (const auto & v : m->input_spec())
    in.push_back(v.name);
  for (const auto & v : m->output_spec())
    out.push_back(v.name + ":" + std::string(type_name(v.type)));
  EXPECT_EQ(in, (std::vector<std::string>{"mandel_stress", "X", "isotropic_hardening"}));
  EXPECT_EQ(out, (std::vector<std::string>{"flow_direction:SR2", "kinematic_hardening_direction:SR2",
                                           "isotropic_hardening_direction:Scalar"}));
  std::vector<std::string> params;
  for (const auto & [n, p] : m->named_parameters())
    params.push_back(n);
  EXPECT_EQ(params, (std::vector<std::string>{"flow.overstress.c_0", "flow.overstress.c_1", "flow.yield.sy"}));
}

TEST(PlasticityNormality, HandWorkedAgainstTheJ2Direction)
{
  // f = sqrt(2/3) (vm(M - X) - sy - h): df/dM = sqrt(2/3) 3/2 dev(M - X)/vm, df/dX = -df/dM,
  // df/dh = -sqrt(2/3).
  auto m = plasticity("normality");
  auto out = m->value(state());
  auto j2 = plasticity("j2dir");
  auto O = state().at("mandel_stress").clone();
  for (std::int64_t i = 0; i < 6; ++i)
    O.set(i, O.at(i) - state().at("X").at(i));
  auto N = j2->value({{"mandel_stress", O}}).at("flow_direction");
  const double c = std::sqrt(2.0 / 3.0);
  for (std::int64_t i = 0; i < 6; ++i)
  {
    EXPECT_TRUE(near_rel(out.at("flow_direction").at(i), c * N.at(i), 1e-14)) << i;
    EXPECT_TRUE(near_rel(out.at("kinematic_hardening_direction").at(i), -c * N.at(i), 1e-14)) << i;
  }
  EXPECT_TRUE(near_rel(out.at("isotropic_hardening_direction").at(0), -c));
  // With the factor sqrt(2/3) the direction has unit norm (doc/models.md, YieldFunction).
  double n2 = 0;
  for (std::int64_t i = 0; i < 6; ++i)
    n2 += out.at("flow_direction").at(i) * out.at("flow_direction").at(i);
  EXPECT_TRUE(near_rel(n2, 1.0, 1e-14));
}

TEST(PlasticityNormality, ParametersOfTheSubModelAreLive)
{
  // The weights of the overstress are parameters of the sub-model: M - 2 X changes the result.
  auto m = plasticity("normality");
  const auto before = m->value(state()).at("flow_direction");
  m->set_parameter("flow.overstress.c_1", scalar(-2));
  const auto after = m->value(state()).at("flow_direction");
  EXPECT_NE(before.at(0), after.at(0));
  m->set_parameter("flow.overstress.c_1", scalar(-1));
  EXPECT_EQ(m->value(state()).at("flow_direction").at(0), before.at(0));
}

TEST(PlasticityNormality, SecondDerivativesMatchFiniteDifferences)
{
  auto m = plasticity("normality");
  // Random stresses well away from M = X (where the direction is not differentiable).
  auto in = random_inputs(*m, {6}, {{"mandel_stress", {50, 150}}, {"X", {-20, 20}}, {"isotropic_hardening", {0, 10}}});
  check_derivatives(*m, in);
  check_batch_shapes(*m, {{"mandel_stress", {50, 150}}, {"X", {-20, 20}}});
}

TEST(PlasticityNormality, HessianIsSymmetric)
{
  // d(df/dM)/dX = d(df/dX)/dM transposed; with df/dX = -df/dM both are -d2f/dM2.
  auto m = plasticity("normality");
  auto [out, J] = m->jacobian(state());
  const auto & NMM = J.at("flow_direction").at("mandel_stress");
  const auto & NMX = J.at("flow_direction").at("X");
  const auto & NXM = J.at("kinematic_hardening_direction").at("mandel_stress");
  for (std::int64_t a = 0; a < 6; ++a)
    for (std::int64_t b = 0; b < 6; ++b)
    {
      EXPECT_NEAR(NMM.at(a * 6 + b), NMM.at(b * 6 + a), 1e-15) << a << "," << b;
      EXPECT_NEAR(NMX.at(a * 6 + b), -NMM.at(a * 6 + b), 1e-15);
      EXPECT_NEAR(NXM.at(a * 6 + b), NMX.at(b * 6 + a), 1e-15);
    }
  EXPECT_EQ(J.at("isotropic_hardening_direction").at("mandel_stress").at(0), 0.0);
}

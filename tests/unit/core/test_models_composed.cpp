// Compositions of the common models (tests/data/models/chain.i): closed-form values,
// derivatives through the whole chain, and batching with broadcast inputs.
#include <cmath>

#include <gtest/gtest.h>

#include "fd_check.h"
#include "neml2/models/composed_model.h"

using namespace neml2;
using test::near_rel;

namespace
{
std::shared_ptr<Model>
chain(const std::string & name = "model")
{
  return load_model(test::data("models/chain.i"), name);
}

const std::map<std::string, test::Range> ranges = {
    {"strain", {-0.01, 0.01}}, {"strain~1", {-0.01, 0.01}}, {"t", {1, 2}}, {"t~1", {0, 0.5}}};
} // namespace

TEST(ComposedModels, ChainHasTheExpectedInterface)
{
  auto m = chain();
  for (const auto * n : {"strain", "strain~1", "t", "t~1"})
    EXPECT_NE(m->find_input(n), nullptr) << n;
  EXPECT_EQ(m->input_spec().size(), 4u);
  for (const auto * n : {"mix_per_t", "stress_rate", "vm_rate"})
    EXPECT_NE(m->find_output(n), nullptr) << n;
  EXPECT_EQ(m->output_spec().size(), 3u);
  EXPECT_EQ(m->resolve_parameter("E"), "elastic.E");
  EXPECT_EQ(m->resolve_parameter("c_1"), "mix.c_1");
}

TEST(ComposedModels, ChainMatchesClosedForm)
{
  const double E = 200e3, nu = 0.3, lam = E * nu / ((1 + nu) * (1 - 2 * nu)), mu = E / (2 * (1 + nu));
  const std::vector<double> e = {0.004, -0.001, 0.002, 0.003, -0.002, 0.001}, e1 = {0.001, 0, -0.001, 0, 0, 0.002};
  const double t = 1.5, t1 = 1.0, dt = t - t1;
  auto out = chain()->value({{"strain", Tensor::from_values({}, {6}, e)},
                             {"strain~1", Tensor::from_values({}, {6}, e1)},
                             {"t", Tensor::full({}, {}, t)},
                             {"t~1", Tensor::full({}, {}, t1)}});
  std::vector<double> ed(6), sd(6);
  for (std::size_t i = 0; i < 6; ++i)
    ed[i] = (e[i] - e1[i]) / dt;
  const double tre = ed[0] + ed[1] + ed[2];
  for (std::size_t i = 0; i < 6; ++i)
    sd[i] = 2 * mu * ed[i] + (i < 3 ? lam * tre : 0.0);
  const double trs = sd[0] + sd[1] + sd[2];
  double ss = 0;
  for (std::size_t i = 0; i < 6; ++i)
  {
    const double dev = sd[i] - (i < 3 ? trs / 3 : 0.0);
    ss += dev * dev;
  }
  const double vm = std::sqrt(1.5 * ss);
  for (std::size_t i = 0; i < 6; ++i)
    EXPECT_TRUE(near_rel(out.at("stress_rate").at(static_cast<std::int64_t>(i)), sd[i], 1e-12)) << i;
  EXPECT_TRUE(near_rel(out.at("vm_rate").at(0), vm));
  EXPECT_TRUE(near_rel(out.at("mix_per_t").at(0), (vm - 0.5 * trs) / t));
}

TEST(ComposedModels, ChainDerivatives)
{
  auto m = chain();
  test::check_derivatives(*m, test::random_inputs(*m, {6}, ranges));
}

TEST(ComposedModels, ChainBatchShapesAndBroadcasting)
{
  auto m = chain();
  test::check_batch_shapes(*m, ranges);
  // strain (3, 5), previous strain (5,), time (5,), previous time ()
  test::check_pointwise(*m, test::random_inputs(*m, {3, 5}, ranges, 21, {{"strain~1", {5}}, {"t", {5}}, {"t~1", {}}}),
                        {3, 5});
}

TEST(ComposedModels, SharedParameterModelFeedsACoefficient)
{
  auto m = chain("shared");
  EXPECT_EQ(m->input_spec().size(), 1u); // strain only: youngs is produced inside
  EXPECT_EQ(m->resolve_parameter("value"), "youngs.value");
  auto strain = test::random_tensor({4}, {6}, -0.01, 0.01, 9);
  auto stress = m->value({{"strain", strain}}).at("stress");
  const double E = 150e3, nu = 0.25, lam = E * nu / ((1 + nu) * (1 - 2 * nu)), mu = E / (2 * (1 + nu));
  for (std::int64_t p = 0; p < 4; ++p)
  {
    const double tr = strain.at(6 * p) + strain.at(6 * p + 1) + strain.at(6 * p + 2);
    for (int i = 0; i < 6; ++i)
      EXPECT_TRUE(near_rel(stress.at(6 * p + i), 2 * mu * strain.at(6 * p + i) + (i < 3 ? lam * tr : 0.0), 1e-12));
  }
  test::check_derivatives(*m, test::random_inputs(*m, {3}, ranges));
  m->set_parameter("youngs.value", Tensor::full({}, {}, 2 * E));
  auto doubled = m->value({{"strain", strain}}).at("stress");
  for (std::int64_t k = 0; k < 24; ++k)
    EXPECT_TRUE(near_rel(doubled.at(k), 2 * stress.at(k), 1e-12));
}

TEST(ComposedModels, Float32AgreesWithFloat64)
{
  auto m = chain();
  auto in = test::random_inputs(*m, {4}, ranges, 31);
  ValueMap in32;
  for (const auto & [n, t] : in)
    in32[n] = t.to(Dtype::Float32);
  auto out = m->value(in), out32 = m->value(in32);
  for (const auto & [n, t] : out)
  {
    ASSERT_EQ(out32.at(n).dtype(), Dtype::Float32) << n;
    const double scale = test::detail::max_abs(t);
    for (std::int64_t i = 0; i < t.numel(); ++i)
      EXPECT_NEAR(out32.at(n).at(i), t.at(i), 1e-5 * scale) << n << " " << i;
  }
}

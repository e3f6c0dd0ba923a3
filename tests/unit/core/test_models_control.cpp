// MixedControlSetup, RateCondensation and CoordinateDescentPredictor: component selection,
// the condensation against finite differences of the return path, the predicted rate against
// the condensed equation it solves (and the closed form of a linear law), and the warm start
// of examples/plasticity/viscoplasticity_cd_predictor.i: its first guess is at the root of the
// implicit update (the condensation is exact for linear hardening), and the converged history
// is that of the same model without a predictor.
#include <gtest/gtest.h>

#include <cmath>

#include "neml2/base/error.h"
#include "neml2/drivers/transient_driver.h"
#include "test_compile_util.h"
#include "test_plasticity_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
std::shared_ptr<Model>
control(const std::string & name)
{
  return load_model(data("control/models.i"), name);
}
} // namespace

TEST(MixedControlSetup, PicksEachComponentByTheControl)
{
  auto m = control("mixed");
  // Mandel control: stress prescribed on xx and yz (the shear component carries sqrt(2)).
  const auto c = sr2({1, 0, 0, 1, 0, 0});
  const std::array<double, 6> p = {10, 20, 30, 40, 50, 60}, x = {-1, -2, -3, -4, -5, -6};
  const auto out = m->value({{"control", c}, {"prescribed", sr2(p)}, {"mixed_state", sr2(x)}});
  expect_near_all(out.at("stress"), sr2({10, -2, -3, 40, -5, -6}), 0);
  expect_near_all(out.at("strain"), sr2({-1, 20, 30, -4, 50, 60}), 0);
  check_derivatives(*m, random_inputs(*m, {5}, {{"control", {0.0, 1.0}}}));
  check_batch_shapes(*m);
  // A control of exactly the threshold picks x_below; above it, x_above.
  auto t = control("mixed_threshold");
  const auto o2 = t->value({{"control", Tensor::from_values({}, {6}, std::array<double, 6>{2, 2.5, 0, 0, 0, 0})},
                            {"x_above", sr2({1, 1, 1, 1, 1, 1})},
                            {"x_below", sr2({})}});
  EXPECT_EQ(o2.at("y").at(0), 0.0);
  EXPECT_EQ(o2.at("y").at(1), 1.0);
  EXPECT_TRUE(throws_with<InputError>([] { control("mixed_same"); }, "three different variables"));
}

TEST(RateCondensation, LinearPathAndItsErrors)
{
  auto m = control("linear_condensation");
  EXPECT_EQ(m->find_input("gamma_rate"), nullptr); // the rate is set to zero inside
  const auto out = m->value({{"a", scalar(7)}});
  EXPECT_EQ(out.at("trial_driving_force").at(0), 7.0);
  EXPECT_EQ(out.at("coupling").at(0), 2.0);
  check_parameter_derivatives(*m, {{"a", scalar(7)}});
  EXPECT_TRUE(throws_with<InputError>([] { control("bad_rate"); }, "did you mean 'gamma_rate'?"));
}

TEST(CoordinateDescentPredictor, SolvesTheCondensedEquation)
{
  auto m = control("descent");
  // w + A (w / 100)^2 = b with the rate g = (w / 100)^2: check the equation at the answer.
  for (const auto & [A, b] : std::vector<std::pair<double, double>>{{1e3, 50}, {1e5, 300}, {0, 20}, {3e4, 1e-3}})
  {
    const double rate = m->value({{"coupling", scalar(A)}, {"trial_driving_force", scalar(b)}}).at("flow_rate").at(0);
    const double w = 100 * std::sqrt(rate);
    EXPECT_NEAR(w + A * rate, b, 1e-10 * b) << "A = " << A << ", b = " << b;
  }
  // Below yield (b <= 0) the Perzyna law gives no flow.
  EXPECT_EQ(m->value({{"coupling", scalar(1e3)}, {"trial_driving_force", scalar(-5)}}).at("flow_rate").at(0), 0.0);
  // A linear law, w + A w / 100 = b: rate = b / (100 + A).
  auto lin = control("descent_linear");
  EXPECT_TRUE(near_rel(
      lin->value({{"coupling", scalar(400)}, {"trial_driving_force", scalar(25)}}).at("flow_rate").at(0), 0.05, 1e-12));
  EXPECT_TRUE(throws_with<InputError>([] { control("descent_bad_input"); },
                                      "'stress' is not an input of the rate law 'perzyna'"));
}

namespace
{
const std::string cd_example = "plasticity/viscoplasticity_cd_predictor.i";

std::shared_ptr<TransientDriver>
run(const std::string & file)
{
  auto d = std::dynamic_pointer_cast<TransientDriver>(
      load_driver(example(file), "driver",
                  {"Drivers/driver/save_as=''", "Tensors/times/nstep=11", "Tensors/strains/nstep=11",
                   "Drivers/driver/show_progress=false"}));
  EXPECT_NE(d, nullptr);
  d->run();
  return d;
}
} // namespace

TEST(CoordinateDescentPredictor, WarmStartOfTheViscoplasticExample)
{
  // The condensation is exact for linear hardening: on the first step (no history) the
  // predicted unknowns already satisfy the backward-Euler residuals, to round-off, at every
  // one of the 20 strain rates; the cold guess (the previous values) does not.
  auto d = run(cd_example);
  const auto & r = d->results();
  auto predictor = load_model(example(cd_example), "predictor");
  auto residual = load_model(example(cd_example), "rate");
  ValueMap in;
  for (const auto & v : predictor->input_spec())
  {
    const auto & name = v.name;
    if (name.ends_with("~2"))
      in[name] = r[0].at(name.substr(0, name.size() - 2)); // no history: t~2 = t~1
    else if (name.ends_with("~1"))
      in[name] = r[0].at(name.substr(0, name.size() - 2));
    else
      in[name] = r[1].at(name);
  }
  const auto guess = predictor->value(in);
  ValueMap rin;
  for (const auto & v : residual->input_spec())
  {
    const auto & name = v.name;
    if (guess.count(name))
      rin[name] = guess.at(name);
    else if (name.ends_with("~1"))
      rin[name] = r[0].at(name.substr(0, name.size() - 2));
    else
      rin[name] = r[1].at(name);
  }
  const auto worst_residual = [&](const ValueMap & at) {
    double worst = 0;
    for (const auto & [n, t] : residual->value(at))
      for (std::int64_t i = 0; i < t.numel(); ++i)
        worst = std::max(worst, std::abs(t.at(i)));
    return worst;
  };
  const double warm = worst_residual(rin);
  for (const auto * u : {"stress", "equivalent_plastic_strain"}) // the cold guess: the previous values
    rin[u] = r[0].at(u);
  const double cold = worst_residual(rin);
  EXPECT_GT(cold, 1.0);
  EXPECT_LT(warm, 1e-8 * cold) << "cold " << cold << ", warm " << warm;
  // and the guess is not the trivial one
  double moved = 0;
  for (std::int64_t i = 0; i < guess.at("equivalent_plastic_strain").numel(); ++i)
    moved = std::max(moved, guess.at("equivalent_plastic_strain").at(i));
  EXPECT_GT(moved, 0.0);

  // The converged history equals the one without a predictor, to the solver's tolerance.
  auto plain = run("plasticity/viscoplasticity_isoharden.i");
  for (std::size_t k = 0; k < r.size(); ++k)
    for (const auto * name : {"stress", "equivalent_plastic_strain"})
    {
      const auto & a = r[k].at(name);
      const auto & b = plain->results()[k].at(name);
      for (std::int64_t i = 0; i < a.numel(); ++i)
        EXPECT_NEAR(a.at(i), b.at(i), 1e-8 * (1 + std::abs(b.at(i)))) << name << " step " << k;
    }
}

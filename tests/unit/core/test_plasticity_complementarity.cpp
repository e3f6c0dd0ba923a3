// FBComplementarity and MinMapComplementarity: values, sign options, derivatives off the kinks.
#include <gtest/gtest.h>

#include "test_plasticity_util.h"

using namespace neml2;
using namespace neml2::test;

TEST(PlasticityFBComplementarity, HandWorked)
{
  // NEML2's own case: a = 3.1, b = 2.5, both GE: 5.6 - sqrt(15.86) = 1.61753845...
  auto ge = plasticity("fb_ge");
  EXPECT_TRUE(near_rel(ge->value({{"a", scalar(3.1)}, {"b", scalar(2.5)}}).at("complementarity").at(0),
                       5.6 - std::sqrt(15.86)));
  // a LE (the yield function), b GE (the flow rate)
  auto m = plasticity("fb");
  auto r = [&](double f, double g) {
    return m->value({{"yield_function", scalar(f)}, {"flow_rate", scalar(g)}}).at("complementarity").at(0);
  };
  EXPECT_EQ(r(-2, 0), 0.0);                                 // elastic: f < 0, no flow
  EXPECT_TRUE(near_rel(r(1, 0.5), -0.5 - std::sqrt(1.25))); // -1 + 0.5 - sqrt(1.25)
  EXPECT_TRUE(near_rel(r(-1, 2), 3 - std::sqrt(5.0)));      // 1 + 2 - sqrt(5)
  EXPECT_EQ(r(0, 0.75), 0.0);                               // plastic: f = 0
  // r = -f + g - sqrt(f^2 + g^2): d r / d f = -1 - f / sqrt(f^2 + g^2), d r / d g = 1 - g / sqrt(...)
  auto [out, J] = m->jacobian({{"yield_function", scalar(3)}, {"flow_rate", scalar(4)}});
  EXPECT_TRUE(near_rel(out.at("complementarity").at(0), -4.0));
  EXPECT_TRUE(near_rel(J.at("complementarity").at("yield_function").at(0), -1 - 3.0 / 5.0));
  EXPECT_TRUE(near_rel(J.at("complementarity").at("flow_rate").at(0), 1 - 4.0 / 5.0));
  // Same on the stable branch (-f + g > 0): -(-3) + 4 - 5 = 2.
  auto [o2, J2] = m->jacobian({{"yield_function", scalar(-3)}, {"flow_rate", scalar(4)}});
  EXPECT_TRUE(near_rel(o2.at("complementarity").at(0), 2.0, 1e-15));
  EXPECT_TRUE(near_rel(J2.at("complementarity").at("yield_function").at(0), -1 + 3.0 / 5.0, 1e-15));
  EXPECT_TRUE(near_rel(J2.at("complementarity").at("flow_rate").at(0), 1 - 4.0 / 5.0, 1e-15));
  // Far in the elastic range the residual is g - g^2 / (2 |f|) + ..., with every digit.
  EXPECT_TRUE(near_rel(r(-1e8, 1e-3), 1e-3 - 0.5e-14, 1e-15));
}

TEST(PlasticityFBComplementarity, DerivativeAtTheOriginIsFinite)
{
  auto m = plasticity("fb");
  auto [out, J] = m->jacobian({{"yield_function", scalar(0)}, {"flow_rate", scalar(0)}});
  EXPECT_EQ(out.at("complementarity").at(0), 0.0);
  EXPECT_EQ(J.at("complementarity").at("yield_function").at(0), -1.0);
  EXPECT_EQ(J.at("complementarity").at("flow_rate").at(0), 1.0);
}

TEST(PlasticityMinMapComplementarity, HandWorked)
{
  auto m = plasticity("minmap");
  auto eval = [&](double f, double g) {
    return m->jacobian({{"yield_function", scalar(f)}, {"flow_rate", scalar(g)}});
  };
  {
    auto [out, J] = eval(3.1, 2.5); // min(-3.1, 2.5): the yield function is active
    EXPECT_EQ(out.at("complementarity").at(0), -3.1);
    EXPECT_EQ(J.at("complementarity").at("yield_function").at(0), -1.0);
    EXPECT_EQ(J.at("complementarity").at("flow_rate").at(0), 0.0);
  }
  {
    auto [out, J] = eval(-3, 1); // min(3, 1): the flow rate is active
    EXPECT_EQ(out.at("complementarity").at(0), 1.0);
    EXPECT_EQ(J.at("complementarity").at("yield_function").at(0), 0.0);
    EXPECT_EQ(J.at("complementarity").at("flow_rate").at(0), 1.0);
  }
  {
    auto [out, J] = eval(-1, 1); // a tie follows b, as NEML2
    EXPECT_EQ(out.at("complementarity").at(0), 1.0);
    EXPECT_EQ(J.at("complementarity").at("flow_rate").at(0), 1.0);
    EXPECT_EQ(J.at("complementarity").at("yield_function").at(0), 0.0);
  }
  auto s = plasticity("minmap_ge_le"); // min(a, -b)
  EXPECT_EQ(s->value({{"a", scalar(2)}, {"b", scalar(1)}}).at("r").at(0), -1.0);
  EXPECT_EQ(s->value({{"a", scalar(-2)}, {"b", scalar(1)}}).at("r").at(0), -2.0);
}

TEST(PlasticityComplementarity, Derivatives)
{
  // FB is smooth away from the origin; the min map away from -f = g (f in (-3, -1), g in (0, 0.5):
  // g active; f in (0.5, 1): f active).
  for (const auto * name : {"fb", "minmap"})
  {
    auto m = plasticity(name);
    check_derivatives(*m, random_inputs(*m, {5}, {{"yield_function", {-3, -1}}, {"flow_rate", {0, 0.5}}}));
    check_derivatives(*m, random_inputs(*m, {5}, {{"yield_function", {0.5, 1}}, {"flow_rate", {0, 2}}}));
    check_batch_shapes(*m);
  }
  auto m = plasticity("fb_ge");
  check_derivatives(*m, random_inputs(*m, {5}));
}

// The seed's elasticity model evaluated eagerly against the closed-form isotropic law.
#include <gtest/gtest.h>

#include "neml2/models/model.h"
#include "test_util.h"

using namespace neml2;

namespace
{
// Closed form: σ = λ tr(ε) I + 2 μ ε with Mandel shear components scaling the same way.
std::vector<double>
closed_form(const std::vector<double> & e, double E, double nu)
{
  const double lam = E * nu / ((1 + nu) * (1 - 2 * nu)), mu = E / (2 * (1 + nu));
  const double tr = e[0] + e[1] + e[2];
  std::vector<double> s(6);
  for (int i = 0; i < 6; ++i)
    s[i] = 2 * mu * e[i] + (i < 3 ? lam * tr : 0.0);
  return s;
}
} // namespace

TEST(Elasticity, SeedNumbersMatchClosedForm)
{
  auto model = load_model(test::example("elasticity/input.i"), "elasticity");
  const std::vector<double> e = {0.01, 0, 0, 0, 0, 0, 0.005, -0.002, 0, 0, 0, 0.001};
  auto strain = Tensor::from_values({2}, {6}, e);
  auto out = model->value({{"strain", strain}});
  const auto & stress = out.at("stress");
  ASSERT_EQ(stress.batch_shape(), (Shape{2}));
  for (int p = 0; p < 2; ++p)
  {
    auto ref = closed_form(std::vector<double>(e.begin() + 6 * p, e.begin() + 6 * p + 6), 200e3, 0.3);
    for (int i = 0; i < 6; ++i)
      EXPECT_NEAR(stress.at(6 * p + i), ref[static_cast<std::size_t>(i)], 1e-12 * std::abs(ref[0]));
  }
  // The seed's printed digits.
  EXPECT_NEAR(stress.at(0), 2692.3077, 1e-4);
  EXPECT_NEAR(stress.at(1), 1153.8462, 1e-4);
  EXPECT_NEAR(stress.at(6), 1115.3846, 1e-4);
  EXPECT_NEAR(stress.at(7), 38.4615, 1e-4);
  EXPECT_NEAR(stress.at(8), 346.1538, 1e-4);
  EXPECT_NEAR(stress.at(11), 153.8462, 1e-4);
}

TEST(Elasticity, JacobianIsTheIsotropicStiffness)
{
  auto model = load_model(test::example("elasticity/input.i"), "elasticity");
  auto strain = Tensor::from_values({2}, {6}, std::vector<double>{0.01, 0, 0, 0, 0, 0, 0.005, -0.002, 0, 0, 0, 0.001});
  auto [out, J] = model->jacobian({{"strain", strain}});
  const auto & block = J.at("stress").at("strain");
  ASSERT_EQ(block.shape(), (Shape{2, 6, 6}));
  const double E = 200e3, nu = 0.3;
  const double lam = E * nu / ((1 + nu) * (1 - 2 * nu)), mu = E / (2 * (1 + nu));
  for (int p = 0; p < 2; ++p)
    for (int i = 0; i < 6; ++i)
      for (int j = 0; j < 6; ++j)
      {
        double ref = (i == j ? 2 * mu : 0.0) + (i < 3 && j < 3 ? lam : 0.0);
        EXPECT_NEAR(block.at(p * 36 + i * 6 + j), ref, 1e-9 * E);
      }
  EXPECT_NEAR(block.at(0), 269230.7692, 1e-4);
  EXPECT_NEAR(block.at(1), 115384.6154, 1e-4);
}

// SR2Invariant: closed-form invariants, their derivatives, and the zero-deviator safeguard.
#include <cmath>

#include <gtest/gtest.h>

#include "fd_check.h"

using namespace neml2;
using test::near_rel;

namespace
{
std::shared_ptr<Model>
common(const std::string & name)
{
  return load_model(test::data("models/common.i"), name);
}

const double r2 = std::sqrt(2.0);
// A = [1 6 5; 6 2 4; 5 4 3] in Mandel notation (NEML2's own test tensor).
const std::vector<double> A = {1, 2, 3, 4 * r2, 5 * r2, 6 * r2};

Tensor
sr2(const std::vector<double> & v)
{
  return Tensor::from_values({}, {6}, v);
}
} // namespace

TEST(SR2Invariant, HandWorkedValues)
{
  // tr = 6; A:A = 1 + 4 + 9 + 2 (16 + 25 + 36) = 168; dev diagonal (-1, 0, 1) so S:S = 2 + 154 = 156.
  EXPECT_TRUE(near_rel(common("i1")->value({{"A", sr2(A)}}).at("i").at(0), 6));
  EXPECT_TRUE(near_rel(common("i2")->value({{"A", sr2(A)}}).at("i").at(0), (36 - 168) / 2.0));
  EXPECT_TRUE(near_rel(common("vm")->value({{"A", sr2(A)}}).at("i").at(0), std::sqrt(234.0)));
  EXPECT_TRUE(near_rel(common("eff")->value({{"A", sr2(A)}}).at("i").at(0), std::sqrt(112.0)));
  // NEML2's printed digits
  EXPECT_NEAR(common("vm")->value({{"A", sr2(A)}}).at("i").at(0), 15.2970585408, 1e-9);
  EXPECT_NEAR(common("eff")->value({{"A", sr2(A)}}).at("i").at(0), 10.5830052, 1e-7);
}

TEST(SR2Invariant, HandWorkedDerivatives)
{
  // dI1/dA = I; dI2/dA = tr(A) I - A; dvm/dA = 3/2 S / vm; deff/dA = 2/3 A / eff.
  const double tr = 6, vm = std::sqrt(234.0), eff = std::sqrt(112.0);
  const std::vector<double> S = {-1, 0, 1, A[3], A[4], A[5]};
  auto d = [&](const char * name, int i) {
    return common(name)->jacobian({{"A", sr2(A)}}).second.at("i").at("A").at(i);
  };
  for (int i = 0; i < 6; ++i)
  {
    const auto k = static_cast<std::size_t>(i);
    EXPECT_TRUE(near_rel(d("i1", i), i < 3 ? 1.0 : 0.0, 0)) << i;
    EXPECT_TRUE(near_rel(d("i2", i), (i < 3 ? tr : 0.0) - A[k])) << i;
    if (i != 1) // S[1] = 0: compared absolutely below
    {
      EXPECT_TRUE(near_rel(d("vm", i), 1.5 * S[k] / vm)) << i;
    }
    EXPECT_TRUE(near_rel(d("eff", i), 2.0 / 3.0 * A[k] / eff)) << i;
  }
  EXPECT_NEAR(d("vm", 1), 0.0, 1e-15);
}

TEST(SR2Invariant, ZeroArgumentHasZeroValueAndFiniteDerivative)
{
  // A purely volumetric tensor has no deviator: von Mises is exactly 0 with derivative 0.
  for (const auto * name : {"vm", "eff"})
  {
    const auto a = std::string(name) == "vm" ? std::vector<double>{2, 2, 2, 0, 0, 0} : std::vector<double>(6, 0.0);
    auto [out, J] = common(name)->jacobian({{"A", sr2(a)}});
    EXPECT_EQ(out.at("i").at(0), 0.0) << name;
    for (int i = 0; i < 6; ++i)
      EXPECT_EQ(J.at("i").at("A").at(i), 0.0) << name << " component " << i;
    auto [v, t] = common(name)->jvp({{"A", sr2(a)}}, {{"A", sr2({1, -1, 0.5, 0.2, 0.3, -0.4})}});
    EXPECT_TRUE(std::isfinite(t.at("i").at(0))) << name;
  }
}

TEST(SR2Invariant, Derivatives)
{
  for (const auto * name : {"i1", "i2", "vm", "eff"})
  {
    auto m = common(name);
    test::check_derivatives(*m, test::random_inputs(*m, {6}));
  }
}

TEST(SR2Invariant, BatchShapes)
{
  for (const auto * name : {"i1", "i2", "vm", "eff"})
    test::check_batch_shapes(*common(name));
}

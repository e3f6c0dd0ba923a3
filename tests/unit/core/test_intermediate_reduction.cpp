// SR2IntermediateSum, SR2IntermediateMean and SR2IntermediateDiff against sums and differences
// written out here, their derivatives against finite differences, and their sub-batch sizes.
#include <gtest/gtest.h>

#include "fd_check.h"
#include "neml2/base/error.h"
#include "test_compile_util.h"

namespace neml2::test
{
namespace
{
const std::string input = data("models/intermediate.i");

/// Component c of x at sub-batch entry (i, j) of point b, for x of sub-batch (3, 4).
double
x_at(const Tensor & x, std::int64_t b, std::int64_t i, std::int64_t j, std::int64_t c)
{
  return x.at(((b * 3 + i) * 4 + j) * 6 + c);
}
} // namespace

TEST(IntermediateReduction, ValuesAgainstSumsWrittenOut)
{
  const auto x = random_tensor({2}, {3, 4, 6}, -1.0, 1.0, 11);
  {
    auto sum = load_model(input, "sum");
    auto mean = load_model(input, "mean");
    EXPECT_EQ(sum->find_output("y")->sub_batch, (Shape{3}));
    const auto ys = sum->value({{"x", x}}).at("y");
    const auto ym = mean->value({{"x", x}}).at("y");
    ASSERT_EQ(ys.base_shape(), (Shape{3, 6}));
    for (std::int64_t b = 0; b < 2; ++b)
      for (std::int64_t i = 0; i < 3; ++i)
        for (std::int64_t c = 0; c < 6; ++c)
        {
          double s = 0;
          for (std::int64_t j = 0; j < 4; ++j)
            s += x_at(x, b, i, j, c);
          EXPECT_NEAR(ys.at((b * 3 + i) * 6 + c), s, 1e-14);
          EXPECT_NEAR(ym.at((b * 3 + i) * 6 + c), s / 4, 1e-14);
        }
  }
  {
    // Second difference along the grains: x[i+2] - 2 x[i+1] + x[i].
    auto diff = load_model(input, "diff_first");
    EXPECT_EQ(diff->find_output("y")->sub_batch, (Shape{1, 4}));
    const auto y = diff->value({{"x", x}}).at("y");
    for (std::int64_t b = 0; b < 2; ++b)
      for (std::int64_t j = 0; j < 4; ++j)
        for (std::int64_t c = 0; c < 6; ++c)
          EXPECT_NEAR(y.at(((b * 1) * 4 + j) * 6 + c),
                      x_at(x, b, 2, j, c) - 2 * x_at(x, b, 1, j, c) + x_at(x, b, 0, j, c), 1e-14);
  }
  {
    auto diff = load_model(input, "diff_last");
    EXPECT_EQ(diff->find_output("y")->sub_batch, (Shape{3, 3}));
    const auto y = diff->value({{"x", x}}).at("y");
    for (std::int64_t b = 0; b < 2; ++b)
      for (std::int64_t i = 0; i < 3; ++i)
        for (std::int64_t j = 0; j < 3; ++j)
          for (std::int64_t c = 0; c < 6; ++c)
            EXPECT_EQ(y.at(((b * 3 + i) * 3 + j) * 6 + c), x_at(x, b, i, j + 1, c) - x_at(x, b, i, j, c));
  }
}

TEST(IntermediateReduction, DerivativesMatchFiniteDifferences)
{
  for (const auto * name : {"sum", "mean", "diff_first", "diff_last"})
  {
    SCOPED_TRACE(name);
    auto m = load_model(input, name);
    check_input_and_parameter_derivatives(*m, {{"x", random_tensor({3}, {3, 4, 6}, -1.0, 1.0, 5)}});
  }
}

TEST(IntermediateReduction, AxesThatAreNotThereAreRefused)
{
  EXPECT_TRUE(throws_with<InputError>([] { load_model(input, "too_short"); },
                                      "the difference of order 3 along axis 0 of 'x' needs more than 3 entries, but "
                                      "it has 3"));
}
} // namespace neml2::test

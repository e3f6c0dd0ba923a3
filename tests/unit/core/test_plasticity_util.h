// Helpers shared by the plasticity model tests.
#pragma once

#include <cmath>

#include "fd_check.h"

namespace neml2::test
{
inline std::shared_ptr<Model>
plasticity(const std::string & name)
{
  return load_model(data("plasticity/models.i"), name);
}

inline Tensor
scalar(double v)
{
  return Tensor::full({}, {}, v);
}

/// An SR2 from its tensor components (xx yy zz yz xz xy), stored as Mandel.
inline Tensor
sr2(std::array<double, 6> c)
{
  for (std::size_t i = 3; i < 6; ++i)
    c[i] *= std::sqrt(2.0);
  return Tensor::from_values({}, {6}, c);
}

/// Expects every component of `got` to match `want` (relative).
inline void
expect_near_all(const Tensor & got, const Tensor & want, double rtol = 1e-12, double atol = 0)
{
  ASSERT_EQ(got.numel(), want.numel());
  for (std::int64_t i = 0; i < got.numel(); ++i)
    EXPECT_NEAR(got.at(i), want.at(i), rtol * std::abs(want.at(i)) + atol) << "component " << i;
}
} // namespace neml2::test

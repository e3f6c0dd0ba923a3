// Helpers shared by the unit tests: paths, finite differences, random inputs.
#pragma once

#include <random>
#include <string>

#include "neml2/models/model.h"

namespace neml2::test
{
inline std::string
example(const std::string & rel)
{
  return std::string(NEML2_SOURCE_DIR) + "/examples/" + rel;
}

inline std::string
data(const std::string & rel)
{
  return std::string(NEML2_TEST_DATA_DIR) + "/" + rel;
}

/// Uniform random values in [lo, hi) for a tensor of the given shapes (fixed seed).
inline Tensor
random_tensor(const Shape & batch, const Shape & base, double lo, double hi, unsigned seed)
{
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(lo, hi);
  auto t = Tensor::zeros(batch, base);
  for (std::int64_t i = 0; i < t.numel(); ++i)
    t.set(i, u(rng));
  return t;
}
} // namespace neml2::test

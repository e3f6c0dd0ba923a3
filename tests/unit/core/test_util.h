// Helpers shared by the unit tests: paths, finite differences, random inputs.
#pragma once

#include <filesystem>
#include <random>
#include <string>

#include <unistd.h>

#include "neml2/models/model.h"
#include "test_paths.h"

namespace neml2::test
{
inline std::string
example(const std::string & rel)
{
  return neml2::test::source_dir() + "/examples/" + rel;
}

inline std::string
data(const std::string & rel)
{
  return neml2::test::test_data_dir() + "/" + rel;
}

/// A path in a scratch folder of this test process, removed with everything in it at exit.
inline std::string
scratch_path(const std::string & name)
{
  struct Dir
  {
    std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("neml2_test_scratch_" + std::to_string(::getpid()));
    ~Dir()
    {
      std::error_code ec;
      std::filesystem::remove_all(dir, ec);
    }
  };
  static Dir d;
  std::filesystem::create_directories(d.dir);
  return (d.dir / name).string();
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

// CSV generators read from tests/data/tensors (paths relative to the input file).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "neml2/base/factory.h"
#include "neml2/base/tensor_object.h"
#include "test_util.h"

using namespace neml2;

namespace
{
Tensor
get(const std::string & name)
{
  static auto factory = Factory::from_file(test::data("tensors/generators.i"));
  return factory->get_tensor(name)->value();
}

void
expect_values(const Tensor & t, const Shape & batch, const std::vector<double> & want)
{
  EXPECT_EQ(t.batch_shape(), batch);
  ASSERT_EQ(t.numel(), static_cast<std::int64_t>(want.size()));
  for (std::size_t i = 0; i < want.size(); ++i)
    EXPECT_DOUBLE_EQ(t.at(static_cast<std::int64_t>(i)), want[i]) << "component " << i;
}

/// The strain rows of data.csv (s (1, 2, 3, 4, 5, 6) for s = 0.001, 0.01, 1), taken as Mandel
/// values (NEML2's default) or, with `physical`, as tensor components whose shear ones get √2.
std::vector<double>
strain_rows(bool physical = false)
{
  const double r2 = std::sqrt(2.0);
  std::vector<double> v;
  for (double s : {0.001, 0.01, 1.0})
    for (int i = 0; i < 6; ++i)
      v.push_back(s * (i + 1) * (i < 3 || !physical ? 1.0 : r2));
  return v;
}
} // namespace

TEST(GeneratorsCsv, ScalarColumn)
{
  expect_values(get("csv_time"), {3}, {0, 1, 2});
}

TEST(GeneratorsCsv, SR2ColumnsAreMandelValuesAsInNEML2)
{
  expect_values(get("csv_strain_names"), {3}, strain_rows());
  expect_values(get("csv_strain_indices"), {3}, strain_rows());
  // one name expands to name_xx ... name_xy
  expect_values(get("csv_strain"), {3}, strain_rows());
}

TEST(GeneratorsCsv, ApplyMandelReadsTensorComponents)
{
  expect_values(get("csv_strain_physical"), {3}, strain_rows(true));
}

TEST(GeneratorsCsv, VariableNamesColumnsByNEML2Suffixes)
{
  expect_values(get("csv_time_variable"), {3}, {0, 1, 2});
  expect_values(get("csv_strain_variable"), {3}, strain_rows());
  // a WR2's columns are <variable>_zy, _xz, _yx: its axial vector
  expect_values(get("csv_spin_variable"), {1}, {0.1, 0.2, 0.3});
}

TEST(GeneratorsCsv, DelimitersHeadersAndStartingRow)
{
  expect_values(get("csv_space"), {2}, {1.5, 2.5, 3.5, 4, 5, 6});
  // columns z y x, after two comment lines
  expect_values(get("csv_comment"), {2}, {3, 2, 1, 6, 5, 4});
}

TEST(GeneratorsCsv, MultiColumnScalar)
{
  // column-major: one row per column (time, strain_xx)
  expect_values(get("multi"), {2, 3}, {0, 1, 2, 0.001, 0.01, 1});
  expect_values(get("multi_row"), {3, 2}, {0, 0.001, 1, 0.01, 2, 1});
}

TEST(GeneratorsCsv, PathIsRelativeToTheInputFile)
{
  // Run from somewhere else: the CSV files are still found next to generators.i.
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(std::filesystem::temp_directory_path());
  try
  {
    auto f = Factory::from_file(test::data("tensors/generators.i"));
    expect_values(f->get_tensor("csv_time")->value(), {3}, {0, 1, 2});
  }
  catch (...)
  {
    std::filesystem::current_path(cwd);
    throw;
  }
  std::filesystem::current_path(cwd);
}

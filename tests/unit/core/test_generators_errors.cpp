// Bad [Tensors] blocks (tests/data/tensors/errors.i): each gives an InputError located at the
// offending option (file:line:col) with a message that says what is wrong.
#include <gtest/gtest.h>

#include <fstream>

#include "neml2/base/factory.h"
#include "neml2/base/tensor_object.h"
#include "test_util.h"

using namespace neml2;

namespace
{
const std::string file = test::data("tensors/errors.i");

/// "errors.i:<line>:" of option `key` in block [name] (of the header when `key` is empty).
std::string
location(const std::string & name, const std::string & key)
{
  std::ifstream in(file);
  std::string line;
  bool inside = false;
  for (int n = 1; std::getline(in, line); ++n)
  {
    const auto text = line.substr(std::min(line.size(), line.find_first_not_of(' ')));
    if (text == "[" + name + "]")
    {
      inside = true;
      if (key.empty())
        return "errors.i:" + std::to_string(n) + ":";
    }
    else if (inside && text.rfind(key + " =", 0) == 0)
      return "errors.i:" + std::to_string(n) + ":";
  }
  ADD_FAILURE() << "no option '" << key << "' in block [" << name << "] of " << file;
  return "";
}

/// Building [Tensors/name] throws an InputError at option `key` whose message has `what`.
void
expect_error(const std::string & name, const std::string & key, const std::string & what)
{
  auto f = Factory::from_file(file);
  try
  {
    (void)f->get_tensor(name);
    ADD_FAILURE() << "[Tensors/" << name << "] should not build";
  }
  catch (const InputError & e)
  {
    const std::string msg = e.what();
    EXPECT_NE(msg.find(location(name, key)), std::string::npos) << name << ": " << msg;
    EXPECT_NE(msg.find(what), std::string::npos) << name << ": " << msg;
  }
}
} // namespace

TEST(GeneratorErrors, FillCounts)
{
  expect_error("fill_sr2_count", "values", "an SR2 is filled with 1, 3 or 6 value(s), got 2");
  expect_error("fill_r2_count", "values", "an R2 is filled with 1, 3, 6 or 9 value(s), got 4");
  expect_error("fill_wr2_count", "values", "a WR2 is filled with 3 value(s), got 4");
}

TEST(GeneratorErrors, FillValueNames)
{
  expect_error("fill_unknown_name", "values", "'tow' is neither a number nor the name of a [Tensors] object");
  expect_error("fill_unknown_name", "values", "did you mean 'two'?");
  expect_error("fill_wrong_type", "values", "[Tensors/sr2_ok] is an SR2, but a Scalar is needed here");
  expect_error("fill_no_broadcast", "values", "cannot be broadcast");
}

TEST(GeneratorErrors, FullAndValues)
{
  expect_error("full_bad_shape", "batch_shape", "'2,3' is not a shape");
  expect_error("full_no_value", "", "missing the required option 'value'");
  expect_error("values_count", "values", "the number of values must be a multiple of 6; got 4");
  expect_error("values_batch_count", "values", "batch shape (2,) of a Vec needs 6 value(s), got 3");
}

TEST(GeneratorErrors, Spacing)
{
  expect_error("lin_nstep", "nstep", "nstep must be at least 1, got 0");
  expect_error("lin_dim", "dim", "dim must be in [-2, 1]");
  expect_error("lin_wrong_type", "start", "[Tensors/sr2_ok] is an SR2, but a Scalar is needed here");
  expect_error("lin_no_broadcast", "end", "cannot be broadcast");
}

TEST(GeneratorErrors, CsvFiles)
{
  expect_error("csv_missing", "csv_file", "cannot find the CSV file 'no_such_file.csv'");
  expect_error("csv_bad_cell", "csv_file", "line 3 of");
  expect_error("csv_bad_cell", "csv_file", "'oops' in column 'b' is not a number");
  expect_error("csv_ragged", "csv_file", "line 3 of");
  expect_error("csv_ragged", "csv_file", "has 2 field(s), but the header has 3");
  expect_error("csv_starting_row", "starting_row", "starting_row must be 0 or more");
}

TEST(GeneratorErrors, CsvColumns)
{
  expect_error("csv_unknown_column", "column_names", "no column 'strain_ww'");
  expect_error("csv_unknown_column", "column_names", "did you mean 'strain_xx'?");
  expect_error("csv_column_count", "column_names", "an SR2 needs 6 column(s), but 2 are selected");
  expect_error("csv_all_columns_count", "csv_file", "an SR2 needs 6 column(s), but");
  expect_error("csv_all_columns_count", "csv_file", "has 7; select them with column_names or column_indices");
  expect_error("csv_index_range", "column_indices", "column index 7 is out of range");
  expect_error("csv_index_word", "column_indices", "'one' is not a column index");
  expect_error("csv_names_and_indices", "column_indices", "set only one of variable, column_names and column_indices");
  expect_error("csv_variable_and_names", "variable", "set only one of variable, column_names and column_indices");
  expect_error("csv_variable_missing", "variable", "no column 'stress_xx' in");
  expect_error("csv_names_no_header", "column_names", "select columns with column_indices");
}

TEST(GeneratorErrors, PythonTensorsNeedThePythonPackage)
{
  // No evaluator is installed in a C++ program: the error says where and how to run the file.
  expect_error("python_without_the_package", "expr", "evaluated by the Python package");
  expect_error("python_without_the_package", "expr", "`pip install` puts on PATH");
}

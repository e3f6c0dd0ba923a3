// Reading the CSV files of the CSV<Type> and MultiColumnCSVScalar generators.
#pragma once

#include <string>
#include <vector>

#include "neml2/base/options.h"
#include "neml2/tensors/types.h"

namespace neml2::generators
{
/// The options every CSV generator has (NEML2's CSVReader): csv_file, column_names,
/// column_indices, delimiter, no_header, starting_row.
OptionSchema csv_options();

/// A CSV file read as text: the header (empty without one) and the data rows.
struct CsvTable
{
  std::string path; ///< as resolved
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> row_lines; ///< 1-based line of each data row in the file
};

/// Reads the file of option csv_file: a relative path is taken relative to the input file's
/// directory, then to the working directory. Errors are InputErrors at the option.
CsvTable read_csv(const Options & o);

/**
 * The column indices the options select: column_names or column_indices (not both), or every
 * column. With `expected` > 0 the count must match; a single name `x` for a `kind` with several
 * components also selects the columns x_<suffix> (SR2: x_xx x_yy x_zz x_yz x_xz x_xy; R2: x_xx ...
 * x_zz row-major; Vec, WR2, MRP, MillerIndex: x_x x_y x_z).
 */
std::vector<std::size_t> csv_columns(const Options & o, const CsvTable & t, std::size_t expected, TypeKind kind);

/// The selected columns as numbers, row-major (row, column); an InputError names the row's
/// line and the column of a cell that is not a number.
std::vector<double> csv_values(const Options & o, const CsvTable & t, const std::vector<std::size_t> & cols);
} // namespace neml2::generators

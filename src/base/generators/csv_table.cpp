// Reading the CSV files of the CSV generators (see csv_table.h).
#include "csv_table.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "generator_util.h"
#include "neml2/base/number_word.h"
#include "neml2/hit/hit.h"

namespace neml2::generators
{
namespace fs = std::filesystem;

namespace
{
std::string
trim(const std::string & s)
{
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos)
    return "";
  const auto e = s.find_last_not_of(" \t\r");
  auto out = s.substr(b, e - b + 1);
  if (out.size() >= 2 && out.front() == '"' && out.back() == '"')
    out = out.substr(1, out.size() - 2);
  return out;
}

std::vector<std::string>
split(const std::string & line, char delim)
{
  std::vector<std::string> out;
  if (delim == ' ')
  {
    std::string cur;
    for (char c : line + ' ')
      if (c == ' ' || c == '\t' || c == '\r')
      {
        if (!cur.empty())
          out.push_back(trim(cur));
        cur.clear();
      }
      else
        cur += c;
    return out;
  }
  std::size_t b = 0;
  while (true)
  {
    const auto e = line.find(delim, b);
    out.push_back(trim(line.substr(b, e == std::string::npos ? std::string::npos : e - b)));
    if (e == std::string::npos)
      return out;
    b = e + 1;
  }
}

char
delimiter(const Options & o)
{
  const auto d = o.get_string("delimiter");
  return d == "SEMICOLON" ? ';' : d == "SPACE" ? ' ' : d == "TAB" ? '\t' : ',';
}

fs::path
resolve_path(const Options & o)
{
  fs::path p = o.get_string("csv_file");
  if (p.empty())
    throw o.error("csv_file", "the CSV file name is empty");
  if (p.is_absolute())
    return p;
  std::vector<fs::path> tried;
  const fs::path input = o.location_of("csv_file").file;
  std::error_code ec;
  if (!input.empty() && fs::is_regular_file(input, ec))
    tried.push_back(input.parent_path() / p);
  tried.push_back(p);
  for (const auto & c : tried)
    if (fs::is_regular_file(c, ec))
      return c;
  std::vector<std::string> names;
  for (const auto & c : tried)
    names.push_back(c.string());
  throw o.error("csv_file",
                fmt::format("cannot find the CSV file '{}' (looked for {})", p.string(), fmt::join(names, " and ")));
}

std::vector<std::string>
suffixes(TypeKind k)
{
  switch (k)
  {
    case TypeKind::SR2:
      return {"xx", "yy", "zz", "yz", "xz", "xy"};
    case TypeKind::R2:
      return {"xx", "xy", "xz", "yx", "yy", "yz", "zx", "zy", "zz"};
    case TypeKind::WR2:
      return {"zy", "xz", "yx"}; // NEML2's order: the axial vector's components W_zy, W_xz, W_yx
    case TypeKind::Vec:
    case TypeKind::MRP:
    case TypeKind::MillerIndex:
      return {"x", "y", "z"};
    case TypeKind::Scalar:
    case TypeKind::SSR4:
    case TypeKind::Quaternion:
      break;
  }
  return {};
}

/// The columns option `variable` names (NEML2's convention): the name itself for one component,
/// else <variable>_<suffix> for each component.
std::vector<std::string>
variable_columns(const Options & o, TypeKind kind)
{
  const auto variable = o.get_string("variable");
  if (numel(base_shape(kind)) == 1)
    return {variable};
  std::vector<std::string> names;
  for (const auto & s : suffixes(kind))
    names.push_back(variable + "_" + s);
  if (names.empty())
    throw o.error("variable", fmt::format("{} has no column-name convention for variable; list its columns with "
                                          "column_names or column_indices",
                                          type_with_article(kind)));
  return names;
}

std::size_t
column_count(const CsvTable & t)
{
  if (!t.header.empty())
    return t.header.size();
  return t.rows.empty() ? 0 : t.rows[0].size();
}
} // namespace

OptionSchema
csv_options()
{
  return OptionSchema()
      .required("csv_file", OptionKind::String, "path of the CSV file, relative to the input file")
      .optional("variable", OptionKind::String, "",
                "the variable whose columns to read, named by NEML2's suffix convention: the name itself "
                "for a Scalar, <variable>_xx _yy _zz _yz _xz _xy for an SR2, _x _y _z for a Vec, _zy _xz _yx "
                "for a WR2, _xx _xy ... _zz for an R2")
      .optional("column_names", OptionKind::Strings, "", "names of the columns to read, in order")
      .optional("column_indices", OptionKind::Strings, "", "0-based indices of the columns to read, in order")
      .choice("delimiter", {"COMMA", "SEMICOLON", "SPACE", "TAB"}, "COMMA", "field delimiter")
      .optional("no_header", OptionKind::Bool, "false", "the file has no header row")
      .optional("starting_row", OptionKind::Int, "0",
                "0-based line where the file starts (the header, or the first data row without one); "
                "earlier lines are skipped");
}

CsvTable
read_csv(const Options & o)
{
  const auto start = o.get_int("starting_row");
  if (start < 0)
    throw o.error("starting_row", fmt::format("starting_row must be 0 or more, got {}", start));
  CsvTable t;
  const auto path = resolve_path(o);
  t.path = path.string();
  std::ifstream in(path);
  if (!in)
    throw o.error("csv_file", fmt::format("cannot read the CSV file '{}'", t.path));
  const char delim = delimiter(o);
  const bool header = !o.get_bool("no_header");
  std::string line;
  for (int lineno = 1; std::getline(in, line); ++lineno)
  {
    if (lineno <= start || trim(line).empty())
      continue;
    auto fields = split(line, delim);
    if (header && t.header.empty())
    {
      t.header = std::move(fields);
      continue;
    }
    const auto ncol = column_count(t);
    if (ncol != 0 && fields.size() != ncol)
      throw o.error("csv_file", fmt::format("line {} of '{}' has {} field(s), but {} has {}", lineno, t.path,
                                            fields.size(), header ? "the header" : "the first row", ncol));
    t.rows.push_back(std::move(fields));
    t.row_lines.push_back(lineno);
  }
  if (t.rows.empty())
    throw o.error("csv_file", fmt::format("the CSV file '{}' has no data rows", t.path));
  return t;
}

std::vector<std::size_t>
csv_columns(const Options & o, const CsvTable & t, std::size_t expected, TypeKind kind)
{
  const bool by_variable = o.has("variable"), by_name = o.has("column_names"), by_index = o.has("column_indices");
  if (by_variable + by_name + by_index > 1)
    throw o.error(by_variable ? "variable" : "column_indices",
                  "set only one of variable, column_names and column_indices");
  const auto ncol = column_count(t);
  std::vector<std::size_t> cols;
  std::string option = "csv_file";
  if (by_name || by_variable)
  {
    option = by_name ? "column_names" : "variable";
    if (t.header.empty())
      throw o.error(option, "the CSV file has no header (no_header = true); select columns with column_indices");
    auto names = by_name ? o.get_strings(option) : variable_columns(o, kind);
    auto find = [&](const std::string & n) {
      return static_cast<std::size_t>(std::find(t.header.begin(), t.header.end(), n) - t.header.begin());
    };
    if (by_name && names.size() == 1 && expected > 1 && find(names[0]) == ncol)
    {
      const auto sfx = suffixes(kind);
      if (sfx.size() == expected)
      {
        const auto prefix = names[0];
        names.clear();
        for (const auto & s : sfx)
          names.push_back(prefix + "_" + s);
      }
    }
    for (const auto & n : names)
    {
      const auto c = find(n);
      if (c == ncol)
      {
        const auto near = hit::nearest(n, t.header);
        throw o.error(option, fmt::format("no column '{}' in '{}'{}; its columns are: {}", n, t.path,
                                          near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near),
                                          fmt::join(t.header, ", ")));
      }
      cols.push_back(c);
    }
  }
  else if (by_index)
  {
    option = "column_indices";
    for (const auto & w : o.get_strings(option))
    {
      std::size_t c = 0;
      auto [end, ec] = std::from_chars(w.data(), w.data() + w.size(), c);
      if (ec != std::errc() || end != w.data() + w.size())
        throw o.error(option, fmt::format("'{}' is not a column index (0, 1, 2, ...)", w));
      if (c >= ncol)
        throw o.error(option, fmt::format("column index {} is out of range: '{}' has {} column(s)", c, t.path, ncol));
      cols.push_back(c);
    }
  }
  else
    for (std::size_t c = 0; c < ncol; ++c)
      cols.push_back(c);
  if (expected > 0 && cols.size() != expected)
  {
    if (by_name || by_index || by_variable)
      throw o.error(option, fmt::format("{} needs {} column(s), but {} are selected", type_with_article(kind), expected,
                                        cols.size()));
    throw o.error(option, fmt::format("{} needs {} column(s), but '{}' has {}; select them with column_names "
                                      "or column_indices",
                                      type_with_article(kind), expected, t.path, cols.size()));
  }
  return cols;
}

std::vector<double>
csv_values(const Options & o, const CsvTable & t, const std::vector<std::size_t> & cols)
{
  std::vector<double> v;
  v.reserve(t.rows.size() * cols.size());
  for (std::size_t r = 0; r < t.rows.size(); ++r)
    for (auto c : cols)
    {
      const auto & cell = t.rows[r][c];
      const auto read = read_number_word(cell);
      if (read.kind != NumberWord::Kind::number)
        throw o.error("csv_file",
                      fmt::format("line {} of '{}': '{}' in column {} is not a number{}", t.row_lines[r], t.path,
                                  printable_word(cell), t.header.empty() ? std::to_string(c) : "'" + t.header[c] + "'",
                                  read.problem.empty() ? "" : " (" + read.problem + ")"));
      const double x = read.value;
      v.push_back(x);
    }
  return v;
}
} // namespace neml2::generators

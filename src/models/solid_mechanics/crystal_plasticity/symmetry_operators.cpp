// Symmetry groups as unit quaternions (w, x, y, z): the cubic (24), hexagonal (12) and tetragonal
// (8) tables and the subsets that make the lower classes, as NEML2 v3 lists them
// (neml2/ops/symmetry.py; the quaternions are the standard rotation groups, e.g. Kocks, Tome and
// Wenk, "Texture and Anisotropy", table 1.1).
#include "neml2/models/solid_mechanics/crystal_plasticity/symmetry_operators.h"

#include <cmath>

#include <fmt/format.h>

#include "neml2/base/error.h"

namespace neml2::crystal
{
namespace
{
using Quat = std::array<double, 4>;

const double h = 0.5;
const double a = 1.0 / std::sqrt(2.0);
const double b = std::sqrt(3.0) / 2.0;

const std::vector<Quat> cubic = {{1, 0, 0, 0},    {h, h, h, h},   {-h, h, h, h},  {h, -h, h, h},  {h, h, -h, h},
                                 {-h, -h, -h, h}, {h, -h, -h, h}, {-h, -h, h, h}, {-h, h, -h, h}, {0, 0, 1, 0},
                                 {0, 0, 0, 1},    {0, 1, 0, 0},   {0, -a, 0, a},  {0, a, 0, a},   {a, 0, a, 0},
                                 {a, 0, -a, 0},   {0, 0, -a, a},  {a, a, 0, 0},   {a, -a, 0, 0},  {0, 0, a, a},
                                 {0, -a, a, 0},   {a, 0, 0, -a},  {0, a, a, 0},   {a, 0, 0, a}};

const std::vector<Quat> hexagonal = {{1, 0, 0, 0}, {-h, 0, 0, b}, {h, 0, 0, b},  {b, 0, 0, -h},
                                     {0, 0, 0, 1}, {b, 0, 0, h},  {0, -h, b, 0}, {0, 1, 0, 0},
                                     {0, h, b, 0}, {0, b, h, 0},  {0, 0, 1, 0},  {0, b, -h, 0}};

const std::vector<Quat> tetragonal = {{1, 0, 0, 0},  {0, 0, 1, 0}, {0, 1, 0, 0}, {0, 0, 0, 1},
                                      {a, 0, 0, -a}, {a, 0, 0, a}, {0, a, a, 0}, {0, -a, a, 0}};

std::vector<Quat>
pick(const std::vector<Quat> & table, const std::vector<int> & rows)
{
  std::vector<Quat> out;
  for (int r : rows)
    out.push_back(table[static_cast<std::size_t>(r)]);
  return out;
}

std::vector<Quat>
first(const std::vector<Quat> & table, int n)
{
  return {table.begin(), table.begin() + n};
}

std::vector<Quat>
group(const std::string & orbifold)
{
  if (orbifold == "432")
    return cubic;
  if (orbifold == "23")
    return first(cubic, 12);
  if (orbifold == "622")
    return hexagonal;
  if (orbifold == "32")
    return pick(hexagonal, {0, 1, 2, 9, 10, 11});
  if (orbifold == "6")
    return first(hexagonal, 6);
  if (orbifold == "3")
    return first(hexagonal, 3);
  if (orbifold == "42")
    return tetragonal;
  if (orbifold == "4")
    return pick(tetragonal, {0, 3, 4, 5});
  if (orbifold == "222")
    return first(tetragonal, 4);
  if (orbifold == "2")
    return first(tetragonal, 2);
  if (orbifold == "1")
    return first(tetragonal, 1);
  throw ValueError(fmt::format("unknown crystal class (orbifold) '{}'; the classes are: {}", orbifold,
                               fmt::join(orbifolds(), ", ")));
}
} // namespace

Mat3
quaternion_to_matrix(const Quat & q)
{
  const auto [w, x, y, z] = q;
  return {1 - 2 * (y * y + z * z), 2 * (x * y - z * w),     2 * (x * z + y * w),
          2 * (x * y + z * w),     1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
          2 * (x * z - y * w),     2 * (y * z + x * w),     1 - 2 * (x * x + y * y)};
}

const std::vector<std::string> &
orbifolds()
{
  static const std::vector<std::string> names = {"432", "23", "622", "32", "6", "3", "42", "4", "222", "2", "1"};
  return names;
}

std::vector<Mat3>
symmetry_operators(const std::string & orbifold)
{
  std::vector<Mat3> ops;
  for (const auto & q : group(orbifold))
    ops.push_back(quaternion_to_matrix(q));
  return ops;
}
} // namespace neml2::crystal

// Slip-system generation (NEML2 v3's CrystalGeometry, neml2/models/solid_mechanics/
// crystal_plasticity/_geometry.py, whose order this follows; the construction itself is the
// textbook one, e.g. Hosford, "The Mechanics of Crystals and Textured Polycrystals", ch. 2).
#include "neml2/models/solid_mechanics/crystal_plasticity/slip_systems.h"

#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "neml2/base/error.h"

namespace neml2::crystal
{
namespace
{
Vec3
cross(const Vec3 & u, const Vec3 & v)
{
  return {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
}

double
dot(const Vec3 & u, const Vec3 & v)
{
  return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
}

double
norm(const Vec3 & u)
{
  return std::sqrt(dot(u, u));
}

Vec3
row(const Mat3 & m, std::size_t i)
{
  return {m[3 * i], m[3 * i + 1], m[3 * i + 2]};
}

Vec3
times(const Mat3 & m, const Vec3 & v)
{
  return {dot(row(m, 0), v), dot(row(m, 1), v), dot(row(m, 2), v)};
}

/// The reciprocal lattice: rows b_i = a_j x a_k / (a_i . (a_j x a_k)).
Mat3
reciprocal(const Mat3 & lattice)
{
  Mat3 b{};
  for (std::size_t i = 0; i < 3; ++i)
  {
    const auto aj = row(lattice, (i + 1) % 3), ak = row(lattice, (i + 2) % 3);
    const auto c = cross(aj, ak);
    const double volume = dot(row(lattice, i), c);
    if (volume == 0)
      throw ValueError("the lattice vectors are linearly dependent");
    for (std::size_t k = 0; k < 3; ++k)
      b[3 * i + k] = c[k] / volume;
  }
  return b;
}

/// Miller indices divided by their greatest common divisor (signs kept): (2,2,0) -> (1,1,0).
Vec3
reduced(const Vec3 & m, const char * what)
{
  long v[3];
  for (int k = 0; k < 3; ++k)
  {
    v[k] = std::lround(m[static_cast<std::size_t>(k)]);
    if (static_cast<double>(v[k]) != m[static_cast<std::size_t>(k)])
      throw ValueError(fmt::format("{} ({}, {}, {}) are not integers", what, m[0], m[1], m[2]));
  }
  long g = std::gcd(std::gcd(v[0], v[1]), v[2]);
  if (g == 0)
    throw ValueError(fmt::format("{} (0, 0, 0) name no direction", what));
  // The division is exact: g divides every index.
  const long r0 = v[0] / g, r1 = v[1] / g, r2 = v[2] / g;
  return {static_cast<double>(r0), static_cast<double>(r1), static_cast<double>(r2)};
}

/// NumPy's allclose with its default tolerances: |x - y| <= 1e-8 + 1e-5 |y| componentwise.
bool
close(const Vec3 & x, const Vec3 & y)
{
  for (int k = 0; k < 3; ++k)
    if (std::abs(x[static_cast<std::size_t>(k)] - y[static_cast<std::size_t>(k)]) >
        1e-8 + 1e-5 * std::abs(y[static_cast<std::size_t>(k)]))
      return false;
  return true;
}

/// The images of v under ops, without repeats up to sign, in order of first appearance.
std::vector<Vec3>
distinct_images(const std::vector<Mat3> & ops, const Vec3 & v)
{
  std::vector<Vec3> out;
  for (const auto & op : ops)
  {
    const auto c = times(op, v);
    const Vec3 minus{-c[0], -c[1], -c[2]};
    bool seen = false;
    for (const auto & u : out)
      seen = seen || close(u, c) || close(u, minus);
    if (!seen)
      out.push_back(c);
  }
  return out;
}

Vec3
unit(const Vec3 & v)
{
  const double n = norm(v);
  return {v[0] / n, v[1] / n, v[2] / n};
}
} // namespace

std::size_t
SlipSystems::size_of_family(std::size_t f) const
{
  if (f + 1 >= offsets.size())
    throw ValueError(fmt::format("slip family {} does not exist; there are {}", f, families()));
  return offsets[f + 1] - offsets[f];
}

Mat3
SlipSystems::schmid(std::size_t i) const
{
  const auto & d = directions.at(i);
  const auto & n = normals.at(i);
  Mat3 a{};
  for (std::size_t r = 0; r < 3; ++r)
    for (std::size_t c = 0; c < 3; ++c)
      a[3 * r + c] = d[r] * n[c];
  return a;
}

std::array<double, 6>
SlipSystems::sym_schmid(std::size_t i) const
{
  const auto a = schmid(i);
  const double s = std::sqrt(2.0);
  return {a[0], a[4], a[8], s * (a[5] + a[7]) / 2, s * (a[2] + a[6]) / 2, s * (a[1] + a[3]) / 2};
}

Vec3
SlipSystems::skew_schmid(std::size_t i) const
{
  const auto a = schmid(i);
  return {(a[7] - a[5]) / 2, (a[2] - a[6]) / 2, (a[3] - a[1]) / 2};
}

SlipSystems
generate_slip_systems(const Mat3 & lattice, const std::vector<Mat3> & ops, const std::vector<SlipFamily> & families)
{
  const auto recip = reciprocal(lattice);
  SlipSystems s;
  s.offsets.push_back(0);
  for (std::size_t f = 0; f < families.size(); ++f)
  {
    const auto d0 = times(lattice, reduced(families[f].direction, "slip direction indices"));
    const auto p0 = times(recip, reduced(families[f].plane, "slip plane indices"));
    const auto dirs = distinct_images(ops, d0);
    const auto planes = distinct_images(ops, p0);
    std::size_t count = 0;
    for (const auto & d : dirs)
      for (const auto & p : planes)
        if (std::abs(dot(d, p)) <= 1e-8)
        {
          s.directions.push_back(unit(d));
          s.normals.push_back(unit(p));
          s.burgers.push_back(norm(d));
          ++count;
        }
    if (count == 0)
    {
      const auto & m = families[f];
      throw ValueError(fmt::format("slip family {} (direction [{} {} {}], plane ({} {} {})) gives no slip system: "
                                   "the direction lies in none of the symmetry-equivalent planes",
                                   f, m.direction[0], m.direction[1], m.direction[2], m.plane[0], m.plane[1],
                                   m.plane[2]));
    }
    s.offsets.push_back(s.directions.size());
  }
  return s;
}
} // namespace neml2::crystal

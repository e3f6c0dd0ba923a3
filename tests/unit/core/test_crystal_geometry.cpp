// Crystal geometry: symmetry groups, slip systems generated from Miller indices (counts and
// geometry against the textbook sets, order as NEML2 v3 lists it), Schmid tensors and factors
// against hand-worked values, and the [Data] CubicCrystal input with its errors.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "neml2/base/error.h"
#include "neml2/base/factory.h"
#include "neml2/models/solid_mechanics/crystal_plasticity/crystal_geometry.h"
#include "test_compile_util.h"

using namespace neml2;
using namespace neml2::crystal;
using namespace neml2::test;

namespace
{
double
dot(const Vec3 & u, const Vec3 & v)
{
  return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
}

Mat3
multiply(const Mat3 & a, const Mat3 & b)
{
  Mat3 c{};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 3; ++k)
        c[static_cast<std::size_t>(3 * i + j)] +=
            a[static_cast<std::size_t>(3 * i + k)] * b[static_cast<std::size_t>(3 * k + j)];
  return c;
}

bool
same(const Mat3 & a, const Mat3 & b)
{
  for (std::size_t k = 0; k < 9; ++k)
    if (std::abs(a[k] - b[k]) > 1e-12)
      return false;
  return true;
}

/// A slip system as integer direction and normal, each made unique up to sign (first nonzero > 0),
/// scaled so that the entries are small integers.
std::pair<std::array<int, 3>, std::array<int, 3>>
canonical(const Vec3 & d, const Vec3 & n)
{
  auto ints = [](const Vec3 & v) {
    double smallest = 1e9;
    for (double x : v)
      if (std::abs(x) > 1e-9)
        smallest = std::min(smallest, std::abs(x));
    std::array<int, 3> r{};
    for (std::size_t k = 0; k < 3; ++k)
      r[k] = static_cast<int>(std::lround(v[k] / smallest));
    for (int x : r)
      if (x != 0)
      {
        if (x < 0)
          for (auto & y : r)
            y = -y;
        break;
      }
    return r;
  };
  return {ints(d), ints(n)};
}

/// Every system (d, n) with d in the <uvw> family and n in the {hkl} family, d . n = 0,
/// enumerated from all sign and order permutations (independent of the symmetry operators).
std::set<std::pair<std::array<int, 3>, std::array<int, 3>>>
textbook_systems(std::array<int, 3> uvw, std::array<int, 3> hkl)
{
  auto family = [](std::array<int, 3> m) {
    std::set<std::array<int, 3>> out;
    std::sort(m.begin(), m.end());
    do
      for (int s = 0; s < 8; ++s)
      {
        std::array<int, 3> v{(s & 1 ? -1 : 1) * m[0], (s & 2 ? -1 : 1) * m[1], (s & 4 ? -1 : 1) * m[2]};
        out.insert(canonical({double(v[0]), double(v[1]), double(v[2])}, {1, 0, 0}).first);
      }
    while (std::next_permutation(m.begin(), m.end()));
    return out;
  };
  std::set<std::pair<std::array<int, 3>, std::array<int, 3>>> systems;
  for (const auto & d : family(uvw))
    for (const auto & n : family(hkl))
      if (d[0] * n[0] + d[1] * n[1] + d[2] * n[2] == 0)
        systems.insert({d, n});
  return systems;
}

SlipSystems
cubic(const std::vector<SlipFamily> & families, double a = 1.0)
{
  return generate_slip_systems({a, 0, 0, 0, a, 0, 0, 0, a}, symmetry_operators("432"), families);
}

void
expect_textbook_set(const SlipSystems & s, std::size_t begin, std::size_t end, std::array<int, 3> uvw,
                    std::array<int, 3> hkl)
{
  std::set<std::pair<std::array<int, 3>, std::array<int, 3>>> got;
  for (auto i = begin; i < end; ++i)
  {
    EXPECT_NEAR(dot(s.directions[i], s.directions[i]), 1.0, 1e-14);
    EXPECT_NEAR(dot(s.normals[i], s.normals[i]), 1.0, 1e-14);
    EXPECT_NEAR(dot(s.directions[i], s.normals[i]), 0.0, 1e-14);
    got.insert(canonical(s.directions[i], s.normals[i]));
  }
  EXPECT_EQ(got.size(), end - begin) << "a system appears twice (up to sign)";
  EXPECT_EQ(got, textbook_systems(uvw, hkl));
}
} // namespace

TEST(SymmetryOperators, ProperRotationGroupsOfTheRightOrder)
{
  const std::map<std::string, std::size_t> order = {{"432", 24}, {"23", 12}, {"622", 12}, {"32", 6}, {"6", 6}, {"3", 3},
                                                    {"42", 8},   {"4", 4},   {"222", 4},  {"2", 2},  {"1", 1}};
  ASSERT_EQ(orbifolds().size(), order.size());
  const Mat3 identity{1, 0, 0, 0, 1, 0, 0, 0, 1};
  for (const auto & name : orbifolds())
  {
    SCOPED_TRACE(name);
    const auto ops = symmetry_operators(name);
    ASSERT_EQ(ops.size(), order.at(name));
    EXPECT_TRUE(same(ops[0], identity));
    for (const auto & r : ops)
    {
      Mat3 rt{};
      for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
          rt[static_cast<std::size_t>(3 * i + j)] = r[static_cast<std::size_t>(3 * j + i)];
      EXPECT_TRUE(same(multiply(r, rt), identity)) << "not orthogonal";
      const double det =
          r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6]) + r[2] * (r[3] * r[7] - r[4] * r[6]);
      EXPECT_NEAR(det, 1.0, 1e-14);
    }
    // A group: closed under products, and no operator repeated.
    for (std::size_t i = 0; i < ops.size(); ++i)
      for (std::size_t j = 0; j < ops.size(); ++j)
      {
        const auto p = multiply(ops[i], ops[j]);
        EXPECT_TRUE(std::any_of(ops.begin(), ops.end(), [&](const Mat3 & r) { return same(r, p); }))
            << "product of " << i << " and " << j << " is not in the group";
        if (i < j)
        {
          EXPECT_FALSE(same(ops[i], ops[j]));
        }
      }
  }
  EXPECT_THROW(symmetry_operators("m3m"), ValueError);
}

TEST(SlipSystems, FccAndBccFamiliesMatchTheTextbookSets)
{
  // FCC {111}<110>: 4 planes x 3 directions in each = 12.
  const auto fcc = cubic({{{1, 1, 0}, {1, 1, 1}}});
  ASSERT_EQ(fcc.size(), 12u);
  expect_textbook_set(fcc, 0, 12, {1, 1, 0}, {1, 1, 1});
  // BCC {110}<111> and {112}<111>: 12 each; two families are concatenated in input order.
  const auto bcc = cubic({{{1, 1, 1}, {1, 1, 0}}, {{1, 1, 1}, {1, 1, 2}}});
  ASSERT_EQ(bcc.size(), 24u);
  EXPECT_EQ(bcc.offsets, (std::vector<std::size_t>{0, 12, 24}));
  EXPECT_EQ(bcc.families(), 2u);
  EXPECT_EQ(bcc.size_of_family(1), 12u);
  EXPECT_THROW(bcc.size_of_family(2), ValueError);
  expect_textbook_set(bcc, 0, 12, {1, 1, 1}, {1, 1, 0});
  expect_textbook_set(bcc, 12, 24, {1, 1, 1}, {1, 1, 2});
}

TEST(SlipSystems, OrderBurgersAndReductionFollowNeml2)
{
  // NEML2 v3 orders systems direction by direction (first direction (1,1,0), its planes
  // (-1,1,-1) then (1,-1,-1)); these rows are NEML2's list (doc/models.md).
  const auto fcc = cubic({{{1, 1, 0}, {1, 1, 1}}});
  const double r2 = 1 / std::sqrt(2.0), r3 = 1 / std::sqrt(3.0);
  const std::vector<std::pair<Vec3, Vec3>> first = {{{r2, r2, 0}, {-r3, r3, -r3}},
                                                    {{r2, r2, 0}, {r3, -r3, -r3}},
                                                    {{0, r2, r2}, {-r3, r3, -r3}},
                                                    {{0, r2, r2}, {-r3, -r3, r3}}};
  for (std::size_t i = 0; i < first.size(); ++i)
    for (std::size_t k = 0; k < 3; ++k)
    {
      EXPECT_NEAR(fcc.directions[i][k], first[i].first[k], 1e-15) << i;
      EXPECT_NEAR(fcc.normals[i][k], first[i].second[k], 1e-15) << i;
    }
  // The last system: direction (-1,1,0), plane (-1,-1,1).
  EXPECT_NEAR(fcc.directions[11][0], -r2, 1e-15);
  EXPECT_NEAR(fcc.normals[11][2], r3, 1e-15);
  // Burgers length a |<110>| = a sqrt(2); (2 2 0) reduces to (1 1 0).
  const auto scaled = cubic({{{2, 2, 0}, {2, 2, 2}}}, 2.0);
  for (std::size_t i = 0; i < 12; ++i)
  {
    EXPECT_DOUBLE_EQ(fcc.burgers[i], std::sqrt(2.0));
    EXPECT_DOUBLE_EQ(scaled.burgers[i], 2 * std::sqrt(2.0));
    EXPECT_EQ(scaled.directions[i], fcc.directions[i]);
  }
}

TEST(SlipSystems, SchmidTensorsAndFactors)
{
  const auto fcc = cubic({{{1, 1, 0}, {1, 1, 1}}});
  const double s2 = std::sqrt(2.0);
  for (std::size_t i = 0; i < fcc.size(); ++i)
  {
    const auto m = fcc.sym_schmid(i);
    const auto w = fcc.skew_schmid(i);
    double mm = 0;
    for (double x : m)
      mm += x * x;
    // |sym(d n)|^2 = (1 + (d.n)^2) / 2 = 1/2 and |axial(skew(d n))| = |d x n| / 2 = 1/2.
    EXPECT_NEAR(mm, 0.5, 1e-15);
    EXPECT_NEAR(dot(w, w), 0.25, 1e-15);
    // The axial vector of skew(d n) is (n x d) / 2.
    const auto & d = fcc.directions[i];
    const auto & n = fcc.normals[i];
    EXPECT_NEAR(w[0], (n[1] * d[2] - n[2] * d[1]) / 2, 1e-15);
    EXPECT_NEAR(w[1], (n[2] * d[0] - n[0] * d[2]) / 2, 1e-15);
    EXPECT_NEAR(w[2], (n[0] * d[1] - n[1] * d[0]) / 2, 1e-15);
    // Uniaxial tension along [001]: the resolved shear sigma : M is the Schmid factor
    // cos(phi) cos(lambda) = d_z n_z, which is +-1/sqrt(6) or 0 (d in the basal plane).
    const double schmid = m[2];
    EXPECT_NEAR(schmid, d[2] * n[2], 1e-15);
    EXPECT_TRUE(std::abs(std::abs(schmid) - 1 / std::sqrt(6.0)) < 1e-15 || std::abs(schmid) < 1e-15);
    // Shear stress tau_12 (Mandel sqrt(2) tau at index 5) resolves to tau (d_x n_y + d_y n_x).
    EXPECT_NEAR(s2 * m[5], d[0] * n[1] + d[1] * n[0], 1e-15);
  }
  int active = 0;
  for (std::size_t i = 0; i < fcc.size(); ++i)
    active += std::abs(fcc.sym_schmid(i)[2]) > 0.1;
  EXPECT_EQ(active, 8); // the 4 systems with d = <110> in the (001) plane carry none
}

TEST(SlipSystems, BadFamiliesAreClearErrors)
{
  EXPECT_TRUE(throws_with<ValueError>([] { cubic({{{1, 1, 1}, {1, 1, 1}}}); }, "gives no slip system"));
  EXPECT_TRUE(throws_with<ValueError>([] { cubic({{{0, 0, 0}, {1, 1, 1}}}); }, "name no direction"));
  EXPECT_TRUE(throws_with<ValueError>([] { cubic({{{0.5, 1, 0}, {1, 1, 1}}}); }, "are not integers"));
}

TEST(CubicCrystal, FromTheDataSection)
{
  auto f = Factory::from_file(data("crystal_plasticity/geometry.i"));
  auto fcc = f->get_as<CrystalGeometry>(ObjectKind::Data, "fcc");
  EXPECT_EQ(fcc->nslip(), 12u);
  EXPECT_EQ(fcc->type(), "CubicCrystal");
  auto scaled = f->get_as<CrystalGeometry>(ObjectKind::Data, "fcc_a2");
  EXPECT_DOUBLE_EQ(scaled->slip_systems().burgers[0], 2 * std::sqrt(2.0));
  auto bcc = f->get_as<CrystalGeometry>(ObjectKind::Data, "bcc");
  EXPECT_EQ(bcc->nslip(), 24u);
  EXPECT_EQ(bcc->slip_systems().families(), 2u);
  // One object per name, shared by every model that names it.
  EXPECT_EQ(f->get_as<CrystalGeometry>(ObjectKind::Data, "fcc"), fcc);
}

TEST(CubicCrystal, BadInputIsLocated)
{
  auto f = Factory::from_file(data("crystal_plasticity/geometry.i"));
  auto fails = [&](const std::string & name, const std::string & where, const std::string & what) {
    return throws_with<InputError>([&] { f->get(ObjectKind::Data, name); }, what) &&
           throws_with<InputError>([&] { f->get(ObjectKind::Data, name); }, where);
  };
  EXPECT_TRUE(fails("mismatched", "geometry.i:66:", "1 slip plane(s) for 2 slip direction(s)"));
  EXPECT_TRUE(fails("no_system", "geometry.i:71:", "gives no slip system"));
  EXPECT_TRUE(fails("not_miller", "geometry.i:77:", "must be a MillerIndex"));
  EXPECT_TRUE(fails("negative", "geometry.i:82:", "must be positive"));
  EXPECT_TRUE(fails("missing", "geometry.i", "no [Data/missing]"));
}

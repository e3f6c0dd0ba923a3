// Full second-order tensors and rotations: R2Multiplication, R2ToSR2, R2ToWR2, SR2ToR2,
// RotationMatrix and GeneralElasticity against matrix arithmetic done here in doubles (products,
// inverses, rotations about an axis, the physical definition of a rotated stiffness), cubic
// symmetry, and every derivative against central differences.
#include <gtest/gtest.h>

#include <cmath>

#include "neml2/base/error.h"
#include "test_compile_util.h"
#include "test_plasticity_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
using Mat = std::array<double, 9>; // row-major 3x3

std::shared_ptr<Model>
kin(const std::string & name)
{
  return load_model(data("kinematics/models.i"), name);
}

Tensor
r2(const Mat & c)
{
  return Tensor::from_values({}, {3, 3}, c);
}

Tensor
mrp(double x, double y, double z)
{
  const std::array<double, 3> c{x, y, z};
  return Tensor::from_values({}, {3}, c);
}

Mat
mul(const Mat & a, const Mat & b)
{
  Mat c{};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 3; ++k)
        c[3 * i + j] += a[3 * i + k] * b[3 * k + j];
  return c;
}

Mat
trans(const Mat & a)
{
  Mat t{};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j)
      t[3 * i + j] = a[3 * j + i];
  return t;
}

Mat
of(const Tensor & t)
{
  Mat m{};
  for (std::int64_t i = 0; i < 9; ++i)
    m[static_cast<std::size_t>(i)] = t.at(i);
  return m;
}

/// Rotation by angle a about z.
Mat
about_z(double a)
{
  return {std::cos(a), -std::sin(a), 0, std::sin(a), std::cos(a), 0, 0, 0, 1};
}

/// The SR2 (Mandel) of a symmetric matrix, and back.
Tensor
mandel(const Mat & m)
{
  return sr2({m[0], m[4], m[8], m[5], m[2], m[1]});
}
Mat
matrix(const Tensor & s)
{
  const double r = 1 / std::sqrt(2.0);
  return {s.at(0), r * s.at(5), r * s.at(4), r * s.at(5), s.at(1), r * s.at(3), r * s.at(4), r * s.at(3), s.at(2)};
}

const Mat A = {2, 1, 0.5, -1, 3, 0.2, 0.4, -0.3, 1.5};
const Mat B = {1, -2, 0.3, 0.7, 1, -1, 0.1, 0.6, 2};
} // namespace

TEST(R2Multiplication, ProductsInversesTransposes)
{
  auto m = kin("product");
  expect_near_all(m->value({{"A", r2(A)}, {"B", r2(B)}}).at("to"), r2(mul(A, B)), 1e-14);
  check_derivatives(*m, random_inputs(*m, {4}));
  // A^-1 B^T: multiplied by A it gives B^T back.
  auto inv = kin("inverse_times_transpose");
  const auto X = of(inv->value({{"A", r2(A)}, {"B", r2(B)}}).at("to"));
  expect_near_all(r2(mul(A, X)), r2(trans(B)), 1e-13, 1e-14);
  check_derivatives(*inv, random_inputs(*inv, {4}, {{"A", {1.0, 2.0}}})); // well conditioned
}

TEST(R2Conversions, SymmetricAndSkewPartsAndTheFullForm)
{
  auto sym = kin("sym_part");
  auto skew = kin("skew_part");
  auto full = kin("full");
  const auto S = sym->value({{"input", r2(A)}}).at("output");
  const auto w = skew->value({{"input", r2(A)}}).at("output");
  const auto F = full->value({{"input", S}}).at("output");
  // sym(A) + W(w) = A, W = [[0, -w2, w1], [w2, 0, -w0], [-w1, w0, 0]]
  const Mat W = {0, -w.at(2), w.at(1), w.at(2), 0, -w.at(0), -w.at(1), w.at(0), 0};
  for (std::size_t i = 0; i < 9; ++i)
    EXPECT_NEAR(F.at(static_cast<std::int64_t>(i)) + W[i], A[i], 1e-15) << i;
  EXPECT_NEAR(w.at(0), (A[7] - A[5]) / 2, 1e-16); // (A_zy - A_yz) / 2
  for (auto * m : {sym.get(), skew.get(), full.get()})
  {
    check_derivatives(*m, random_inputs(*m, {4}));
    check_batch_shapes(*m);
  }
}

TEST(RotationMatrix, AxisAngleAndOrthogonality)
{
  auto m = kin("rotation");
  // MRP of a rotation by theta about z: tan(theta / 4) e_z.
  const double theta = 0.9;
  expect_near_all(m->value({{"orientation", mrp(0, 0, std::tan(theta / 4))}}).at("R"), r2(about_z(theta)), 1e-15,
                  1e-16);
  const auto R = of(m->value({{"orientation", mrp(0.3, -0.2, 0.5)}}).at("R"));
  expect_near_all(r2(mul(R, trans(R))), r2({1, 0, 0, 0, 1, 0, 0, 0, 1}), 0, 1e-15);
  check_derivatives(*m, random_inputs(*m, {4}));
  check_batch_shapes(*m);
}

TEST(GeneralElasticity, RotatedStiffness)
{
  auto m = kin("rotated_elasticity");
  auto cubic = kin("cubic_C");
  const auto C = cubic->value({}).at("cubic_C"); // C11, C12 and 2G = 120e3 (Mandel)
  const double C11 = C.at(0), C12 = C.at(1), G = 60e3;
  const auto strain = sr2({1e-3, -2e-4, 3e-4, 5e-4, -1e-4, 2e-4});
  // No rotation: T : strain.
  const auto unrotated = m->value({{"strain", strain}, {"orientation", mrp(0, 0, 0)}, {"C", C}}).at("stress");
  for (std::int64_t I = 0; I < 6; ++I)
  {
    double s = 0;
    for (std::int64_t J = 0; J < 6; ++J)
      s += C.at(6 * I + J) * strain.at(J);
    EXPECT_NEAR(unrotated.at(I), s, 1e-9) << I;
  }
  // The physical definition: stress(R, e) = R (T : (R^T e R)) R^T.
  const auto r = mrp(0.2, -0.4, 0.3);
  const auto R = of(kin("rotation")->value({{"orientation", r}}).at("R"));
  const auto e_material = mandel(mul(trans(R), mul(matrix(strain), R)));
  const auto s_material = m->value({{"strain", e_material}, {"orientation", mrp(0, 0, 0)}, {"C", C}}).at("stress");
  const auto want = mandel(mul(R, mul(matrix(s_material), trans(R))));
  expect_near_all(m->value({{"strain", strain}, {"orientation", r}, {"C", C}}).at("stress"), want, 1e-12, 1e-9);
  // Cubic symmetry: a quarter turn about z changes nothing; an eighth turn gives C'11 = (C11 + C12)/2 + G.
  const auto uniaxial = sr2({1e-3, 0, 0, 0, 0, 0});
  const auto quarter = m->value({{"strain", uniaxial}, {"orientation", mrp(0, 0, std::tan(M_PI / 8))}, {"C", C}});
  EXPECT_NEAR(quarter.at("stress").at(0), C11 * 1e-3, 1e-9);
  const auto eighth = m->value({{"strain", uniaxial}, {"orientation", mrp(0, 0, std::tan(M_PI / 16))}, {"C", C}});
  EXPECT_NEAR(eighth.at("stress").at(0), ((C11 + C12) / 2 + G) * 1e-3, 1e-9);
  check_derivatives(*m, random_inputs(*m, {3}, {{"C", {0.0, 1e3}}}));
}

TEST(GeneralElasticity, CubicStiffnessFromAModel)
{
  auto m = kin("crystal");
  ASSERT_EQ(m->find_input("cubic_C"), nullptr); // provided inside the composition
  const auto in = random_inputs(*m, {3}, {{"strain", {-1e-3, 1e-3}}});
  check_derivatives(*m, in);
  check_parameter_derivatives(*m, in);
}

TEST(ExponentialTimeIntegration, ComposesRotations)
{
  auto m = kin("spin_explicit");
  auto rotation = kin("rotation");
  const auto R_of = [&](const Tensor & r) { return of(rotation->value({{"orientation", r}}).at("R")); };
  // No time step: the previous orientation is kept.
  const auto r0 = mrp(0.1, -0.2, 0.3);
  const auto spin = Tensor::from_values({}, {3}, std::array<double, 3>{0.4, 0.1, -0.3});
  auto same = m->value({{"orientation~1", r0}, {"orientation_rate", spin}, {"t", scalar(1)}, {"t~1", scalar(1)}});
  expect_near_all(same.at("orientation"), r0, 1e-15, 1e-16);
  // A step composes the increment with the old orientation: R(new) = R(increment) R(old), where the
  // increment alone is the update from the identity.
  auto from_identity =
      m->value({{"orientation~1", mrp(0, 0, 0)}, {"orientation_rate", spin}, {"t", scalar(0.5)}, {"t~1", scalar(0)}});
  auto step = m->value({{"orientation~1", r0}, {"orientation_rate", spin}, {"t", scalar(0.5)}, {"t~1", scalar(0)}});
  expect_near_all(r2(R_of(step.at("orientation"))), r2(mul(R_of(from_identity.at("orientation")), R_of(r0))), 1e-13,
                  1e-14);
  // Many small steps of a constant spin 0.5 about z turn by 0.5 radians (to second order in dt).
  auto r = mrp(0, 0, 0);
  const auto about = Tensor::from_values({}, {3}, std::array<double, 3>{0, 0, 0.5});
  for (int k = 0; k < 100; ++k)
    r = m->value({{"orientation~1", r},
                  {"orientation_rate", about},
                  {"t", scalar((k + 1) * 0.01)},
                  {"t~1", scalar(k * 0.01)}})
            .at("orientation");
  expect_near_all(r2(R_of(r)), r2(about_z(0.5)), 1e-5, 1e-5);
  check_derivatives(*m, random_inputs(*m, {4}, {{"t", {1.0, 1.5}}, {"t~1", {0.0, 0.5}}}));
  check_batch_shapes(*m);
}

TEST(ExponentialTimeIntegration, ImplicitResidualVanishesAtTheExplicitUpdate)
{
  auto ex = kin("spin_explicit");
  auto im = kin("spin_implicit");
  ValueMap in = random_inputs(*ex, {5}, {{"t", {1.0, 1.5}}, {"t~1", {0.0, 0.5}}}, 3);
  in["orientation"] = ex->value(in).at("orientation");
  const auto r = im->value(in).at("orientation_residual");
  for (std::int64_t i = 0; i < r.numel(); ++i)
    EXPECT_EQ(r.at(i), 0.0);
  check_derivatives(*im, in);
}

// [Tensors] generators read from tests/data/tensors/generators.i, against hand-worked values.
#include <gtest/gtest.h>

#include <cmath>

#include "neml2/base/factory.h"
#include "neml2/base/tensor_object.h"
#include "test_util.h"

using namespace neml2;

namespace
{
const double r2 = std::sqrt(2.0);

class Generators : public testing::Test
{
protected:
  static void SetUpTestSuite() { factory = Factory::from_file(test::data("tensors/generators.i")); }
  static void TearDownTestSuite() { factory.reset(); }

  /// The tensor `name`, checking its type and batch shape.
  static Tensor get(const std::string & name, TypeKind type, const Shape & batch)
  {
    auto t = factory->get_tensor(name);
    EXPECT_EQ(t->tensor_type(), type) << name;
    EXPECT_EQ(t->value().batch_shape(), batch) << name;
    EXPECT_EQ(t->value().base_shape(), base_shape(type)) << name;
    EXPECT_EQ(t->value().dtype(), Dtype::Float64) << name;
    return t->value();
  }

  static inline std::shared_ptr<Factory> factory;
};

void
expect_values(const Tensor & t, const std::vector<double> & want, double tol = 0)
{
  ASSERT_EQ(t.numel(), static_cast<std::int64_t>(want.size()));
  for (std::size_t i = 0; i < want.size(); ++i)
    if (tol == 0)
      EXPECT_DOUBLE_EQ(t.at(static_cast<std::int64_t>(i)), want[i]) << "component " << i;
    else
      EXPECT_NEAR(t.at(static_cast<std::int64_t>(i)), want[i], tol) << "component " << i;
}
} // namespace

TEST_F(Generators, Full)
{
  expect_values(get("full_scalar", TypeKind::Scalar, {2, 3}), std::vector<double>(6, 1.5));
  expect_values(get("full_sr2", TypeKind::SR2, {5}), std::vector<double>(30, -2));
  expect_values(get("full_vec", TypeKind::Vec, {}), {3, 3, 3});
  expect_values(get("full_rot", TypeKind::MRP, {1}), {0.25, 0.25, 0.25});
}

TEST_F(Generators, Values)
{
  expect_values(get("scalars", TypeKind::Scalar, {3}), {1, 2, 3});
  expect_values(get("one_scalar", TypeKind::Scalar, {}), {4});
  expect_values(get("shaped_vec", TypeKind::Vec, {2, 1}), {1, 2, 3, 4, 5, 6});
}

TEST_F(Generators, FillSR2)
{
  expect_values(get("sr2_1", TypeKind::SR2, {}), {2, 2, 2, 0, 0, 0});
  expect_values(get("sr2_3", TypeKind::SR2, {}), {1, 2, 3, 0, 0, 0});
  expect_values(get("sr2_6", TypeKind::SR2, {}), {1, 2, 3, 4 * r2, 5 * r2, 6 * r2});
  // xx from the batched Scalar 'scalars' (1 2 3), zz from 'one_scalar' (4)
  expect_values(get("sr2_batched", TypeKind::SR2, {3}),
                {1, 0, 4, 0.5 * r2, 0, 0, 2, 0, 4, 0.5 * r2, 0, 0, 3, 0, 4, 0.5 * r2, 0, 0});
}

TEST_F(Generators, FillR2AndVectors)
{
  expect_values(get("r2_1", TypeKind::R2, {}), {2, 0, 0, 0, 2, 0, 0, 0, 2});
  expect_values(get("r2_3", TypeKind::R2, {}), {1, 0, 0, 0, 2, 0, 0, 0, 3});
  expect_values(get("r2_6", TypeKind::R2, {}), {1, 6, 5, 6, 2, 4, 5, 4, 3});
  expect_values(get("r2_9", TypeKind::R2, {}), {1, 2, 3, 4, 5, 6, 7, 8, 9});
  expect_values(get("wr2", TypeKind::WR2, {}), {0.1, 0.2, 0.3});
  expect_values(get("vec", TypeKind::Vec, {}), {1, -2, 3});
  expect_values(get("miller", TypeKind::MillerIndex, {}), {1, 1, 0});
}

TEST_F(Generators, FillRot)
{
  expect_values(get("mrp", TypeKind::MRP, {}), {0.1, 0.2, 0.3});
  // standard Rodrigues (1, 2, 2): |r|^2 = 9, so the MRP is r / (1 + sqrt(10))
  const double d = 1 + std::sqrt(10.0);
  expect_values(get("rot_standard", TypeKind::MRP, {}), {1 / d, 2 / d, 2 / d});
}

TEST_F(Generators, Linspace)
{
  expect_values(get("lin", TypeKind::Scalar, {5}), {0, 0.25, 0.5, 0.75, 1});
  // start (1 2), end (3 6): step i of point b is start_b + i/2 (end_b - start_b)
  expect_values(get("lin_dim0", TypeKind::Scalar, {3, 2}), {1, 2, 2, 4, 3, 6});
  expect_values(get("lin_dim1", TypeKind::Scalar, {2, 3}), {1, 2, 3, 2, 4, 6});
  expect_values(get("lin_dim_neg", TypeKind::Scalar, {2, 3}), {1, 2, 3, 2, 4, 6});
  expect_values(get("lin_one_step", TypeKind::Scalar, {1, 2}), {1, 2});
  // sr2_3 = (1 2 3 0 0 0) to sr2_6 = (1 2 3 4√2 5√2 6√2)
  expect_values(get("lin_sr2", TypeKind::SR2, {3}),
                {1, 2, 3, 0, 0, 0, 1, 2, 3, 2 * r2, 2.5 * r2, 3 * r2, 1, 2, 3, 4 * r2, 5 * r2, 6 * r2}, 1e-15);
}

TEST_F(Generators, Logspace)
{
  expect_values(get("log", TypeKind::Scalar, {3}), {1, 10, 100});
  expect_values(get("log2", TypeKind::Scalar, {3}), {2, 4, 8});
}

TEST_F(Generators, TypeNamesFollowNEML2)
{
  for (const char * t :
       {"FullScalar",     "FullSR2",     "FullRot",        "FullMRP",   "Scalar",  "SR2",     "Rot",
        "FillSR2",        "FillR2",      "FillWR2",        "FillRot",   "FillMRP", "FillVec", "FillMillerIndex",
        "LinspaceScalar", "LinspaceSR2", "LogspaceScalar", "CSVScalar", "CSVSR2",  "CSVVec",  "MultiColumnCSVScalar"})
    EXPECT_NE(Registry::find(ObjectKind::Tensor, t), nullptr) << t;
}

// Typed tensors of the C++ API: base-shape checks, fill rules and identities.
#include <gtest/gtest.h>

#include <cmath>

#include "neml2/base/error.h"
#include "neml2/tensors/typed.h"

using namespace neml2;

namespace
{
const double r2 = std::sqrt(2.0);

template <class T>
void
expect_values(const T & t, const std::vector<double> & want)
{
  ASSERT_EQ(t.numel(), static_cast<std::int64_t>(want.size()));
  for (std::size_t i = 0; i < want.size(); ++i)
    EXPECT_DOUBLE_EQ(t.at(static_cast<std::int64_t>(i)), want[i]) << "component " << i;
}
} // namespace

TEST(TypedTensor, BaseShapesAndChecks)
{
  EXPECT_EQ(Scalar::zeros({3}).base_shape(), (Shape{}));
  EXPECT_EQ(Vec::zeros().base_shape(), (Shape{3}));
  EXPECT_EQ(R2::zeros().base_shape(), (Shape{3, 3}));
  EXPECT_EQ(SR2::zeros({2, 5}).shape(), (Shape{2, 5, 6}));
  EXPECT_EQ(SSR4::zeros().base_shape(), (Shape{6, 6}));
  EXPECT_EQ(WR2::zeros().base_shape(), (Shape{3}));
  EXPECT_EQ(MRP::zeros().base_shape(), (Shape{3}));
  EXPECT_EQ(Quaternion::zeros().base_shape(), (Shape{4}));
  EXPECT_EQ(MillerIndex::zeros().base_shape(), (Shape{3}));
  EXPECT_EQ(SR2::zeros({}, Dtype::Float32).dtype(), Dtype::Float32);

  auto t = Tensor::zeros({4}, {6});
  SR2 s(t);
  EXPECT_EQ(s.raw(), t.raw()) << "wrapping does not copy";
  try
  {
    Vec v(t);
    FAIL() << "expected a ValueError";
  }
  catch (const ValueError & e)
  {
    EXPECT_NE(std::string(e.what()).find("a Vec has base shape (3,)"), std::string::npos) << e.what();
  }
  EXPECT_THROW(SR2{Tensor()}, ValueError);
  EXPECT_THROW(Scalar(Tensor::zeros({6}, {1})), ValueError);
}

TEST(TypedTensor, FullAndFromValues)
{
  expect_values(Scalar(2.5), {2.5});
  EXPECT_EQ(Scalar(2.5).batch_shape(), (Shape{}));
  expect_values(Vec::full({2}, 1.5), std::vector<double>(6, 1.5));
  expect_values(SR2::from_values({}, std::vector<double>{1, 2, 3, 4, 5, 6}), {1, 2, 3, 4, 5, 6});
}

TEST(TypedTensor, SR2Fill)
{
  expect_values(SR2::fill(2.0), {2, 2, 2, 0, 0, 0});
  expect_values(SR2::fill({1.0, 2.0, 3.0}), {1, 2, 3, 0, 0, 0});
  // xx yy zz yz xz xy in tensor form, stored as Mandel
  expect_values(SR2::fill({1, 2, 3, 4, 5, 6}), {1, 2, 3, 4 * r2, 5 * r2, 6 * r2});
  EXPECT_THROW(SR2::fill({1.0, 2.0}), ValueError);
  try
  {
    (void)SR2::fill({1, 2, 3, 4});
    FAIL();
  }
  catch (const ValueError & e)
  {
    EXPECT_NE(std::string(e.what()).find("1, 3, 6"), std::string::npos) << e.what();
  }
  EXPECT_EQ(SR2::fill({1, 2, 3}, Dtype::Float32).dtype(), Dtype::Float32);
}

TEST(TypedTensor, FillFromBatchedScalarsBroadcasts)
{
  auto a = Scalar(Tensor::from_values({2, 1}, {}, std::vector<double>{1, 2}));
  auto b = Scalar(Tensor::from_values({3}, {}, std::vector<double>{10, 20, 30}));
  auto s = SR2::fill({a, b, Scalar(0.5)});
  ASSERT_EQ(s.batch_shape(), (Shape{2, 3}));
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
    {
      const auto p = (i * 3 + j) * 6;
      EXPECT_EQ(s.at(p), i + 1.0);
      EXPECT_EQ(s.at(p + 1), 10.0 * (j + 1));
      EXPECT_EQ(s.at(p + 2), 0.5);
      EXPECT_EQ(s.at(p + 3), 0.0);
    }
  auto c = Scalar(Tensor::zeros({4}, {}));
  EXPECT_THROW(SR2::fill({b, c, c}), ValueError) << "(3) and (4) do not broadcast";
  // float64 unless every component is float32
  auto f = Scalar(1.0, Dtype::Float32);
  EXPECT_EQ(Vec::fill({f, f, f}).dtype(), Dtype::Float32);
  EXPECT_EQ(Vec::fill({f, f, Scalar(1.0)}).dtype(), Dtype::Float64);
}

TEST(TypedTensor, R2Fill)
{
  expect_values(R2::fill(2.0), {2, 0, 0, 0, 2, 0, 0, 0, 2});
  expect_values(R2::fill({1, 2, 3}), {1, 0, 0, 0, 2, 0, 0, 0, 3});
  // symmetric: xx yy zz yz xz xy
  expect_values(R2::fill({1, 2, 3, 4, 5, 6}), {1, 6, 5, 6, 2, 4, 5, 4, 3});
  expect_values(R2::fill({1, 2, 3, 4, 5, 6, 7, 8, 9}), {1, 2, 3, 4, 5, 6, 7, 8, 9});
  expect_values(R2::identity(), {1, 0, 0, 0, 1, 0, 0, 0, 1});
  EXPECT_THROW(R2::fill({1, 2}), ValueError);
}

TEST(TypedTensor, VectorLikeFills)
{
  expect_values(Vec::fill({1, 2, 3}), {1, 2, 3});
  expect_values(WR2::fill({1, 2, 3}), {1, 2, 3});
  expect_values(MRP::fill({0.1, 0.2, 0.3}), {0.1, 0.2, 0.3});
  expect_values(MillerIndex::fill({1, 1, 0}), {1, 1, 0});
  expect_values(Quaternion::fill({1, 0, 0, 0}), {1, 0, 0, 0});
  EXPECT_THROW(WR2::fill({1, 2}), ValueError);
  EXPECT_THROW(MRP::fill({1, 2, 3, 4}), ValueError);
  EXPECT_EQ(fill_counts(TypeKind::SSR4), std::vector<std::size_t>{36});
}

TEST(TypedTensor, Identities)
{
  expect_values(SR2::identity(), {1, 1, 1, 0, 0, 0});
  EXPECT_EQ(SR2::identity({3}).batch_shape(), (Shape{3}));
  const auto I = SSR4::identity_sym(), V = SSR4::identity_vol(), D = SSR4::identity_dev();
  // Contract with an SR2 in Mandel form: I:e = e, V:e = vol(e), D:e = dev(e).
  const std::vector<double> e = {1, 2, 6, 0.4 * r2, -0.2 * r2, 0.3 * r2};
  const double m = (1 + 2 + 6) / 3.0;
  for (int i = 0; i < 6; ++i)
  {
    double ie = 0, ve = 0, de = 0;
    for (int j = 0; j < 6; ++j)
    {
      ie += I.at(i * 6 + j) * e[j];
      ve += V.at(i * 6 + j) * e[j];
      de += D.at(i * 6 + j) * e[j];
    }
    EXPECT_DOUBLE_EQ(ie, e[i]);
    EXPECT_NEAR(ve, i < 3 ? m : 0.0, 1e-15);
    EXPECT_NEAR(de, e[i] - (i < 3 ? m : 0.0), 1e-15);
  }
  EXPECT_EQ(SSR4::identity_dev({2}, Dtype::Float32).dtype(), Dtype::Float32);
}

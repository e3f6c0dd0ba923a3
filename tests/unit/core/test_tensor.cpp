// Tensor storage: construction, views, batch broadcasting and dtype conversion.
#include <gtest/gtest.h>

#include "neml2/base/error.h"
#include "neml2/tensors/tensor.h"

using namespace neml2;

TEST(Tensor, ZerosFullAndShapes)
{
  auto z = Tensor::zeros({2, 3}, {6});
  EXPECT_TRUE(z.defined());
  EXPECT_EQ(z.dtype(), Dtype::Float64);
  EXPECT_EQ(z.batch_shape(), (Shape{2, 3}));
  EXPECT_EQ(z.base_shape(), (Shape{6}));
  EXPECT_EQ(z.shape(), (Shape{2, 3, 6}));
  EXPECT_EQ(z.batch_numel(), 6);
  EXPECT_EQ(z.base_numel(), 6);
  EXPECT_EQ(z.numel(), 36);
  for (auto v : z.to_vector())
    EXPECT_EQ(v, 0.0);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(z.raw()) % 64, 0u) << "storage is 64-byte aligned";

  auto f = Tensor::full({4}, {}, 2.5, Dtype::Float32);
  EXPECT_EQ(f.dtype(), Dtype::Float32);
  EXPECT_EQ(f.numel(), 4);
  for (auto v : f.to_vector())
    EXPECT_EQ(v, 2.5);

  auto empty = Tensor::zeros({0}, {3});
  EXPECT_EQ(empty.numel(), 0);
  EXPECT_TRUE(empty.to_vector().empty());
  EXPECT_FALSE(Tensor().defined());
}

TEST(Tensor, NegativeDimensionIsAnError)
{
  EXPECT_THROW(Tensor::zeros({-1}, {}), ValueError);
  EXPECT_THROW(Tensor::zeros({}, {3, -2}), ValueError);
}

TEST(Tensor, FromValuesIsRowMajorOverBatchThenBase)
{
  const std::vector<double> v = {1, 2, 3, 4, 5, 6};
  auto t = Tensor::from_values({2}, {3}, v);
  EXPECT_EQ(t.to_vector(), v);
  EXPECT_EQ(t.at(4), 5.0);
  t.set(4, -1.0);
  EXPECT_EQ(t.at(4), -1.0);
  try
  {
    (void)Tensor::from_values({2}, {2}, v);
    FAIL() << "expected a ValueError";
  }
  catch (const ValueError & e)
  {
    EXPECT_NE(std::string(e.what()).find("expected 4 values"), std::string::npos) << e.what();
  }
}

TEST(Tensor, FromValuesTakesABraceList)
{
  // The README's C++ example, as written there.
  auto strain = Tensor::from_values({2}, {6}, {0.01, 0, 0, 0, 0, 0, 0.005, -0.002, 0, 0, 0, 0.001});
  EXPECT_EQ(strain.shape(), (Shape{2, 6}));
  EXPECT_EQ(strain.at(7), -0.002);
  EXPECT_THROW((void)Tensor::from_values({2}, {6}, {1.0, 2.0}), ValueError);
}

TEST(Tensor, CopiesShareStorageCloneDoesNot)
{
  auto a = Tensor::full({2}, {}, 1.0);
  auto b = a;
  auto c = a.clone();
  b.set(0, 7.0);
  EXPECT_EQ(a.at(0), 7.0);
  EXPECT_EQ(c.at(0), 1.0);
}

TEST(Tensor, ViewResplitsBatchAndBase)
{
  auto t = Tensor::from_values({6}, {}, std::vector<double>{0, 1, 2, 3, 4, 5});
  auto v = t.view({2}, {3});
  EXPECT_EQ(v.batch_shape(), (Shape{2}));
  EXPECT_EQ(v.base_shape(), (Shape{3}));
  EXPECT_EQ(v.raw(), t.raw()) << "a view shares storage";
  EXPECT_EQ(v.at(5), 5.0);
  EXPECT_THROW((void)t.view({4}, {2}), ValueError);
}

TEST(Tensor, ExpandBatchBroadcastsLikeNumPy)
{
  // (2, 1) x base (2) -> (3, 2, 4)
  auto t = Tensor::from_values({2, 1}, {2}, std::vector<double>{1, 2, 3, 4});
  auto e = t.expand_batch({3, 2, 4});
  ASSERT_EQ(e.shape(), (Shape{3, 2, 4, 2}));
  for (std::int64_t i = 0; i < 3; ++i)
    for (std::int64_t j = 0; j < 2; ++j)
      for (std::int64_t k = 0; k < 4; ++k)
        for (std::int64_t c = 0; c < 2; ++c)
          EXPECT_EQ(e.at(((i * 2 + j) * 4 + k) * 2 + c), t.at(j * 2 + c));

  // unbatched -> batched
  auto s = Tensor::full({}, {}, 3.0).expand_batch({5});
  EXPECT_EQ(s.to_vector(), std::vector<double>(5, 3.0));
  // size 1 -> size 0
  EXPECT_EQ(Tensor::full({1}, {2}, 1.0).expand_batch({0}).numel(), 0);
  // same shape: the same tensor
  EXPECT_EQ(t.expand_batch({2, 1}).raw(), t.raw());

  EXPECT_THROW((void)t.expand_batch({3, 4}), ValueError); // 2 vs 3
  EXPECT_THROW((void)t.expand_batch({1}), ValueError);    // fewer dims
}

TEST(Tensor, BroadcastBatchShapes)
{
  EXPECT_EQ(broadcast_batch_shapes({{2, 1}, {3}}, "x"), (Shape{2, 3}));
  EXPECT_EQ(broadcast_batch_shapes({{}, {4}}, "x"), (Shape{4}));
  EXPECT_EQ(broadcast_batch_shapes({{}, {}}, "x"), (Shape{}));
  EXPECT_EQ(broadcast_batch_shapes({{5, 1, 3}, {4, 1}, {1}}, "x"), (Shape{5, 4, 3}));
  EXPECT_EQ(broadcast_batch_shapes({{0}, {1}}, "x"), (Shape{0}));
  EXPECT_EQ(broadcast_batch_shapes({}, "x"), (Shape{}));
  try
  {
    (void)broadcast_batch_shapes({{2}, {3}}, "the inputs of model 'm'");
    FAIL() << "expected a ValueError";
  }
  catch (const ValueError & e)
  {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("(2,), (3,)"), std::string::npos) << msg;
    EXPECT_NE(msg.find("the inputs of model 'm'"), std::string::npos) << msg;
  }
  EXPECT_THROW((void)broadcast_batch_shapes({{0}, {2}}, "x"), ValueError);
}

TEST(Tensor, ToConvertsDtype)
{
  auto d = Tensor::from_values({3}, {}, std::vector<double>{0.1, -2.5, 1e10});
  auto f = d.to(Dtype::Float32);
  EXPECT_EQ(f.dtype(), Dtype::Float32);
  EXPECT_EQ(f.batch_shape(), d.batch_shape());
  EXPECT_NE(f.raw(), d.raw());
  EXPECT_EQ(f.at(0), static_cast<double>(0.1f));
  EXPECT_EQ(f.at(1), -2.5);
  EXPECT_EQ(f.at(2), static_cast<double>(1e10f));
  EXPECT_EQ(f.data<float>()[1], -2.5f);
  auto back = f.to(Dtype::Float64);
  EXPECT_EQ(back.at(0), static_cast<double>(0.1f));
  EXPECT_EQ(d.to(Dtype::Float64).raw(), d.raw()) << "no copy when the dtype is the same";
}

TEST(Tensor, FromBlobWrapsExternalMemory)
{
  auto owner = std::make_shared<std::vector<float>>(std::vector<float>{1, 2, 3, 4});
  auto t = Tensor::from_blob(owner->data(), {2}, {2}, Dtype::Float32, owner);
  owner->at(3) = 9;
  EXPECT_EQ(t.at(3), 9.0);
  EXPECT_EQ(t.raw(), owner->data());
}

TEST(Tensor, ShapeText)
{
  EXPECT_EQ(shape_str({}), "()");
  EXPECT_EQ(shape_str({5}), "(5,)");
  EXPECT_EQ(shape_str({2, 3}), "(2, 3)");
  Shape s;
  EXPECT_TRUE(parse_shape("(2,3)", s));
  EXPECT_EQ(s, (Shape{2, 3}));
  EXPECT_TRUE(parse_shape(" ( 5 ) ", s));
  EXPECT_EQ(s, (Shape{5}));
  EXPECT_TRUE(parse_shape("(5,)", s));
  EXPECT_EQ(s, (Shape{5}));
  EXPECT_TRUE(parse_shape("()", s));
  EXPECT_EQ(s, (Shape{}));
  for (const char * bad : {"", "2,3", "(2,,3)", "(a)", "(-1)", "(2", "(,)", "(2.5)"})
    EXPECT_FALSE(parse_shape(bad, s)) << bad;
}

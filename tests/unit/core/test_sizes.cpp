// Size arithmetic is checked: a batch whose element or byte count cannot be represented, or
// cannot be allocated, is a SizeError naming the shapes (and, from an input file, the block),
// never a wrapped count that allocates too little and writes past it.
#include <gtest/gtest.h>

#include <fstream>

#include "neml2/base/factory.h"
#include "neml2/drivers/driver.h"
#include "neml2/tensors/tensor.h"
#include "test_compile_util.h"
#include "test_util.h"

using namespace neml2;
using namespace neml2::test;

TEST(Sizes, ElementCountsThatWrapAreErrors)
{
  EXPECT_TRUE(throws_with<SizeError>([] { (void)numel({1LL << 40, 1LL << 40}); }, "more elements than a 64-bit"));
  // 2^60 points of 6 components count, but their bytes wrap a 64-bit size (this crashed in Tensor::set).
  EXPECT_TRUE(throws_with<SizeError>([] { (void)Tensor::full({1LL << 60}, {6}, 1.0); },
                                     "a tensor of batch shape (1152921504606846976,) and base shape (6,) has "
                                     "6917529027641081856 elements, whose 8-byte values exceed the 64-bit address "
                                     "space"));
  EXPECT_TRUE(throws_with<SizeError>([] { (void)Tensor::zeros({1LL << 61}, {6}); },
                                     "a tensor of batch shape (2305843009213693952,) and base shape (6,) has more "
                                     "elements than a 64-bit count holds"));
}

TEST(Sizes, AllocationsThatFailNameTheSizeInUnits)
{
  EXPECT_TRUE(throws_with<SizeError>([] { (void)Tensor::zeros({1LL << 60}, {}); },
                                     "out of memory allocating 8 EiB (9223372036854775808 bytes) for a tensor of batch "
                                     "shape (1152921504606846976,)"));
}

TEST(Sizes, AZeroDimensionIsEmptyHoweverLargeTheOthers)
{
  const auto t = Tensor::zeros({1LL << 62, 4, 0}, {6});
  EXPECT_EQ(t.numel(), 0);
  EXPECT_EQ(numel({1LL << 62, 4, 0}), 0);
}

TEST(Sizes, InputFileSizesNameTheBlock)
{
  const auto file = scratch_path("sizes.i");
  std::ofstream(file) << "[Tensors]\n  [times]\n    type = LinspaceScalar\n    start = 0\n    end = 1\n"
                         "    nstep = 1152921504606846976\n  []\n  [strains]\n    type = FullSR2\n"
                         "    batch_shape = '(4000000000000000000)'\n    value = 1e-3\n  []\n[]\n";
  auto f = Factory::from_file(file);
  EXPECT_TRUE(throws_with<InputError>([&] { f->get_tensor("times"); }, "sizes.i:2:3: [Tensors/times]: out of memory "
                                                                       "allocating 8 EiB"));
  EXPECT_TRUE(throws_with<InputError>([&] { f->get_tensor("strains"); },
                                      "sizes.i:8:3: [Tensors/strains]: a tensor of batch shape (4000000000000000000,) "
                                      "and base shape (6,) has more elements than a 64-bit count holds"));
}

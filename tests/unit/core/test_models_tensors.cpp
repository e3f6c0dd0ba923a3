// Common models with parameters given as [Tensors] names (tests/data/models/tensors.i).
#include <cmath>

#include <gtest/gtest.h>

#include "fd_check.h"
#include "neml2/base/error.h"

using namespace neml2;
using test::near_rel;

namespace
{
std::shared_ptr<Model>
load(const std::string & name)
{
  return load_model(test::data("models/tensors.i"), name);
}

bool
have_generators()
{
  return Registry::find(ObjectKind::Tensor, "FullScalar") && Registry::find(ObjectKind::Tensor, "FillSR2");
}
} // namespace

TEST(TensorsParameters, ConstantParameterFromTensors)
{
  if (!have_generators())
    GTEST_SKIP() << "the [Tensors] generators are not registered";
  EXPECT_EQ(load("E")->value({}).at("E").at(0), 20.0); // NEML2's ScalarConstantParameter example
  // FillSR2 takes tensor components: the shear ones get the Mandel factor sqrt(2).
  auto a = load("A_param")->value({}).at("a");
  const double r2 = std::sqrt(2.0);
  const std::vector<double> want = {1, 2, 3, 4 * r2, 5 * r2, 6 * r2};
  for (int i = 0; i < 6; ++i)
    EXPECT_TRUE(near_rel(a.at(i), want[static_cast<std::size_t>(i)])) << i;
}

TEST(TensorsParameters, BatchedCoefficientBroadcasts)
{
  if (!have_generators())
    GTEST_SKIP() << "the [Tensors] generators are not registered";
  auto m = load("sum"); // u = 0.5 x + 2 y + 20, with the 0.5 of batch shape (5,)
  auto in = test::random_inputs(*m, {3, 5});
  auto out = m->value(in).at("u");
  ASSERT_EQ(out.batch_shape(), (Shape{3, 5}));
  for (std::int64_t p = 0; p < 15; ++p)
    EXPECT_TRUE(near_rel(out.at(p), 0.5 * in.at("x").at(p) + 2 * in.at("y").at(p) + 20, 1e-15));
  test::check_pointwise(*m, in, {3, 5});
  test::check_derivatives(*m, in);
  // E of batch shape (5,) against strain (3, 5)
  auto el = load("el");
  test::check_pointwise(*el, test::random_inputs(*el, {3, 5}, {{"strain", {-0.01, 0.01}}}), {3, 5});
}

TEST(TensorsParameters, WrongTensorTypeIsAnInputError)
{
  if (!have_generators())
    GTEST_SKIP() << "the [Tensors] generators are not registered";
  try
  {
    load("wrong_type");
    ADD_FAILURE() << "no error";
  }
  catch (const InputError & e)
  {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("tensors.i:50:19: "), std::string::npos) << msg;
    EXPECT_NE(msg.find("parameter 'scaling' must be a Scalar, but [Tensors/A] is a SR2"), std::string::npos) << msg;
  }
}

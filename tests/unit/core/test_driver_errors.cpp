// Malformed TransientDriver blocks (tests/data/plasticity/driver_errors.i) and failing runs.
#include <gtest/gtest.h>

#include "neml2/base/error.h"
#include "neml2/drivers/transient_driver.h"
#include "test_util.h"

using namespace neml2;

namespace
{
struct Case
{
  const char * block;
  const char * says;
};

const Case cases[] = {
    {"missing_tensor", "option 'prescribed_SR2_values' of [Drivers/missing_tensor]: no [Tensors/strians] in the "
                       "input file (did you mean 'strains'?)"},
    {"short", "'E' must have one entry per step along its first batch dimension (11 steps, as prescribed_time), but "
              "its batch shape is (5,)"},
    {"batch_mismatch", "batch shapes of the time, the prescribed values and the initial conditions"},
    {"unknown_model", "no [Models/elastcity] in the input file (did you mean 'elasticity'?)"},
    {"unused_wr2", "model 'elasticity' does not use the prescribed variable 'w' (nor 'w~1')"},
    {"unused_rot", "model 'elasticity' does not use the prescribed variable 'r' (nor 'r~1')"},
    {"wrong_type", "[Tensors/strains] is a SR2, but a Scalar is needed here"},
    {"count", "expected one value per name in 'prescribed_SR2_names' (1), got 2"},
    {"ic_not_output", "'E' is not an output of model 'elasticity', so it takes no initial condition"},
    {"unused", "model 'elasticity' does not use the prescribed variable 'strain' (nor 'strain~1')"},
    {"bad_save", "'result.pt' must end with .npz (NumPy archive) or .csv"},
    {"no_steps", "the times need a first batch dimension for the steps"},
    {"number_prescribed", "'0.01' is a number, but prescribed values need the name of a [Tensors] object"},
    {"type_mismatch", "model 'elasticity' takes 'E' as a SR2, but the driver provides a Scalar"},
    {"both_spellings", "'prescribed_SR2_names' and 'force_SR2_names' are the same option"},
};
} // namespace

TEST(DriverErrors, EachMalformedBlockIsReported)
{
  const auto file = test::data("plasticity/driver_errors.i");
  for (const auto & c : cases)
  {
    try
    {
      load_driver(file, c.block);
      ADD_FAILURE() << c.block << ": no error";
    }
    catch (const InputError & e)
    {
      const std::string msg = e.what();
      EXPECT_NE(msg.find(file + ":"), std::string::npos) << c.block << ": " << msg;
      EXPECT_NE(msg.find(c.says), std::string::npos) << c.block << ": " << msg;
    }
  }
}

TEST(DriverErrors, UnknownDriver)
{
  const auto file = test::data("plasticity/driver_errors.i");
  EXPECT_THROW(load_driver(file, "no_such_driver"), InputError);
}

TEST(DriverErrors, SaveBeforeRunIsAnError)
{
  auto d = std::dynamic_pointer_cast<TransientDriver>(load_driver(test::data("plasticity/driver.i"), "elastic"));
  ASSERT_NE(d, nullptr);
  EXPECT_THROW(d->save("/tmp/never.npz"), Error);
}

TEST(DriverErrors, SaveAsIntoAMissingFolderIsRefusedBeforeTheRun)
{
  // Found when the driver is built, not after a run whose results would then be lost.
  const auto file = test::data("plasticity/driver.i");
  auto says = [&](const std::string & save_as) {
    try
    {
      load_driver(file, "driver", {"Drivers/driver/save_as=" + save_as});
    }
    catch (const InputError & e)
    {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const auto missing = says("/nonexistent-folder-of-neml2/out.npz");
  EXPECT_NE(missing.find("option 'save_as' of [Drivers/driver]"), std::string::npos) << missing;
  EXPECT_NE(missing.find("(/nonexistent-folder-of-neml2) does not exist; create it first, or save elsewhere"),
            std::string::npos)
      << missing;
  const auto not_a_folder = says(file + "/out.npz");
  EXPECT_NE(not_a_folder.find("is not a folder"), std::string::npos) << not_a_folder;
  EXPECT_EQ(says("out.npz"), "no error") << "the current directory";
}

// Bad input to the catalog's models gives an error located at the offending option
// (file:line:col) that says what to change.
#include <gtest/gtest.h>

#include "neml2/base/error.h"
#include "test_compile_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
/// Loading `model` throws an InputError located at line `line` of the file whose message holds
/// `message`.
::testing::AssertionResult
located(const std::string & model, int line, const std::string & message)
{
  try
  {
    load_model(data("models/catalog_errors.i"), model);
  }
  catch (const InputError & e)
  {
    const std::string what = e.what();
    if (what.find(fmt::format("catalog_errors.i:{}:", line)) == std::string::npos ||
        what.find(message) == std::string::npos)
      return ::testing::AssertionFailure()
             << model << ": expected line " << line << " and \"" << message << "\", got: " << what;
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << model << ": no InputError thrown";
}
} // namespace

TEST(CatalogErrors, LocatedAndActionable)
{
  EXPECT_TRUE(located("mixity_same", 6, "normal_separation and tangential_separation must differ"));
  EXPECT_TRUE(located("volume_adjust_same", 10, "input and jacobian must be different variables"));
  EXPECT_TRUE(located("general_same", 14, "strain and orientation must be different variables"));
  EXPECT_TRUE(located("spin_same", 20, "the rotation, its rate and the time must be three different variables"));
  EXPECT_TRUE(located("descent_no_sweeps", 26, "expected at least one sweep"));
  EXPECT_TRUE(
      located("table_words", 35, "expected the name of a [Tensors] object or a list of numbers, got '0 1 two'"));
  EXPECT_TRUE(
      located("trial_same", 42, "elastic_trial_stress and equivalent_plastic_strain must be different variables"));
  EXPECT_TRUE(located("log_without_transition", 48, "set transition_saturation"));
  EXPECT_TRUE(located("transition_above_one", 54, "must be in [0, 1], got 1.5"));
  EXPECT_TRUE(located("spectral_split", 60, "use VOLDEV (volumetric-deviatoric) or NONE"));
  EXPECT_TRUE(located("eta_one", 65, "the residual degradation must be in [0, 1), got 1"));
  EXPECT_TRUE(located("densities_short", 70, "expected one density per mass fraction (3), got 2"));
  EXPECT_TRUE(located("molar_volume_zero", 76, "the molar volume must be positive, got 0"));
  EXPECT_TRUE(located("channel_same", 80, "solid_fraction and product_fraction must be different variables"));
  EXPECT_TRUE(located("thickness_zero", 86, "the thickness must be positive, got 0"));
  EXPECT_TRUE(located("open_fraction_is_a_mass_fraction", 90, "'phio' is also the open volume fraction"));
}

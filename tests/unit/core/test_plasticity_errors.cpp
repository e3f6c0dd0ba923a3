// Malformed input for each plasticity model (tests/data/plasticity/errors.i): the message says
// what is wrong and points at file:line:col.
#include <gtest/gtest.h>

#include "neml2/base/error.h"
#include "test_util.h"

using namespace neml2;

namespace
{
struct Case
{
  const char * block;
  const char * where; ///< line:col in errors.i
  const char * says;
};

const Case cases[] = {
    // Without 'variable' the variable is named 'variable' (NEML2's default), here also the rate.
    {"be_missing", "6:12", "the rate 'variable' must differ from the variable and the time"},
    {"be_same", "11:12", "the rate 'x' must differ from the variable and the time"},
    {"fe_time", "13:3", "the time and the integrated variable must be different variables"},
    {"fb_enum", "19:20", "'LT' is not a valid choice"},
    {"minmap_same", "24:9", "the two conditions must be different variables, got 'f' twice"},
    {"yield_missing", "26:3", "missing the required option 'yield_stress'"},
    {"yield_count", "32:20", "parameter 'sy' of type Scalar needs 1 number, got 2"},
    {"perzyna_typo", "36:5", "(did you mean 'reference_stress'?)"},
    {"Eprate_same", "41:27", "the plastic strain rate must differ from the flow direction"},
    {"eprate_same", "45:37", "the direction must differ from the flow rate"},
    {"Kprate_same", "49:37", "the output must differ from the direction"},
    {"j2_same", "53:22", "the flow direction must differ from the Mandel stress"},
    {"linear_iso_tensor", "57:25",
     "parameter 'K' expects a number, the name of a [Tensors] object, the name of a [Models] block or a variable"},
    {"voce_missing", "59:3", "missing the required option 'saturation_rate'"},
    {"linear_kin_same", "66:19", "the back stress must differ from the kinematic plastic strain"},
    {"fa_same", "72:24", "the back stress rate 'flow_rate' must differ from the inputs"},
    {"chaboche_missing", "74:3", "missing the required option 'a'"},
    {"normality_function", "87:16", "model 'yield' has no output 'yield_functon' (did you mean 'yield_function'?)"},
    {"normality_from", "95:12", "model 'yield' has no input 'effective_stres' (did you mean 'effective_stress'?)"},
    {"normality_count", "103:10", "expected one name per entry of 'from' (1), got 2"},
    {"normality_model", "", "no [Models/yeild] in the input file (did you mean 'yield'?)"},
    {"normality_type", "115:16", "the function 'flow_direction' must be a Scalar, but model 'j2' makes it a SR2"},
};
} // namespace

TEST(PlasticityInputErrors, EachMalformedBlockIsReportedWithItsLocation)
{
  const auto file = test::data("plasticity/errors.i");
  for (const auto & c : cases)
  {
    try
    {
      load_model(file, c.block);
      ADD_FAILURE() << c.block << ": no error";
    }
    catch (const InputError & e)
    {
      const std::string msg = e.what();
      EXPECT_NE(msg.find(file + ":" + c.where + (c.where[0] ? ": " : "")), std::string::npos) << c.block << ": " << msg;
      EXPECT_NE(msg.find(c.says), std::string::npos) << c.block << ": " << msg;
    }
  }
}

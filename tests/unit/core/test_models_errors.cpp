// Malformed input for each common model (tests/data/models/errors.i): the message says what is
// wrong, suggests the near name, and points at file:line:col.
#include <fstream>

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
    {"lc_typo", "8:5",
     "unknown option 'coefficent' for [Models/lc_typo] of type ScalarLinearCombination (did you "
     "mean 'coefficients'?)"},
    {"lc_count", "14:20", "expected 1 entry (used for every variable) or 2 entries (one per variable), got 3"},
    {"lc_both", "19:12", "'from_var' and 'from' are the same option"},
    {"lc_missing", "22:3", "missing the required option 'from_var'"},
    {"rate_typo", "28:5",
     "unknown option 'varible' for [Models/rate_typo] of type ScalarVariableRate (did you mean "
     "'variable'?)"},
    {"rate_same", "33:12", "the time and the variable must be different variables"},
    {"inv_enum", "37:22", "'VONMISSES' is not a valid choice (did you mean 'VONMISES'?)"},
    {"inv_missing", "41:3", "missing the required option 'invariant_type'"},
    {"mandel_typo", "48:5", "(did you mean 'cauchy_stress'?)"},
    {"mul_bool", "54:18", "option 'reciprocal' of [Models/mul_bool]: expected true or false, got 'maybe'"},
    {"mul_count", "60:18", "expected 1 entry (used for every variable) or 3 entries (one per variable), got 2"},
    {"const_count", "64:13", "parameter 'value' of type Scalar needs 1 number, got 2"},
    {"const_sr2_count", "68:13", "parameter 'value' of type SR2 needs 1 or 6 numbers, got 3"},
    {"input_same", "72:12", "the output 'input_same' must differ from the input"},
    {"el_enum", "77:25", "'YOUNG_MODULUS' is not a valid choice (did you mean 'YOUNGS_MODULUS'?)"},
    {"el_count", "81:20", "expected 2 coefficients, got 3"},
    {"el_typo", "88:5", "(did you mean 'compliance'?)"},
    {"rate_both", "94:12", "'variable_rate' and 'rate' are the same option"},
};
} // namespace

TEST(ModelInputErrors, EachMalformedBlockIsReportedWithItsLocation)
{
  const auto file = test::data("models/errors.i");
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
      EXPECT_NE(msg.find(file + ":" + c.where + ": "), std::string::npos) << c.block << ": " << msg;
      EXPECT_NE(msg.find(c.says), std::string::npos) << c.block << ": " << msg;
    }
  }
}

TEST(ModelInputErrors, NumberLikeWordsAreNumbersOrErrorsNeverVariableNames)
{
  // A word written as a number that does not read as a finite double used to become a model
  // input with that name ('1e400', '0x1p17', '200e3abc'); it is an error at the option.
  auto message = [](const std::string & coefficients) {
    const std::string text = "[Models]\n  [elasticity]\n    type = LinearIsotropicElasticity\n    coefficients = '" +
                             coefficients + "'\n    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'\n  []\n[]\n";
    const auto file = test::scratch_path("number_like.i");
    std::ofstream(file) << text;
    try
    {
      load_model(file, "elasticity");
    }
    catch (const InputError & e)
    {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::pair<const char *, const char *> cases[] = {
      {"1e400 0.3", "'1e400' is not a number this reader accepts (out of the range of a double)"},
      {"0x1p17 0.3", "'0x1p17' is not a number this reader accepts (malformed)"},
      {"200e3abc 0.3", "'200e3abc' is not a number this reader accepts (malformed)"},
      {"-.5x 0.3", "'-.5x' is not a number this reader accepts (malformed)"},
      {"inf 0.3", "'inf' is not a number this reader accepts (not a finite number)"},
      {"200e3 nan", "'nan' is not a number this reader accepts (not a finite number)"},
  };
  for (const auto & [coefficients, says] : cases)
  {
    const auto m = message(coefficients);
    EXPECT_NE(m.find(says), std::string::npos) << coefficients << ": " << m;
    EXPECT_NE(m.find("number_like.i:4:"), std::string::npos) << coefficients << ": " << m;
  }
  EXPECT_EQ(message("200e3 0.3"), "no error");
  EXPECT_EQ(message("+200e3 0.3"), "no error");
}

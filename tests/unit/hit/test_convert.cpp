// Typed conversions: accepted spellings and located errors.
#include <gtest/gtest.h>

#include "expect_error.h"

using namespace neml2::hit;
using neml2::hit::test::throws_error;

namespace
{
/// The field `key` of a one-field input "key = <value>".
Field
field(const std::string & value_text)
{
  auto root = parse_string("k = " + value_text + "\n", "input.i");
  return root->fields.at(0);
}
} // namespace

TEST(HitConvert, Doubles)
{
  EXPECT_DOUBLE_EQ(to_double(field("1e-3")), 1e-3);
  EXPECT_DOUBLE_EQ(to_double(field("200e3")), 200e3);
  EXPECT_DOUBLE_EQ(to_double(field("-.5")), -0.5);
  EXPECT_DOUBLE_EQ(to_double(field("+2.5E+2")), 250.0);
  EXPECT_DOUBLE_EQ(to_double(field("'  7 '")), 7.0);
  EXPECT_DOUBLE_EQ(to_double(field("3")), 3.0);
  EXPECT_EQ(to_doubles(field("'1 2.5 -3e2'")), (std::vector<double>{1, 2.5, -300}));
  EXPECT_TRUE(to_doubles(field("''")).empty());
}

TEST(HitConvert, Ints)
{
  EXPECT_EQ(to_int(field("42")), 42);
  EXPECT_EQ(to_int(field("-7")), -7);
  EXPECT_EQ(to_int(field("+7")), 7);
  EXPECT_EQ(to_ints(field("'1 2 3'")), (std::vector<long>{1, 2, 3}));
}

TEST(HitConvert, Bools)
{
  for (const char * t : {"true", "on", "yes", "1", "TRUE", "Yes"})
    EXPECT_TRUE(to_bool(field(t))) << t;
  for (const char * f : {"false", "off", "no", "0", "False"})
    EXPECT_FALSE(to_bool(field(f))) << f;
}

TEST(HitConvert, Strings)
{
  EXPECT_EQ(to_strings(field("'a  b\tc'")), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(HitConvert, DoubleRows)
{
  EXPECT_EQ(to_double_rows(field("'1 0; 0 1'")), (std::vector<std::vector<double>>{{1, 0}, {0, 1}}));
  EXPECT_EQ(to_double_rows(field("'1 2 3; 4'")), (std::vector<std::vector<double>>{{1, 2, 3}, {4}}));
}

TEST(HitConvert, Errors)
{
  using K = ErrorKind;
  EXPECT_TRUE(throws_error([] { to_double(field("1.0x")); }, K::Conversion,
                           "input.i:1:5: invalid value '1.0x' for 'k'; expected a real number"));
  EXPECT_TRUE(throws_error([] { to_double(field("'1 2'")); }, K::Conversion,
                           "input.i:1:5: expected a single real number for 'k', found 2 words"));
  EXPECT_TRUE(throws_error([] { to_double(field("''")); }, K::Conversion, "found an empty value"));
  EXPECT_TRUE(throws_error([] { to_double(field("1e999")); }, K::Conversion, "expected a real number within range"));
  EXPECT_TRUE(throws_error([] { to_double(field("--1")); }, K::Conversion, "'--1'"));
  EXPECT_TRUE(
      throws_error([] { to_int(field("1.5")); }, K::Conversion, "invalid value '1.5' for 'k'; expected an integer"));
  EXPECT_TRUE(
      throws_error([] { to_int(field("99999999999999999999")); }, K::Conversion, "expected an integer within range"));
  EXPECT_TRUE(throws_error([] { to_bool(field("maybe")); }, K::Conversion,
                           "invalid value 'maybe' for 'k'; expected a boolean"));
  // List errors point at the offending word, even on a later line.
  EXPECT_TRUE(
      throws_error([] { to_doubles(field("'1 2\n  3 x4'")); }, K::Conversion, "input.i:2:5: invalid value 'x4'"));
  EXPECT_TRUE(
      throws_error([] { to_double_rows(field("'1 2; 3 y'")); }, K::Conversion, "input.i:1:13: invalid value 'y'"));
  EXPECT_TRUE(throws_error([] { to_ints(field("'1 2.0'")); }, K::Conversion, "input.i:1:8: invalid value '2.0'"));
}

TEST(HitConvert, SubstitutedValuesReportTheFieldLocation)
{
  auto root = parse_string("a = x\nk = '1 ${a}'\n", "input.i");
  EXPECT_TRUE(throws_error([&] { to_doubles(*root->find_field("k")); }, ErrorKind::Conversion,
                           "input.i:2:5: invalid value 'x' for 'k'"));
}

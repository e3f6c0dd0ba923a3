// Command-line overrides: replace, create, quoting, substitution, errors.
#include <gtest/gtest.h>

#include "expect_error.h"

using namespace neml2::hit;
using neml2::hit::test::throws_error;

namespace
{
const char * input = "E = 1\n[Models]\n  [elasticity]\n    coefficients = '200e3 0.3'\n"
                     "    type = X\n  []\n[]\n";

std::unique_ptr<Section>
with(const std::vector<std::string> & overrides)
{
  return parse_string(input, "input.i", overrides);
}
} // namespace

TEST(HitOverride, ColonEqualsReplaces)
{
  auto root = with({"Models/elasticity/coefficients:='100e3 0.25'"});
  const Field * c = root->find("Models/elasticity")->find_field("coefficients");
  EXPECT_EQ(c->value, "100e3 0.25");
  EXPECT_TRUE(c->quoted);
  EXPECT_EQ(c->value_loc.str(), "<command line>:1:33");
  EXPECT_EQ(root->find("Models/elasticity")->field_keys(), (std::vector<std::string>{"coefficients", "type"}));
}

TEST(HitOverride, EqualsAlsoReplaces)
{
  auto root = with({"Models/elasticity/coefficients=100e3"});
  EXPECT_EQ(root->find("Models/elasticity")->find_field("coefficients")->value, "100e3");
}

TEST(HitOverride, UnquotedValueKeepsSpaces)
{
  // What a shell passes for: Models/elasticity/coefficients='1 2'
  auto root = with({"Models/elasticity/coefficients=1 2"});
  EXPECT_EQ(root->find("Models/elasticity")->find_field("coefficients")->words(), (std::vector<std::string>{"1", "2"}));
}

TEST(HitOverride, CreatesFieldsAndSections)
{
  auto root = with({"Models/elasticity/extra=yes", "Drivers/d/n=3", "top=t"});
  EXPECT_TRUE(to_bool(*root->find("Models/elasticity")->find_field("extra")));
  EXPECT_EQ(to_int(*root->find("Drivers/d")->find_field("n")), 3);
  EXPECT_EQ(root->find("Drivers/d")->path, "Drivers/d");
  EXPECT_EQ(root->find_field("top")->value, "t");
}

TEST(HitOverride, LaterOverrideWins)
{
  auto root = with({"E=2", "E:=3"});
  EXPECT_EQ(root->find_field("E")->value, "3");
}

TEST(HitOverride, FeedsSubstitution)
{
  auto root = parse_string("E = 1\n[A]\n  x = ${E}\n[]\n", "input.i", {"E=7"});
  EXPECT_EQ(root->find("A")->find_field("x")->value, "7");
  auto root2 = parse_string("E = 1\n", "input.i", {"A/y=${E}0", "A/z='''${E}'''"});
  EXPECT_EQ(root2->find("A")->find_field("y")->value, "10");
  EXPECT_EQ(root2->find("A")->find_field("z")->value, "${E}");
}

TEST(HitOverride, Errors)
{
  using K = ErrorKind;
  const auto fails = [](const std::string & arg, const std::string & what) {
    return throws_error([&] { with({"E=1", arg}); }, K::Override, what);
  };
  EXPECT_TRUE(fails("Models/elasticity/coefficients",
                    "<command line>:2:1: missing '='; expected 'section/key=value' or "
                    "'section/key:=value' in override 'Models/elasticity/coefficients'"));
  EXPECT_TRUE(fails("=3", "<command line>:2:1: missing key before '='"));
  EXPECT_TRUE(fails("Models//x=3", "<command line>:2:8: empty name before '/'"));
  EXPECT_TRUE(fails("Models/x y=3", "<command line>:2:9: invalid character ' ' in the path"));
  EXPECT_TRUE(fails("Models/=3", "<command line>:2:8: missing key before '='"));
  EXPECT_TRUE(fails("a='1 2", "<command line>:2:3: unterminated or misplaced quote"));
  EXPECT_TRUE(fails("a='''1 2", "<command line>:2:3: unterminated triple-quoted value"));
  EXPECT_TRUE(
      throws_error([] { with({"a=${nope}"}); }, K::Substitution, "<command line>:1:3: unknown variable 'nope'"));
}

TEST(HitOverride, ConversionErrorsPointIntoTheArgument)
{
  auto root = with({"Models/elasticity/coefficients=1 2x"});
  const Field & c = *root->find("Models/elasticity")->find_field("coefficients");
  EXPECT_TRUE(throws_error([&] { to_doubles(c); }, ErrorKind::Conversion,
                           "<command line>:1:34: invalid value '2x' for 'coefficients'; expected "
                           "a real number"));
}

// Command-line overrides: replace, create fields, quoting, substitution, errors (missing blocks too).
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

TEST(HitOverride, CreatesFieldsButNotBlocks)
{
  auto root = with({"Models/elasticity/extra=yes", "top=t"});
  EXPECT_TRUE(to_bool(*root->find("Models/elasticity")->find_field("extra")));
  EXPECT_EQ(root->find_field("top")->value, "t");
}

TEST(HitOverride, MissingBlocksAreErrors)
{
  // A typo in a block name must not create a block that nothing reads.
  using K = ErrorKind;
  EXPECT_TRUE(throws_error([] { with({"Modles/elasticity/coefficients:=1"}); }, K::Override,
                           "<command line>:1:1: no block 'Modles' in the input file (did you mean 'Models'?); its "
                           "sections are: 'Models' in override 'Modles/elasticity/coefficients:=1'"));
  EXPECT_TRUE(throws_error([] { with({"Models/nope/x=1"}); }, K::Override,
                           "<command line>:1:1: no block 'Models/nope' in the input file; [Models] has: "
                           "'elasticity'"));
  EXPECT_TRUE(throws_error([] { with({"Drivers/d/n=3"}); }, K::Override, "no block 'Drivers' in the input file"));
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
  auto root2 = parse_string("E = 1\n[A]\n[]\n", "input.i", {"A/y=${E}0", "A/z='''${E}'''"});
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

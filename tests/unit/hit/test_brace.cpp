// '${...}' substitution: variables, scoping, commands, nesting, quoting.
#include <cstdlib>

#include <gtest/gtest.h>

#include "expect_error.h"

using namespace neml2::hit;
using neml2::hit::test::parse_fails;

TEST(HitBrace, TopLevelVariable)
{
  auto root = parse_string("E = 200e3\nnu = 0.3\n[Models]\n  [e]\n"
                           "    coefficients = '${E} ${nu}'\n    E2 = ${E}\n  []\n[]\n",
                           "input.i");
  const Section * e = root->find("Models/e");
  EXPECT_EQ(e->find_field("coefficients")->value, "200e3 0.3");
  EXPECT_EQ(e->find_field("coefficients")->raw, "${E} ${nu}");
  EXPECT_EQ(e->find_field("E2")->value, "200e3");
  EXPECT_DOUBLE_EQ(to_double(*e->find_field("E2")), 200e3);
}

TEST(HitBrace, SearchesFromCurrentSectionOutward)
{
  auto root = parse_string("x = top\n[A]\n  x = a\n  [B]\n    v = ${x}\n  []\n  w = ${x}\n[]\n"
                           "[C]\n  v = ${x}\n[]\n",
                           "input.i");
  EXPECT_EQ(root->find("A/B")->find_field("v")->value, "a");
  EXPECT_EQ(root->find("A")->find_field("w")->value, "a");
  EXPECT_EQ(root->find("C")->find_field("v")->value, "top");
}

TEST(HitBrace, FieldNeverRefersToItself)
{
  auto root = parse_string("E = 1\n[A]\n  E = ${E}0\n[]\n", "input.i");
  EXPECT_EQ(root->find("A")->find_field("E")->value, "10");
}

TEST(HitBrace, ChainedVariables)
{
  auto root = parse_string("a = 1\nb = ${a}${a}\nc = '${b} ${b}'\n", "input.i");
  EXPECT_EQ(root->find_field("c")->value, "11 11");
}

TEST(HitBrace, ReplaceCommand)
{
  auto root = parse_string("name = foo\nv = ${replace name}\n", "input.i");
  EXPECT_EQ(root->find_field("v")->value, "foo");
}

TEST(HitBrace, RawCommand)
{
  auto root = parse_string("n = 2\nv = ${raw a ${n} c}\nq = 'x ${raw 1 2 3} y'\n", "input.i");
  EXPECT_EQ(root->find_field("v")->value, "a2c");
  EXPECT_EQ(root->find_field("q")->value, "x 123 y");
}

TEST(HitBrace, EnvCommand)
{
  ::setenv("NEML2_HIT_TEST_VAR", "hello world", 1);
  auto root = parse_string("v = '${env NEML2_HIT_TEST_VAR}!'\n", "input.i");
  EXPECT_EQ(root->find_field("v")->value, "hello world!");
  EXPECT_EQ(root->find_field("v")->words(), (std::vector<std::string>{"hello", "world!"}));
}

TEST(HitBrace, InsideDoubleQuotesAndMultiLine)
{
  auto root = parse_string("a = 1\nm = \"${a} 2;\n     3 ${a}\"\n", "input.i");
  EXPECT_EQ(root->find_field("m")->rows(), (std::vector<std::vector<std::string>>{{"1", "2"}, {"3", "1"}}));
}

TEST(HitBrace, NotInTripleQuotes)
{
  auto root = parse_string("v = '''${nothing here}'''\n", "input.i");
  EXPECT_EQ(root->find_field("v")->value, "${nothing here}");
}

TEST(HitBrace, DollarWithoutBraceIsText)
{
  auto root = parse_string("v = $a$\nw = '{x}'\n", "input.i");
  EXPECT_EQ(root->find_field("v")->value, "$a$");
  EXPECT_EQ(root->find_field("w")->value, "{x}");
}

TEST(HitBrace, ErrorsAreLocatedAtTheExpression)
{
  using K = ErrorKind;
  EXPECT_TRUE(
      parse_fails("[A]\n  x = '1 ${foo}'\n[]\n", K::Substitution, "input.i:2:10: unknown variable 'foo' in '${foo}'"));
  EXPECT_TRUE(parse_fails("foo2 = 1\nx = ${foo}\n", K::Substitution, "did you mean 'foo2'?"));
  EXPECT_TRUE(parse_fails("x = ${bogus a b}\n", K::Substitution,
                          "input.i:1:5: unknown command 'bogus' in '${bogus a b}'; expected "
                          "'env', 'raw' or 'replace'"));
  EXPECT_TRUE(parse_fails("x = '\n  ${env NEML2_HIT_SURELY_UNSET_VARIABLE}'\n", K::Substitution,
                          "input.i:2:3: environment variable 'NEML2_HIT_SURELY_UNSET_VARIABLE'"));
  EXPECT_TRUE(parse_fails("x = ${}\n", K::Substitution, "input.i:1:5: empty brace expression"));
  EXPECT_TRUE(parse_fails("x = 'a ${b'\n", K::Substitution, "input.i:1:8: unterminated brace expression '${b'"));
  EXPECT_TRUE(parse_fails("a = ${b}\nb = ${a}\n", K::Substitution, "circular reference"));
  EXPECT_TRUE(parse_fails("x = ${env A B}\n", K::Substitution, "takes one environment variable"));
  EXPECT_TRUE(parse_fails("x = ${replace}\n", K::Substitution, "unknown variable 'replace' in '${replace}'"));
}

TEST(HitBrace, SiblingsAreNotVisible)
{
  EXPECT_TRUE(parse_fails("[A]\n  x = 1\n[]\n[B]\n  y = ${x}\n[]\n", ErrorKind::Substitution,
                          "input.i:5:7: unknown variable 'x'"));
}

TEST(HitBrace, ExponentialGrowthIsStopped)
{
  std::string text = "a0 = xxxxxxxxxxxxxxxx\n";
  for (int i = 1; i < 40; ++i)
  {
    const std::string prev = "${a" + std::to_string(i - 1) + "}";
    text += std::string("a") + std::to_string(i) + " = " + prev + prev + "\n";
  }
  EXPECT_TRUE(parse_fails(text, ErrorKind::Substitution, "bytes after substitution"));
}

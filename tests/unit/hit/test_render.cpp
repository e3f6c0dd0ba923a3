// Rendering back to HIT text and reading it again.
#include <gtest/gtest.h>

#include "neml2/hit/hit.h"

using namespace neml2::hit;

namespace
{
/// Structural equality: names, keys and values in order.
void
expect_same(const Section & a, const Section & b)
{
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.path, b.path);
  ASSERT_EQ(a.fields.size(), b.fields.size()) << a.path;
  for (std::size_t i = 0; i < a.fields.size(); ++i)
  {
    EXPECT_EQ(a.fields[i].key, b.fields[i].key);
    EXPECT_EQ(a.fields[i].value, b.fields[i].value);
  }
  ASSERT_EQ(a.children.size(), b.children.size()) << a.path;
  for (std::size_t i = 0; i < a.children.size(); ++i)
    expect_same(*a.children[i], *b.children[i]);
}
} // namespace

TEST(HitRender, NestedWithTwoSpaceIndent)
{
  auto root = parse_string("# c\n[Models]\n[elasticity]\ntype = X\ncoefficients = '200e3   0.3'\n"
                           "[]\n[]\nE = 1\n",
                           "input.i");
  EXPECT_EQ(render(*root), "E = 1\n"
                           "[Models]\n"
                           "  [elasticity]\n"
                           "    type = X\n"
                           "    coefficients = '200e3   0.3'\n"
                           "  []\n"
                           "[]\n");
}

TEST(HitRender, QuotesOnlyWhatNeedsIt)
{
  auto root = parse_string("a = plain\nb = 'quoted'\nc = \"it's\"\nd = ''\nh = 'x#y'\n"
                           "v = '''${keep}'''\nm = 'a;\nb'\n",
                           "input.i");
  EXPECT_EQ(render(*root), "a = plain\nb = 'quoted'\nc = \"it's\"\nd = ''\nh = 'x#y'\n"
                           "v = '''${keep}'''\nm = 'a;\nb'\n");
}

TEST(HitRender, SubstitutedValuesAreWrittenOut)
{
  auto root = parse_string("E = 5\nx = '${E} ${E}'\ny = ${raw $ {}\n", "input.i");
  EXPECT_EQ(render(*root), "E = 5\nx = '5 5'\ny = '''${'''\n");
}

TEST(HitRender, RoundTrip)
{
  const char * text = R"(
E = 200e3
[Models]
  [a/b]
    v = "both ' quote"
    w = '''raw ${x}'''
    rows = '1 2;
            3 4'
  []
  [c]
    type = T
  []
[]
[Drivers]
  n = 3
[]
)";
  auto first = parse_string(text, "input.i");
  const std::string rendered = render(*first);
  auto second = parse_string(rendered, "rendered.i");
  expect_same(*first, *second);
  EXPECT_EQ(render(*second), rendered);
}

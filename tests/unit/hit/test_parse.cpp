// Parsing: sections, fields, strings, comments, merging, ':=' and byte ranges.
#include <gtest/gtest.h>

#include "neml2/hit/hit.h"

using namespace neml2::hit;

namespace
{
const char * seed = R"(# Linear isotropic elasticity model
[Models]
  [elasticity]
    type = LinearIsotropicElasticity
    coefficients      = '200e3          0.3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
  []
[]
)";
} // namespace

TEST(HitParse, SeedInput)
{
  auto root = parse_string(seed, "input.i");
  ASSERT_EQ(root->children.size(), 1u);
  EXPECT_TRUE(root->fields.empty());
  const Section * models = root->find_child("Models");
  ASSERT_NE(models, nullptr);
  EXPECT_EQ(models->path, "Models");
  const Section * e = root->find("Models/elasticity");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->name, "elasticity");
  EXPECT_EQ(e->path, "Models/elasticity");
  EXPECT_EQ(e->parent, models);
  EXPECT_EQ(e->loc.str(), "input.i:3:3");
  ASSERT_EQ(e->fields.size(), 3u);
  EXPECT_EQ(e->fields[0].key, "type");
  EXPECT_EQ(e->fields[0].value, "LinearIsotropicElasticity");
  EXPECT_FALSE(e->fields[0].quoted);
  EXPECT_EQ(e->fields[0].loc.str(), "input.i:4:5");
  EXPECT_EQ(e->fields[0].value_loc.str(), "input.i:4:12");
  const Field * c = e->find_field("coefficients");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->quoted);
  EXPECT_EQ(c->value, "200e3          0.3");
  EXPECT_EQ(c->words(), (std::vector<std::string>{"200e3", "0.3"}));
  EXPECT_EQ(to_doubles(*c), (std::vector<double>{200e3, 0.3}));
  EXPECT_EQ(to_strings(*e->find_field("coefficient_types")),
            (std::vector<std::string>{"YOUNGS_MODULUS", "POISSONS_RATIO"}));
  EXPECT_EQ(e->find_field("nope"), nullptr);
  EXPECT_EQ(root->find("Models/nope"), nullptr);
}

TEST(HitParse, RootCoversWholeText)
{
  const std::string text = seed;
  auto root = parse_string(text, "input.i");
  EXPECT_EQ(root->name, "");
  EXPECT_EQ(root->path, "");
  EXPECT_EQ(root->loc.str(), "input.i:1:1");
  EXPECT_EQ(root->source_begin, 0u);
  EXPECT_EQ(root->source_end, text.size());
}

TEST(HitParse, EmptyAndCommentOnlyInputs)
{
  EXPECT_TRUE(parse_string("", "x.i")->children.empty());
  auto root = parse_string("# only a comment\n   \n\t# another", "x.i");
  EXPECT_TRUE(root->children.empty());
  EXPECT_TRUE(root->fields.empty());
}

TEST(HitParse, TopLevelFieldsAndComments)
{
  auto root = parse_string("a = 1 # trailing comment\nb = 'x # not a comment' # comment\n"
                           "c=3#c\n",
                           "input.i");
  ASSERT_EQ(root->fields.size(), 3u);
  EXPECT_EQ(root->fields[0].value, "1");
  EXPECT_EQ(root->fields[1].value, "x # not a comment");
  EXPECT_EQ(root->fields[2].value, "3");
}

TEST(HitParse, DoubleQuotesAndEmptyStrings)
{
  auto root = parse_string("a = \"it's\"\nb = ''\nc = \"\"\n", "input.i");
  EXPECT_EQ(root->find_field("a")->value, "it's");
  EXPECT_EQ(root->find_field("b")->value, "");
  EXPECT_TRUE(root->find_field("b")->quoted);
  EXPECT_TRUE(root->find_field("b")->words().empty());
  EXPECT_EQ(root->find_field("c")->value, "");
}

TEST(HitParse, MultiLineStringAndRows)
{
  auto root = parse_string("[A]\n  m = '1 2 3;\n       4 5 6;\n       7 8 9'\n[]\n", "input.i");
  const Field * m = root->find("A")->find_field("m");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->rows(), (std::vector<std::vector<std::string>>{{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}}));
  EXPECT_EQ(to_double_rows(*m), (std::vector<std::vector<double>>{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}));
  EXPECT_EQ(m->words().size(), 9u); // ';' stays attached to words
}

TEST(HitParse, RowsTrailingSemicolonAndEmpty)
{
  auto root = parse_string("a = '1 2;'\nb = ''\nc = '1;;2'\n", "input.i");
  EXPECT_EQ(root->find_field("a")->rows(), (std::vector<std::vector<std::string>>{{"1", "2"}}));
  EXPECT_TRUE(root->find_field("b")->rows().empty());
  EXPECT_EQ(root->find_field("c")->rows(), (std::vector<std::vector<std::string>>{{"1"}, {}, {"2"}}));
}

TEST(HitParse, TripleQuotedIsVerbatim)
{
  auto root = parse_string("x = 5\ns = '''keep ${x} 'as' \"is\";\n  # here'''\n", "input.i");
  const Field * s = root->find_field("s");
  EXPECT_TRUE(s->verbatim);
  EXPECT_TRUE(s->quoted);
  EXPECT_EQ(s->value, "keep ${x} 'as' \"is\";\n  # here");
}

TEST(HitParse, LegacyDotSlashSyntax)
{
  auto root = parse_string("[Models]\n  [./a]\n    type = X\n  [../]\n[]\n", "input.i");
  const Section * a = root->find("Models/a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->name, "a");
  EXPECT_EQ(a->header, "a");
  EXPECT_EQ(a->find_field("type")->value, "X");
}

TEST(HitParse, ShorthandPathHeader)
{
  auto root = parse_string("[Models/elasticity]\n  type = X\n[]\nafter = 1\n", "input.i");
  const Section * e = root->find("Models/elasticity");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->header, "Models/elasticity");
  EXPECT_EQ(e->find_field("type")->value, "X");
  // The single '[]' closed both levels: 'after' is at the top level.
  EXPECT_NE(root->find_field("after"), nullptr);
  EXPECT_TRUE(root->find_child("Models")->fields.empty());
}

TEST(HitParse, RepeatedSectionsMerge)
{
  auto root = parse_string("[Models]\n  [a]\n    x = 1\n  []\n[]\n"
                           "[Drivers]\n[]\n"
                           "[Models]\n  [a]\n    y = 2\n  []\n  [b]\n  []\n  z = 3\n[]\n"
                           "[Models/a]\n  w = 4\n[]\n",
                           "input.i");
  ASSERT_EQ(root->children.size(), 2u);
  const Section * models = root->find_child("Models");
  EXPECT_EQ(models->child_names(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(models->field_keys(), (std::vector<std::string>{"z"}));
  EXPECT_EQ(root->find("Models/a")->field_keys(), (std::vector<std::string>{"x", "y", "w"}));
  // The merged section keeps the location of its first block.
  EXPECT_EQ(models->loc.str(), "input.i:1:1");
}

TEST(HitParse, ColonEqualsOverridesEarlierValue)
{
  auto root = parse_string("[A]\n  x = 1\n  y = 2\n[]\n[A]\n  x := 10\n[]\nt := 5\n", "input.i");
  const Section * a = root->find("A");
  EXPECT_EQ(a->field_keys(), (std::vector<std::string>{"x", "y"})); // order kept
  EXPECT_EQ(a->find_field("x")->value, "10");
  EXPECT_EQ(a->find_field("x")->loc.str(), "input.i:6:3");
  EXPECT_EQ(root->find_field("t")->value, "5");
}

TEST(HitParse, SameKeyInDifferentSectionsIsFine)
{
  auto root = parse_string("x = 1\n[A]\n  x = 2\n[]\n[B]\n  x = 3\n[]\n", "input.i");
  EXPECT_EQ(root->find_field("x")->value, "1");
  EXPECT_EQ(root->find("A")->find_field("x")->value, "2");
  EXPECT_EQ(root->find("B")->find_field("x")->value, "3");
}

TEST(HitParse, FreeFormLayout)
{
  auto root = parse_string("[A] x=1 y = 'a b' [B] z=2 [] []", "input.i");
  EXPECT_EQ(root->find("A")->find_field("y")->value, "a b");
  EXPECT_EQ(root->find("A/B")->find_field("z")->value, "2");
}

TEST(HitParse, WindowsLineEndingsAndByteOrderMark)
{
  auto root = parse_string("\xEF\xBB\xBF[A]\r\n  x = 1\r\n[]\r\n", "input.i");
  EXPECT_EQ(root->find("A")->find_field("x")->value, "1");
  EXPECT_EQ(root->find("A")->find_field("x")->loc.str(), "input.i:2:3");
}

TEST(HitParse, KeyCharacters)
{
  auto root = parse_string("a.b-c_d+e~1 = v\n", "input.i");
  EXPECT_EQ(root->fields.at(0).key, "a.b-c_d+e~1");
}

TEST(HitParse, ValueCharacters)
{
  auto root = parse_string("from = state/internal/ep~1\nv = a'b\n", "input.i");
  EXPECT_EQ(root->find_field("from")->value, "state/internal/ep~1");
  EXPECT_EQ(root->find_field("v")->value, "a'b");
}

namespace
{
std::string
slice(const std::string & text, const Section & s)
{
  return text.substr(s.source_begin, s.source_end - s.source_begin);
}
} // namespace

TEST(HitParse, SourceRangesSpliceVerbatim)
{
  const std::string text = seed;
  auto root = parse_string(text, "input.i");
  const Section * e = root->find("Models/elasticity");
  EXPECT_EQ(slice(text, *e), "[elasticity]\n"
                             "    type = LinearIsotropicElasticity\n"
                             "    coefficients      = '200e3          0.3'\n"
                             "    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'\n"
                             "  []");
  EXPECT_EQ(slice(text, *root->find("Models")).substr(0, 8), "[Models]");
  EXPECT_EQ(text.substr(root->find("Models")->source_end - 2), "[]\n");

  // Splice a replacement block in: the rest of the text is untouched and still parses.
  const std::string spliced =
      text.substr(0, e->source_begin) + "[elasticity]\n    type = AOTIModel\n  []" + text.substr(e->source_end);
  auto again = parse_string(spliced, "stub.i");
  EXPECT_EQ(again->find("Models/elasticity")->find_field("type")->value, "AOTIModel");
  EXPECT_EQ(again->find("Models/elasticity")->fields.size(), 1u);
}

TEST(HitParse, SourceRangesForShorthandLegacyAndMerged)
{
  const std::string text = "[A/B]\n  x = 1\n[]\n[./C]\n[../]\n[A]\n  [D] []\n[]\n";
  auto root = parse_string(text, "input.i");
  EXPECT_EQ(slice(text, *root->find("A/B")), "[A/B]\n  x = 1\n[]");
  EXPECT_EQ(slice(text, *root->find("A")), "[A/B]\n  x = 1\n[]"); // first block that made A
  EXPECT_EQ(slice(text, *root->find("C")), "[./C]\n[../]");
  EXPECT_EQ(slice(text, *root->find("A/D")), "[D] []");
}

// Malformed inputs: each gives an Error of the right kind, located at file:line:col.
#include <gtest/gtest.h>

#include "expect_error.h"

using namespace neml2::hit;
using neml2::hit::test::parse_fails;

namespace
{
struct BadInput
{
  const char * name;
  const char * text;
  ErrorKind kind;
  const char * message; // substring of what(), starting with the location
};

const BadInput bad_inputs[] = {
    {"unterminated_section", "[Models]\n  [elasticity]\n    type = X\n", ErrorKind::Syntax,
     "input.i:2:3: unterminated section 'elasticity' opened here; expected '[]' before end of "
     "file"},
    {"unterminated_outer_section", "[Models]\n  [elasticity]\n  []\n", ErrorKind::Syntax,
     "input.i:1:1: unterminated section 'Models' opened here"},
    {"unterminated_shorthand_section", "x = 1\n[Models/e]\n", ErrorKind::Syntax,
     "input.i:2:1: unterminated section 'Models/e' opened here"},
    {"unterminated_single_quote", "[A]\n  x = 1\n  y = 'abc\n[]\n", ErrorKind::Syntax,
     "input.i:3:7: unterminated string; expected a closing \"'\""},
    {"unterminated_double_quote", "x = \"abc", ErrorKind::Syntax,
     "input.i:1:5: unterminated string; expected a closing '\"'"},
    {"unterminated_triple_quote", "x = '''abc''\n", ErrorKind::Syntax,
     "input.i:1:5: unterminated triple-quoted string; expected a closing \"'''\""},
    {"stray_close", "x = 1\n[]\n", ErrorKind::Syntax, "input.i:2:1: unexpected '[]' with no open section"},
    {"extra_close", "[A]\n[]\n  [../]\n", ErrorKind::Syntax, "input.i:3:3: unexpected '[]' with no open section"},
    {"duplicate_field", "[A]\n  x = 1\n  x = 2\n[]\n", ErrorKind::Duplicate,
     "input.i:3:3: duplicate field 'x' in section 'A'; first defined at input.i:2:3"},
    {"duplicate_field_in_merged_section", "[A]\n x = 1\n[]\n[A]\n x = 2\n[]\n", ErrorKind::Duplicate,
     "input.i:5:2: duplicate field 'x' in section 'A'; first defined at input.i:2:2"},
    {"duplicate_after_override", "x := 1\nx = 2\n", ErrorKind::Duplicate,
     "input.i:2:1: duplicate field 'x' at the top level; first defined at input.i:1:1"},
    {"unterminated_header_line", "[Models\n  x = 1\n", ErrorKind::Syntax,
     "input.i:1:1: unterminated section header '[Models'; expected ']' before end of line"},
    {"unterminated_header_file", "[Mod", ErrorKind::Syntax,
     "input.i:1:1: unterminated section header '[Mod'; expected ']' before end of file"},
    {"empty_name_in_header", "[a//b]\n[]\n", ErrorKind::Syntax, "input.i:1:4: empty section name in header '[a//b]'"},
    {"trailing_slash_in_header", "[a/]\n[]\n", ErrorKind::Syntax, "input.i:1:4: empty section name in header '[a/]'"},
    {"space_in_header", "[A]\n  [a b]\n  []\n[]\n", ErrorKind::Syntax,
     "input.i:2:5: invalid character ' ' in section header '[a b]'"},
    {"dot_dot_header", "[..]\n[]\n", ErrorKind::Syntax, "input.i:1:2: invalid section name '..'"},
    {"missing_equals", "[A]\n  type X\n[]\n", ErrorKind::Syntax,
     "input.i:2:8: expected '=' or ':=' after key 'type', found 'X'"},
    {"slash_in_key", "a/b = 1\n", ErrorKind::Syntax, "input.i:1:2: expected '=' or ':=' after key 'a', found '/'"},
    {"missing_value_end_of_line", "x =\ny = 1\n", ErrorKind::Syntax,
     "input.i:1:4: missing value for 'x'; expected a value after '=', found end of line"},
    {"missing_value_end_of_file", "x := ", ErrorKind::Syntax,
     "input.i:1:6: missing value for 'x'; expected a value after ':=', found end of file"},
    {"missing_value_comment", "x = # nothing\n", ErrorKind::Syntax,
     "input.i:1:5: missing value for 'x'; expected a value after '=', found '#'"},
    {"unexpected_equals", "\n  = 3\n", ErrorKind::Syntax,
     "input.i:2:3: unexpected '='; expected a section header '[name]', a field 'key = value', "
     "'!include' or a comment"},
    {"control_character", "x = 1\n\x01", ErrorKind::Syntax, "input.i:2:1: unexpected '\\x01'"},
    {"garbage_after_quoted_value", "x = 'a'b\n", ErrorKind::Syntax,
     "input.i:1:8: unexpected 'b' after the value of 'x'; expected whitespace, a comment or end "
     "of line"},
    {"unquoted_list_value", "type = Linear Isotropic\n", ErrorKind::Syntax,
     "input.i:1:24: expected '=' or ':=' after key 'Isotropic', found end of line (a value with "
     "spaces must be quoted: type = '... ...')"},
    {"unquoted_list_with_brace", "a = 1\nb = ${a} ${a}\n", ErrorKind::Syntax,
     "input.i:2:10: unexpected '$'; expected a section header '[name]', a field 'key = value', "
     "'!include' or a comment (a value with spaces must be quoted: b = '... ...')"},
    {"unknown_directive", "!inclde a.i\n", ErrorKind::Syntax,
     "input.i:1:1: unknown directive '!inclde'; expected '!include'"},
    {"include_without_path", "!include\n", ErrorKind::Syntax,
     "input.i:1:9: missing path after '!include'; expected a file name, found end of line"},
    {"include_with_extra_text", "!include a.i b.i\n", ErrorKind::Syntax,
     "input.i:1:14: unexpected 'b' after the include path; expected end of line"},
    {"unterminated_brace_in_bare_value", "x = ${a\ny = 1\n", ErrorKind::Syntax,
     "input.i:1:5: unterminated brace expression; expected '}' before end of line"},
    {"unknown_variable", "[A]\n  [B]\n    x = ${foo}\n  []\n[]\n", ErrorKind::Substitution,
     "input.i:3:9: unknown variable 'foo' in '${foo}'; expected a field 'foo' in section 'A/B' "
     "or an enclosing section"},
    {"unknown_command", "x = '${fparse 1 + 2}'\n", ErrorKind::Substitution,
     "input.i:1:6: unknown command 'fparse' in '${fparse 1 + 2}'"},
    {"self_reference_without_outer", "[A]\n  x = ${x}\n[]\n", ErrorKind::Substitution,
     "input.i:2:7: circular reference: '${x}' in the value of 'x' refers to that field itself, and no enclosing "
     "section defines 'x'"},
    {"unclosed_quote_swallows_the_next_line", "[A]\n  x = '1 2\n  y = 'a b'\n[]\n", ErrorKind::Syntax,
     "input.i:2:7: unterminated string? the value of 'x' opens a quote here that closes on line 3, where 'a' "
     "follows it; expected a closing quote on this line"},
    {"circular_reference", "a = ${b}\nb = '${c}'\nc = ${a}\n", ErrorKind::Substitution,
     "input.i:3:5: circular reference: '${a}' in the value of 'c' refers to 'a' (defined at "
     "input.i:1:1)"},
};

class HitBadInput : public ::testing::TestWithParam<BadInput>
{
};
} // namespace

TEST_P(HitBadInput, FailsWithLocatedMessage)
{
  const BadInput & bad = GetParam();
  EXPECT_TRUE(parse_fails(bad.text, bad.kind, bad.message));
}

INSTANTIATE_TEST_SUITE_P(Malformed, HitBadInput, ::testing::ValuesIn(bad_inputs),
                         [](const ::testing::TestParamInfo<BadInput> & param_info) {
                           return std::string(param_info.param.name);
                         });

TEST(HitErrors, WhatHasLocationPrefixAndMessageHasNot)
{
  try
  {
    parse_string("[A]\n", "in.i");
    FAIL() << "no error";
  }
  catch (const Error & e)
  {
    EXPECT_EQ(e.location().str(), "in.i:1:1");
    EXPECT_EQ(std::string(e.what()), "in.i:1:1: " + e.message());
    EXPECT_EQ(e.kind(), ErrorKind::Syntax);
  }
}

TEST(HitErrors, LongAndBinaryTextIsShortenedInMessages)
{
  const std::string text = "[" + std::string(200, 'a') + "\x7f";
  try
  {
    parse_string(text, "in.i");
    FAIL() << "no error";
  }
  catch (const Error & e)
  {
    EXPECT_LT(std::string(e.what()).size(), 200u);
    EXPECT_NE(std::string(e.what()).find("..."), std::string::npos);
  }
}

TEST(HitErrors, NestingDepthIsLimited)
{
  std::string deep;
  for (int i = 0; i < 300; ++i)
    deep += "[a]\n";
  EXPECT_TRUE(neml2::hit::test::parse_fails(deep, ErrorKind::Syntax, "input.i:201:1: sections nested too deeply"));
  std::string path;
  for (int i = 0; i < 300; ++i)
    path += "a/";
  EXPECT_TRUE(neml2::hit::test::throws_error([&] { parse_string("", "input.i", {path + "x=1"}); }, ErrorKind::Override,
                                             "path nested too deeply"));
  // 200 levels are fine.
  std::string ok;
  for (int i = 0; i < 200; ++i)
    ok += "[a]\n";
  for (int i = 0; i < 200; ++i)
    ok += "[]\n";
  EXPECT_NO_THROW(parse_string(ok, "input.i"));
}

// '!include': splicing, relative paths, nesting, cycles, missing files, parse_file.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <unistd.h>

#include "expect_error.h"
#include "test_paths.h"

using namespace neml2::hit;
using neml2::hit::test::throws_error;
namespace fs = std::filesystem;

namespace
{
/// A fresh temporary folder per test, removed afterwards.
class HitInclude : public ::testing::Test
{
protected:
  void SetUp() override
  {
    const auto * info = ::testing::UnitTest::GetInstance()->current_test_info();
    _dir = fs::temp_directory_path() / ("neml2_hit_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(_dir);
    fs::create_directories(_dir / "sub");
  }
  void TearDown() override { fs::remove_all(_dir); }

  std::string write(const std::string & name, const std::string & text) const
  {
    const auto path = _dir / name;
    std::ofstream(path) << text;
    return path.string();
  }

  fs::path _dir;
};
} // namespace

TEST_F(HitInclude, SplicesAtTheIncludePoint)
{
  write("common.i", "E = 200e3\n[Solvers]\n  [newton]\n    type = Newton\n  []\n[]\n");
  const auto main = write("main.i", "!include common.i\n[Models]\n  [e]\n    E = ${E}\n"
                                    "    !include sub/fields.i\n  []\n[]\n");
  write("sub/fields.i", "nu = 0.3 # from sub\n");
  auto root = parse_file(main);
  EXPECT_EQ(root->find_field("E")->value, "200e3");
  EXPECT_EQ(root->find_field("E")->loc.file, (_dir / "common.i").string());
  EXPECT_EQ(root->find_field("E")->loc.line, 1);
  EXPECT_EQ(root->find("Solvers/newton")->find_field("type")->value, "Newton");
  const Section * e = root->find("Models/e");
  EXPECT_EQ(e->find_field("E")->value, "200e3");
  EXPECT_EQ(e->find_field("nu")->value, "0.3");
  EXPECT_EQ(e->find_field("nu")->loc.str(), (_dir / "sub/fields.i").string() + ":1:1");
  EXPECT_EQ(root->child_names(), (std::vector<std::string>{"Solvers", "Models"}));
}

TEST_F(HitInclude, NestedIncludesAreRelativeToTheIncludingFile)
{
  write("sub/inner.i", "inner = 1\n");
  write("sub/outer.i", "!include inner.i\nouter = 2\n");
  const auto main = write("main.i", "!include 'sub/outer.i'\n");
  auto root = parse_file(main);
  EXPECT_EQ(root->field_keys(), (std::vector<std::string>{"inner", "outer"}));
}

TEST_F(HitInclude, IncludedSectionsKeepTheirOwnFileAndRanges)
{
  const std::string block = "[Models]\n  [a]\n    x = 1\n  []\n[]\n";
  write("models.i", block);
  const auto main = write("main.i", "# header\n!include models.i\n");
  auto root = parse_file(main);
  const Section * a = root->find("Models/a");
  EXPECT_EQ(a->loc.str(), (_dir / "models.i").string() + ":2:3");
  EXPECT_EQ(block.substr(a->source_begin, a->source_end - a->source_begin), "[a]\n    x = 1\n  []");
}

TEST_F(HitInclude, DuplicateAcrossFilesNamesBothLocations)
{
  write("a.i", "x = 1\n");
  const auto main = write("main.i", "!include a.i\nx = 2\n");
  EXPECT_TRUE(throws_error([&] { parse_file(main); }, ErrorKind::Duplicate,
                           main + ":2:1: duplicate field 'x' at the top level; first defined at " +
                               (_dir / "a.i").string() + ":1:1"));
}

TEST_F(HitInclude, CycleIsAnError)
{
  write("a.i", "!include b.i\n");
  write("b.i", "\n  !include a.i\n");
  const auto main = write("main.i", "!include a.i\n");
  EXPECT_TRUE(
      throws_error([&] { parse_file(main); }, ErrorKind::Include, (_dir / "b.i").string() + ":2:12: include cycle"));
}

TEST_F(HitInclude, SelfIncludeIsAnError)
{
  const auto main = write("main.i", "!include main.i\n");
  EXPECT_TRUE(throws_error([&] { parse_file(main); }, ErrorKind::Include, "include cycle"));
}

TEST_F(HitInclude, MissingFileIsAnError)
{
  const auto main = write("main.i", "x = 1\n!include nope.i\n");
  EXPECT_TRUE(
      throws_error([&] { parse_file(main); }, ErrorKind::Include, main + ":2:10: cannot read included file 'nope.i'"));
}

TEST_F(HitInclude, UnbalancedIncludedFileIsAnError)
{
  write("open.i", "[A]\n");
  const auto main = write("main.i", "!include open.i\n[]\n");
  EXPECT_TRUE(throws_error([&] { parse_file(main); }, ErrorKind::Syntax,
                           (_dir / "open.i").string() + ":1:1: unterminated section 'A' opened here"));
}

TEST_F(HitInclude, MustBeOnItsOwnLine)
{
  write("a.i", "x = 1\n");
  const auto main = write("main.i", "y = 2 !include a.i\n");
  EXPECT_TRUE(
      throws_error([&] { parse_file(main); }, ErrorKind::Syntax, main + ":1:7: '!include' must be on its own line"));
}

TEST_F(HitInclude, DisabledByOption)
{
  write("a.i", "x = 1\n");
  ParseOptions options;
  options.allow_includes = false;
  EXPECT_TRUE(throws_error([&] { parse("!include a.i\n", (_dir / "main.i").string(), options); }, ErrorKind::Include,
                           ":1:1: '!include' is not allowed here"));
}

TEST_F(HitInclude, FromParseStringRelativeToFilename)
{
  write("a.i", "x = 1\n");
  auto root = parse_string("!include a.i\n", (_dir / "virtual.i").string());
  EXPECT_EQ(root->find_field("x")->value, "1");
}

TEST(HitParseFile, MissingInputFile)
{
  EXPECT_TRUE(throws_error([] { parse_file("/nonexistent/dir/input.i"); }, ErrorKind::Io,
                           "/nonexistent/dir/input.i: cannot read input file"));
}

TEST(HitParseFile, DataFileParses)
{
  auto root = parse_file(neml2::test::source_dir() + "/tests/unit/hit/data/elasticity.i");
  EXPECT_EQ(root->find("Models/elasticity")->find_field("type")->value, "LinearIsotropicElasticity");
  EXPECT_EQ(to_doubles(*root->find("Models/elasticity")->find_field("coefficients")),
            (std::vector<double>{200000, 0.3}));
}

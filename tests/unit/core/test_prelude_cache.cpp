// The cache of precompiled preludes: built once, read precompiled, shared by concurrent compiles,
// off where it cannot help, and never the cause of a failed or different build.
#include <chrono>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "neml2/codegen/prelude_cache.h"
#include "neml2/codegen/process.h"
#include "test_compile_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
/// The system compiler behind a shell script that appends one line per run to `log` (with
/// "header" where it builds a precompiled header) and then runs it, or fails with `fail`.
codegen::Compiler
logging_compiler(const codegen::Compiler & real, const fs::path & log, bool fail = false)
{
  auto c = real;
  const std::string body =
      fmt::format("case \"$*\" in *c++-header*) echo header >> '{}';; *) echo unit >> '{}';; esac; {}", log.string(),
                  log.string(), fail ? "exit 1" : "exec \"$0\" \"$@\"");
  c.command = {"sh", "-c", body};
  c.command.insert(c.command.end(), real.command.begin(), real.command.end());
  return c;
}

std::size_t
count_lines(const fs::path & log, const std::string & what)
{
  std::istringstream in(fs::exists(log) ? read_all(log) : "");
  std::size_t n = 0;
  for (std::string line; std::getline(in, line);)
    n += line == what;
  return n;
}

/// The entries (folders) of a cache and anything else left in its preludes folder but lock files.
std::set<std::string>
entries_of(const fs::path & cache)
{
  std::set<std::string> out;
  for (const auto & e : fs::directory_iterator(cache / "preludes"))
    if (e.path().extension() != ".lock")
      out.insert(e.path().filename().string());
  return out;
}

/// The system compiler (tests skip where it is not GCC), a temp folder and a log in it.
class PreludeCache : public ::testing::Test
{
protected:
  void SetUp() override
  {
    real = codegen::find_cpu_compiler();
    if (!codegen::takes_precompiled_prelude(real))
      GTEST_SKIP() << "the system compiler (" << real.version
                   << ") is not GCC, the only one neml2-compile precompiles preludes for";
  }
  codegen::Compiler real;
  TempDir dir;
  fs::path log = dir.path() / "log";
};

const std::string probe_unit =
    "int neml2_probe() { return static_cast<int>(sizeof(neml2_lanes::Lanes<double>::V)); }\n";
} // namespace

TEST_F(PreludeCache, BuildsOnceAndTheUnitReadsThePrecompiledCopy)
{
  const auto cxx = logging_compiler(real, log);
  const auto prelude = codegen::cpu_unit_prelude(1);
  const auto header = codegen::precompiled_prelude(cxx, prelude, dir.str("cache"));
  ASSERT_FALSE(header.empty());
  EXPECT_EQ(read_all(header), prelude);
  EXPECT_TRUE(fs::exists(header + ".gch"));
  EXPECT_EQ(codegen::precompiled_prelude(cxx, prelude, dir.str("cache")), header);
  EXPECT_EQ(count_lines(log, "header"), 1u) << "the second use rebuilt it";

  // The unit holds the prelude too (as generated units do) and compiles on its own...
  const auto unit = dir.path() / "unit.cpp";
  write_all(unit, prelude + probe_unit);
  auto cmd = real.command;
  const auto flags = codegen::object_flags(real.flags);
  cmd.insert(cmd.end(), flags.begin(), flags.end());
  cmd.insert(cmd.end(), {"-c", "-o", dir.str("unit.o"), unit.string()});
  const auto alone = codegen::run_process(cmd);
  ASSERT_EQ(alone.exit_code, 0) << alone.output;
  // ... and with -include it reads the .gch, not the text: the text is now an error.
  write_all(header, "#error the prelude was read as text, not precompiled\n");
  cmd.insert(cmd.end() - 1, {"-include", header});
  const auto precompiled = codegen::run_process(cmd);
  EXPECT_EQ(precompiled.exit_code, 0) << precompiled.output;
}

TEST_F(PreludeCache, ConcurrentFirstUsesShareOneBuild)
{
  const auto cxx = logging_compiler(real, log);
  const auto prelude = codegen::cpu_unit_prelude(0);
  std::string a, b;
  std::thread t([&] { a = codegen::precompiled_prelude(cxx, prelude, dir.str("cache")); });
  b = codegen::precompiled_prelude(cxx, prelude, dir.str("cache"));
  t.join();
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  EXPECT_EQ(count_lines(log, "header"), 1u);
  EXPECT_EQ(entries_of(dir.path() / "cache").size(), 1u) << "a temporary folder was left";
}

TEST_F(PreludeCache, AFailedBuildIsRememberedAndNotRetried)
{
  const auto failing = logging_compiler(real, log, true);
  const auto prelude = codegen::cpu_unit_prelude(0);
  EXPECT_EQ(codegen::precompiled_prelude(failing, prelude, dir.str("cache")), "");
  EXPECT_EQ(codegen::precompiled_prelude(failing, prelude, dir.str("cache")), "");
  EXPECT_EQ(count_lines(log, "header"), 1u);
  EXPECT_EQ(entries_of(dir.path() / "cache").size(), 1u);
}

TEST(PreludeCacheOff, OffForOtherCompilersCompilerCachesAndNoFolder)
{
  codegen::Compiler gcc;
  gcc.command = {"g++"};
  gcc.gcc = true;
  EXPECT_TRUE(codegen::takes_precompiled_prelude(gcc));
  auto clang = gcc;
  clang.command = {"clang++"};
  clang.gcc = false;
  EXPECT_FALSE(codegen::takes_precompiled_prelude(clang));
  auto cached = gcc;
  cached.command = {"/usr/bin/ccache", "g++"};
  EXPECT_FALSE(codegen::takes_precompiled_prelude(cached));
  EXPECT_EQ(codegen::precompiled_prelude(gcc, "int x;\n", ""), "");

  // A cache folder that cannot be made (under a file): no cache, no error.
  TempDir dir;
  write_all(dir.path() / "file", "");
  EXPECT_EQ(codegen::precompiled_prelude(gcc, "int x;\n", dir.str("file/cache")), "");
}

TEST(PreludeCacheOff, FolderFollowsTheEnvironment)
{
  ScopedEnv home("HOME", "/home/someone");
  {
    ScopedEnv xdg("XDG_CACHE_HOME", std::nullopt);
    ScopedEnv own("NEML2_CACHE_DIR", std::nullopt);
    EXPECT_EQ(codegen::default_cache_dir(), "/home/someone/.cache/neml2");
  }
  {
    ScopedEnv xdg("XDG_CACHE_HOME", "/var/cache/me");
    ScopedEnv own("NEML2_CACHE_DIR", std::nullopt);
    EXPECT_EQ(codegen::default_cache_dir(), "/var/cache/me/neml2");
    ScopedEnv own2("NEML2_CACHE_DIR", "/scratch/neml2");
    EXPECT_EQ(codegen::default_cache_dir(), "/scratch/neml2");
  }
}

TEST_F(PreludeCache, ABrokenEntryIsRejectedAndTheUnitStillBuilds)
{
  const auto prelude = codegen::cpu_unit_prelude(1);
  const auto header = codegen::precompiled_prelude(real, prelude, dir.str("cache"));
  ASSERT_FALSE(header.empty());
  // Neither copy of the entry is usable any more; the unit's own text is.
  write_all(header + ".gch", "not a precompiled header");
  write_all(header, "#error broken cache entry\n");
  const auto unit = dir.path() / "unit.cpp";
  write_all(unit, prelude + probe_unit + "extern \"C\" int neml2_probe_entry() { return neml2_probe(); }\n");
  codegen::LibraryBuild lib{{unit.string()}, {prelude}, dir.str("unit.so"), "", {}};
  codegen::build_shared_libraries(real, {lib}, 1, dir.str("cache"));
  aoti::SharedLibrary so(dir.str("unit.so"));
  auto fn = reinterpret_cast<int (*)()>(so.symbol("neml2_probe_entry"));
  EXPECT_GE(fn(), 8);
  EXPECT_EQ(codegen::precompiled_prelude(real, prelude, dir.str("cache")), "") << "the broken entry is still used";
}

TEST_F(PreludeCache, CompiledModelsReadTheirPreludesPrecompiled)
{
  const auto script = dir.path() / "logging-cxx";
  write_all(script,
            fmt::format("#!/bin/sh\ncase \"$*\" in *c++-header*) echo header >> '{0}';; *-include*) echo "
                        "precompiled >> '{0}';; *--version*) ;; *) echo text >> '{0}';; esac\nexec {1} \"$@\"\n",
                        log.string(), fmt::join(real.command, " ")));
  fs::permissions(script, fs::perms::owner_all);
  ScopedEnv env("NEML2_CXX", script.string());
  codegen::CompileRequest req;
  req.input_file = example("plasticity/viscoplasticity_isoharden.i");
  req.model = "model";
  req.cache_dir = dir.str("cache");
  req.output_dir = dir.str("first");
  codegen::compile_model(req);
  // Points and lanes: two preludes built, two units compiled with them; the link reads none.
  EXPECT_EQ(count_lines(log, "header"), 2u);
  EXPECT_EQ(count_lines(log, "precompiled"), 2u);
  EXPECT_EQ(count_lines(log, "text"), 1u);
  req.output_dir = dir.str("second");
  codegen::compile_model(req);
  EXPECT_EQ(count_lines(log, "header"), 2u) << "the second compile rebuilt a prelude";
  EXPECT_EQ(count_lines(log, "precompiled"), 4u);
  EXPECT_EQ(count_lines(log, "text"), 2u);
  req.output_dir = dir.str("third");
  req.prelude_cache = false;
  codegen::compile_model(req);
  EXPECT_EQ(count_lines(log, "precompiled"), 4u) << "--no-cache used the cache";
  EXPECT_EQ(count_lines(log, "text"), 5u); // the two units and the link
}

TEST_F(PreludeCache, CommandLineNamesTheFolderOrTurnsItOff)
{
  const std::string input = "'" + seed_input() + "' --model elasticity -q";
  auto r = run_cli(input + " --output-dir off --no-cache --cache-dir '" + dir.str("unused") + "'", dir.str());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_FALSE(fs::exists(dir.path() / "unused")) << "--no-cache wrote a cache";
  r = run_cli(input + " --output-dir on --cache-dir '" + dir.str("mine") + "'", dir.str());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(entries_of(dir.path() / "mine").size(), 1u) << "one unit, one prelude";
  EXPECT_NE(run_cli("--help", dir.str()).output.find("--no-cache"), std::string::npos);
}

TEST(PreludeCacheOff, ANamedFolderThatCannotBeMadeIsAnError)
{
  // A folder given by name that cannot be made is an error naming the option and the way out.
  TempDir dir;
  const std::string input = "'" + seed_input() + "' --model elasticity -q";
  CliRun r;
  write_all(dir.path() / "a_file", "");
  r = run_cli(input + " --output-dir bad --cache-dir '" + dir.str("a_file/cache") + "'", dir.str());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("neml2-compile: --cache-dir '" + dir.str("a_file/cache") + "': cannot make the cache folder"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("or --no-cache"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir.path() / "bad")) << "nothing is compiled";
  r = run_cli(input + " --output-dir empty --cache-dir ''", dir.str());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("--cache-dir '': cannot make the cache folder"), std::string::npos) << r.output;
}

TEST(PreludeCacheOff, KeepsTheMostRecentlyUsedEntriesAndClearsInterruptedBuilds)
{
  // Every build (here one that fails, so no real compiler is needed) prunes the cache: at most 8
  // entries, the least recently used removed unless used in the last 10 minutes, and folders of
  // builds that never finished removed once they are old.
  codegen::Compiler failing;
  failing.command = {"sh", "-c", "exit 1", "sh"};
  failing.gcc = true;
  TempDir dir;
  const auto root = dir.path() / "cache" / "preludes";
  const auto now = fs::file_time_type::clock::now();
  auto make = [&](const std::string & name, std::chrono::minutes age) {
    fs::create_directories(root / name);
    fs::last_write_time(root / name, now - age);
  };
  for (int i = 0; i < 10; ++i)
    make(fmt::format("old{}", i), std::chrono::minutes(120 + i)); // old0 the most recent
  make("abc.tmp99", std::chrono::minutes(60));
  make("abd.tmp98", std::chrono::minutes(0));
  EXPECT_EQ(codegen::precompiled_prelude(failing, "int x;\n", dir.str("cache")), "");
  auto left = entries_of(dir.path() / "cache");
  EXPECT_EQ(left.count("abc.tmp99"), 0u) << "an interrupted build's folder was kept";
  EXPECT_EQ(left.count("abd.tmp98"), 1u) << "a build in progress was removed";
  left.erase("abd.tmp98");
  EXPECT_EQ(left.size(), 8u);
  for (int i = 0; i < 7; ++i)
    EXPECT_EQ(left.count(fmt::format("old{}", i)), 1u) << i;

  // Entries used in the last 10 minutes stay, however many there are.
  TempDir busy;
  const auto busy_root = busy.path() / "cache" / "preludes";
  for (int i = 0; i < 9; ++i)
  {
    fs::create_directories(busy_root / fmt::format("recent{}", i));
    fs::last_write_time(busy_root / fmt::format("recent{}", i), now - std::chrono::minutes(1));
  }
  EXPECT_EQ(codegen::precompiled_prelude(failing, "int x;\n", busy.str("cache")), "");
  EXPECT_EQ(entries_of(busy.path() / "cache").size(), 10u);
}

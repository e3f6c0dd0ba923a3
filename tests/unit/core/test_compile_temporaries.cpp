// neml2-compile's temporary folders never outlive it: removed on errors and on Ctrl-C/SIGTERM,
// and a folder left by a compile killed outright (kill -9) is removed by the next compile.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "neml2/codegen/artifact_writer.h"
#include "test_compile_util.h"
#include "test_paths.h"

extern char ** environ;

using namespace neml2;
using namespace neml2::test;

namespace
{
std::vector<fs::path>
temporaries(const fs::path & out)
{
  std::vector<fs::path> found;
  if (fs::exists(out))
    for (const auto & e : fs::directory_iterator(out))
      if (e.path().filename().string().starts_with(".neml2-compile-"))
        found.push_back(e.path());
  return found;
}

/// A temporary folder as a compile leaves it, with its lock file.
fs::path
make_temporary(const fs::path & out, const std::string & suffix)
{
  const auto d = out / (".neml2-compile-m-" + suffix);
  fs::create_directories(d / "m" / "cpu");
  std::ofstream(d / ".lock");
  std::ofstream(d / "m" / "cpu" / "half_written.cpp") << "int f();";
  return d;
}

/// neml2-compile started in the background on the isoharden example with every derivative (a few
/// seconds of compiling), once its temporary folder exists.
pid_t
start_compile(const fs::path & out)
{
  const std::string exe = neml2::test::binary_dir() + "/apps/neml2-compile";
  const std::string input = example("plasticity/viscoplasticity_isoharden.i");
  const std::string out_opt = out.string();
  std::vector<std::string> argv = {exe, input, "--model", "model", "-d", ":", "--output-dir", out_opt, "-q"};
  std::vector<char *> args;
  for (auto & a : argv)
    args.push_back(a.data());
  args.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, exe.c_str(), nullptr, nullptr, args.data(), environ) != 0)
    return -1;
  for (int i = 0; i < 3000 && temporaries(out).empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::this_thread::sleep_for(std::chrono::milliseconds(200)); // into the compiler runs
  return pid;
}
} // namespace

TEST(CompileTemporaries, AFolderWhoseCompileIsGoneIsRemovedByTheNextCompile)
{
  TempDir dir;
  const auto out = dir.path() / "aoti";
  const auto dead = make_temporary(out, "dead00"); // its lock is free: no process holds it
  const auto live = make_temporary(out, "live00");
  const int fd = ::open((live / ".lock").c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);       // a compile still running holds its lock
  const auto fresh = out / ".neml2-compile-m-fresh0"; // no lock yet: a compile setting up
  fs::create_directories(fresh);
  const auto old = out / ".neml2-compile-m-old000"; // no lock, long ago: killed before locking
  fs::create_directories(old);
  fs::last_write_time(old, fs::file_time_type::clock::now() - std::chrono::minutes(5));

  compile_seed(out.string());
  EXPECT_FALSE(fs::exists(dead));
  EXPECT_FALSE(fs::exists(old));
  EXPECT_TRUE(fs::exists(live)) << "a running compile's folder is left alone";
  EXPECT_TRUE(fs::exists(fresh)) << "a folder being set up is left alone";
  ::close(fd);
  EXPECT_EQ(codegen::remove_stale_temporary_folders(out), std::vector<fs::path>{live});
}

TEST(CompileTemporaries, KilledOutrightThenCleanedByTheNextCompile)
{
  TempDir dir;
  const auto out = dir.path() / "aoti";
  const pid_t pid = start_compile(out);
  ASSERT_GT(pid, 0);
  ASSERT_EQ(temporaries(out).size(), 1u) << "the compile should have made its temporary folder";
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  ASSERT_EQ(temporaries(out).size(), 1u) << "kill -9 runs no cleanup";
  compile_seed(out.string());
  EXPECT_TRUE(temporaries(out).empty());
  EXPECT_TRUE(fs::exists(out / "elasticity" / "cpu"));
}

TEST(CompileTemporaries, InterruptedCompilesRemoveTheirFolderAndEndByTheSignal)
{
  for (int sig : {SIGINT, SIGTERM})
  {
    TempDir dir;
    const auto out = dir.path() / "aoti";
    const pid_t pid = start_compile(out);
    ASSERT_GT(pid, 0);
    ASSERT_EQ(temporaries(out).size(), 1u);
    ::kill(pid, sig);
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == sig) << "signal " << sig << ", status " << status;
    EXPECT_TRUE(temporaries(out).empty()) << "signal " << sig;
    EXPECT_FALSE(fs::exists(out / "model")) << "nothing half-done is published";
  }
}

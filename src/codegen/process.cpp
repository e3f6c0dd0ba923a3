// Running an external program without a shell (posix_spawnp), output captured through a pipe.
#include "neml2/codegen/process.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char ** environ;

namespace neml2::codegen
{
ProcessResult
run_process(const std::vector<std::string> & argv)
{
  ProcessResult r;
  if (argv.empty())
  {
    r.error = "no program given";
    return r;
  }
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0)
  {
    r.error = std::strerror(errno);
    return r;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
  std::vector<char *> args;
  for (const auto & a : argv)
    args.push_back(const_cast<char *>(a.c_str()));
  args.push_back(nullptr);
  // The child starts with no signal blocked, whatever this thread blocks (neml2-compile blocks
  // SIGINT to clean up on Ctrl-C, and the compiler must still stop on it).
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (rc != 0)
  {
    close(fds[0]);
    r.error = std::strerror(rc);
    return r;
  }
  r.started = true;
  char buf[4096];
  for (;;)
  {
    const auto got = read(fds[0], buf, sizeof(buf));
    if (got > 0)
      r.output.append(buf, static_cast<std::size_t>(got));
    else if (got < 0 && errno == EINTR)
      continue;
    else
      break;
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
  {
  }
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

std::string
command_line(const std::vector<std::string> & argv)
{
  std::string out;
  for (const auto & a : argv)
  {
    if (!out.empty())
      out += ' ';
    const bool plain = !a.empty() && a.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                         "0123456789_-+=./,:@%") == std::string::npos;
    if (plain)
    {
      out += a;
      continue;
    }
    out += '\'';
    for (char c : a)
      out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    out += '\'';
  }
  return out;
}
} // namespace neml2::codegen

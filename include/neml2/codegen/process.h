// Running an external program (the system compiler) and capturing what it prints.
#pragma once

#include <string>
#include <vector>

namespace neml2::codegen
{
struct ProcessResult
{
  bool started = false; ///< false when the program could not be executed at all
  int exit_code = -1;   ///< exit status, or 128 + signal number
  std::string output;   ///< stdout and stderr, interleaved
  std::string error;    ///< why it could not be started (when !started)
};

/// Runs argv[0] (searched in PATH when it has no '/') with the given arguments, no shell.
ProcessResult run_process(const std::vector<std::string> & argv);

/// The arguments joined into one line a user can paste into a shell (quoted where needed).
std::string command_line(const std::vector<std::string> & argv);
} // namespace neml2::codegen

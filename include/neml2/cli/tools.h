// The command-line tools as functions. The executables in apps/ are one call each; the Python
// package runs the tools in its own process, where `type = Python` tensors can be evaluated.
#pragma once

#include <string>
#include <vector>

namespace neml2::cli
{
/// The tools run_tool knows: neml2-compile, neml2-inspect, neml2-run, neml2-syntax.
std::vector<std::string> tool_names();

/// Runs tool `name` with the command-line arguments `args` (without the program name); returns the
/// exit status the tool's executable would (errors are printed, not thrown).
int run_tool(const std::string & name, const std::vector<std::string> & args);
} // namespace neml2::cli

// The command-line tools as functions. The executables in apps/ are one call each; the Python
// package runs the tools in its own process, where `type = Python` tensors can be evaluated.
#pragma once

#include <string>
#include <vector>

namespace neml2::cli
{
/// The tools run_tool knows: neml2-compile, neml2-inspect, neml2-run, neml2-syntax.
std::vector<std::string> tool_names();

/// For a tool's own executable, called first in main(): SIGINT, SIGTERM and SIGHUP then remove the
/// temporary folders of compiles in progress before ending the process as the signal would. It
/// blocks those signals in the calling thread (and so in every thread started after it) and waits
/// for them in a thread of its own; not for processes with their own handlers, such as Python.
void remove_temporaries_on_interrupt();

/// Runs tool `name` with the command-line arguments `args` (without the program name); returns the
/// exit status the tool's executable would (errors are printed, not thrown).
int run_tool(const std::string & name, const std::vector<std::string> & args);
} // namespace neml2::cli

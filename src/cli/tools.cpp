// run_tool: one entry for every command-line tool, by name.
#include "neml2/cli/tools.h"

#include <cstdio>
#include <utility>

#include "tools_internal.h"

namespace neml2::cli
{
namespace
{
using Entry = int (*)(int, char **);

const std::vector<std::pair<std::string, Entry>> &
tools()
{
  static const std::vector<std::pair<std::string, Entry>> table = {{"neml2-compile", &neml2_compile},
                                                                   {"neml2-inspect", &neml2_inspect},
                                                                   {"neml2-run", &neml2_run},
                                                                   {"neml2-syntax", &neml2_syntax}};
  return table;
}
} // namespace

std::vector<std::string>
tool_names()
{
  std::vector<std::string> names;
  for (const auto & [name, entry] : tools())
    names.push_back(name);
  return names;
}

int
run_tool(const std::string & name, const std::vector<std::string> & args)
{
  for (const auto & [tool, entry] : tools())
    if (tool == name)
    {
      // argv as a C program gets it: the tool's name, then the arguments, then a null pointer.
      std::vector<std::string> storage{name};
      storage.insert(storage.end(), args.begin(), args.end());
      std::vector<char *> argv;
      for (auto & s : storage)
        argv.push_back(s.data());
      argv.push_back(nullptr);
      return entry(static_cast<int>(storage.size()), argv.data());
    }
  std::fprintf(stderr, "neml2: no tool named '%s'\n", name.c_str());
  return 2;
}
} // namespace neml2::cli

// The main() of every command-line tool: the tool itself is a library function (src/cli/), named
// by NEML2_TOOL_NAME at compile time (apps/CMakeLists.txt).
#include <string>
#include <vector>

#include "neml2/cli/tools.h"

int
main(int argc, char ** argv)
{
  neml2::cli::remove_temporaries_on_interrupt();
  return neml2::cli::run_tool(NEML2_TOOL_NAME, std::vector<std::string>(argv + 1, argv + argc));
}

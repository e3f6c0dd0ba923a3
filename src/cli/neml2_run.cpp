// neml2-run: run a driver of a NEML2 input file (e.g. a TransientDriver).
#include "tools_internal.h"

#include <CLI/CLI.hpp>
#include <cstdio>

#include "neml2/drivers/driver.h"

namespace neml2::cli
{
int
neml2_run(int argc, char ** argv)
{
  CLI::App app{"Run a driver declared in the [Drivers] section of a NEML2 input file.\n"
               "Extra arguments such as Drivers/driver/save_as=out.npz override the file."};
  std::string file, driver;
  std::vector<std::string> overrides;
  app.add_option("input", file, "NEML2 input file")->required();
  app.add_option("driver", driver, "name of a driver in [Drivers]")->required();
  app.add_option("overrides", overrides, "input-file overrides, Section/block/option=value");
  return parse_and_run(app, argc, argv, "neml2-run", [&] {
    neml2::load_driver(file, driver, overrides)->run();
    return 0;
  });
}
} // namespace neml2::cli

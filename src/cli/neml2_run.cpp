// neml2-run: run a driver of a NEML2 input file (e.g. a TransientDriver).
#include "tools_internal.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>

#include "neml2/drivers/driver.h"
#include "neml2/drivers/transient_driver.h"

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
  std::string on_failure;
  app.add_option("--on-failure", on_failure,
                 "raise (stop at the first step where an implicit solve fails) or continue (NaN at the failed "
                 "points, 'converged' recorded): sets the driver's on_failure")
      ->check(CLI::IsMember({"raise", "continue"}));
  bool timing = false, quiet = false;
  app.add_flag("--timing", timing, "print the seconds the driver's run took (not loading the file) on stderr");
  app.add_flag("-q,--quiet", quiet, "print nothing on success");
  return parse_and_run(app, argc, argv, "neml2-run", [&] {
    if (!on_failure.empty())
      overrides.push_back("Drivers/" + driver + "/on_failure=" + on_failure);
    auto d = neml2::load_driver(file, driver, overrides);
    const auto start = std::chrono::steady_clock::now();
    d->run();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (timing)
      std::fprintf(stderr, "neml2-run: driver '%s' ran in %.6f s\n", driver.c_str(), seconds);
    // A TransientDriver says what it ran and where its results went; the checking drivers
    // (regressions, verifications) print their own verdicts.
    if (const auto * t = dynamic_cast<const TransientDriver *>(d.get()); t && !quiet)
      std::fputs(t->summary(seconds).c_str(), stdout);
    return 0;
  });
}
} // namespace neml2::cli

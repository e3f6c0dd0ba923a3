// neml2-run: run a driver of a NEML2 input file (e.g. a TransientDriver), in one process or, under
// mpirun, over several (each rank runs a share of the batch; rank 0 writes the results).
#include "tools_internal.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <optional>

#include "neml2/base/error.h"
#include "neml2/drivers/driver.h"
#include "neml2/drivers/transient_driver.h"
#include "neml2/tensors/thread_team.h"
#ifdef NEML2_HAVE_MPI
#include "neml2/mpi/mpi_communicator.h"
#endif

namespace neml2::cli
{
namespace
{
/// The number of ranks an MPI launcher (Open MPI's mpirun, or a PMI one: MPICH's mpiexec, srun)
/// started with this process, from its environment; 1 when none did.
int
launcher_ranks()
{
  for (const char * v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"})
    if (const char * s = std::getenv(v))
      return std::max(1, std::atoi(s));
  return 1;
}

/// Loads and runs the driver (over `comm`'s ranks when given); prints the summary on rank 0.
int
run_driver(const std::string & file, const std::string & driver, const std::vector<std::string> & overrides,
           const std::shared_ptr<Communicator> & comm, bool gather_none, bool timing, bool quiet)
{
  auto d = neml2::load_driver(file, driver, overrides);
  auto * transient = dynamic_cast<TransientDriver *>(d.get());
  if (comm && transient)
    transient->set_communicator(comm, gather_none ? TransientDriver::Gather::none : TransientDriver::Gather::root);
  else if (comm)
    throw Error(
        fmt::format("driver '{}' is a {}; only a TransientDriver runs over several MPI ranks", driver, d->type()));
  const bool root = !comm || comm->rank() == 0;
  const auto start = std::chrono::steady_clock::now();
  d->run();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (timing && root)
    std::fprintf(stderr, "neml2-run: driver '%s' ran in %.6f s%s\n", driver.c_str(), seconds,
                 comm ? fmt::format(" on {} ranks", comm->size()).c_str() : "");
  // A TransientDriver says what it ran and where its results went; the checking drivers
  // (regressions, verifications) print their own verdicts.
  if (transient && !quiet && root)
    std::fputs(transient->summary(seconds).c_str(), stdout);
  return 0;
}
} // namespace

int
neml2_run(int argc, char ** argv)
{
  CLI::App app{"Run a driver declared in the [Drivers] section of a NEML2 input file.\n"
               "Extra arguments such as Drivers/driver/save_as=out.npz override the file.\n"
               "Under mpirun -n K, a TransientDriver's batch is cut over the K ranks and rank 0 writes the "
               "results, which are those of a single process."};
  std::string file, driver;
  std::vector<std::string> overrides;
  app.add_option("input", file, "NEML2 input file")->required();
  app.add_option("driver", driver, "name of a driver in [Drivers]")->required();
  app.add_option("overrides", overrides, "input-file overrides, Section/block/option=value");
  std::string on_failure, balance;
  app.add_option("--on-failure", on_failure,
                 "raise (stop at the first step where an implicit solve fails) or continue (NaN at the failed "
                 "points, 'converged' recorded): sets the driver's on_failure")
      ->check(CLI::IsMember({"raise", "continue"}));
  app.add_option("--balance", balance,
                 "under mpirun: cut the batch into equal 'points' or into shares of equal measured 'cost' (Newton "
                 "iterations): sets the driver's balance")
      ->check(CLI::IsMember({"points", "cost"}));
  std::string gather = "root";
  app.add_option("--gather", gather,
                 "under mpirun: 'root' (rank 0 receives the whole history and writes save_as) or 'none' (each rank "
                 "writes its share to <save_as stem>.rank<r><ext>: no history moves between ranks)")
      ->check(CLI::IsMember({"root", "none"}));
  int threads = 0;
  app.add_option("--threads", threads,
                 "threads of this process (of each rank under mpirun); default: $NEML2_NUM_THREADS, else "
                 "$OMP_NUM_THREADS, else one per core")
      ->check(CLI::PositiveNumber);
  bool timing = false, quiet = false;
  app.add_flag("--timing", timing, "print the seconds the driver's run took (not loading the file) on stderr");
  app.add_flag("-q,--quiet", quiet, "print nothing on success");
  return parse_and_run(app, argc, argv, "neml2-run", [&] {
    if (!on_failure.empty())
      overrides.push_back("Drivers/" + driver + "/on_failure=" + on_failure);
    if (!balance.empty())
      overrides.push_back("Drivers/" + driver + "/balance=" + balance);
    if (threads > 0)
      set_num_threads(threads);
    std::shared_ptr<Communicator> comm;
#ifdef NEML2_HAVE_MPI
    std::optional<mpi::Environment> mpi_environment;
    if (launcher_ranks() > 1)
    {
      mpi_environment.emplace(nullptr, nullptr);
      comm = mpi::communicator(MPI_COMM_WORLD);
    }
#else
    // Each rank would run the whole batch and write the same file: refuse instead.
    if (launcher_ranks() > 1)
      throw Error(fmt::format("this neml2-run was built without MPI, so {} ranks would each run the whole batch; run "
                              "it as one process, or build neml2 with MPI (CMake -DNEML2_MPI=ON, Debian package "
                              "libopenmpi-dev)",
                              launcher_ranks()));
#endif
    // Every rank meets the same errors (the run raises a rank's error on all of them): rank 0 says it.
    const bool root = !comm || comm->rank() == 0;
    try
    {
      return run_driver(file, driver, overrides, comm, gather == "none", timing, quiet);
    }
    catch (...)
    {
      if (!root)
        return 1;
      throw;
    }
  });
}
} // namespace neml2::cli

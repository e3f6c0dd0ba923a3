// neml2's Communicator over MPI (built when CMake finds MPI: NEML2_MPI, target neml2::mpi).
#pragma once

#include <memory>
#include <mpi.h>

#include "neml2/drivers/communicator.h"

namespace neml2::mpi
{
/// A Communicator over a duplicate of `comm` (so its messages never mix with the caller's); the
/// duplicate is freed with the last reference, unless MPI is finalized by then. MPI must be
/// initialized. Collective over `comm`.
std::shared_ptr<Communicator> communicator(MPI_Comm comm);

/// Initializes MPI for its lifetime, unless something initialized it before; finalizes only
/// what it initialized.
class Environment
{
public:
  Environment(int * argc, char *** argv);
  ~Environment();
  Environment(const Environment &) = delete;
  Environment & operator=(const Environment &) = delete;

private:
  bool _owns = false;
};
} // namespace neml2::mpi

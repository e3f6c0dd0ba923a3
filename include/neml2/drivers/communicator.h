// Communicator: the collective operations that spreading a batch over processes needs, without
// naming MPI. neml2/mpi/mpi_communicator.h wraps an MPI_Comm; the Python module wraps an mpi4py
// communicator.
#pragma once

#include <string>
#include <vector>

namespace neml2
{
/// A group of processes (ranks 0..size-1) that call the collective members together, in the same
/// order.
class Communicator
{
public:
  virtual ~Communicator() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  /// Every rank's `local` bytes, in rank order, on every rank. Collective.
  virtual std::vector<std::string> allgather(const std::string & local) = 0;
  /// Every rank's `local` bytes, in rank order, on rank `root`; an empty list on the others.
  /// Collective. This default moves everything to every rank (allgather); override it where the
  /// transport can send to one rank only.
  virtual std::vector<std::string> gather(const std::string & local, int root)
  {
    auto all = allgather(local);
    return rank() == root ? all : std::vector<std::string>{};
  }
};
} // namespace neml2

// neml2::Communicator over MPI: allgather of byte strings of any length.
#include "neml2/mpi/mpi_communicator.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <fmt/format.h>

#include "neml2/base/error.h"

namespace neml2::mpi
{
namespace
{
void
check(int code, const char * what)
{
  if (code == MPI_SUCCESS)
    return;
  char text[MPI_MAX_ERROR_STRING] = {};
  int length = 0;
  MPI_Error_string(code, text, &length);
  throw Error(fmt::format("{} failed: {}", what, std::string(text, static_cast<std::size_t>(length))));
}

class MpiCommunicator : public Communicator
{
public:
  explicit MpiCommunicator(MPI_Comm comm)
  {
    int initialized = 0;
    MPI_Initialized(&initialized);
    if (!initialized)
      throw Error("neml2::mpi::communicator: MPI is not initialized (call MPI_Init first, or hold a "
                  "neml2::mpi::Environment)");
    check(MPI_Comm_dup(comm, &_comm), "MPI_Comm_dup");
    // Errors come back as codes (thrown as neml2::Error) instead of aborting the job.
    MPI_Comm_set_errhandler(_comm, MPI_ERRORS_RETURN);
    MPI_Comm_rank(_comm, &_rank);
    MPI_Comm_size(_comm, &_size);
  }
  ~MpiCommunicator() override
  {
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (!finalized)
      MPI_Comm_free(&_comm);
  }
  MpiCommunicator(const MpiCommunicator &) = delete;
  MpiCommunicator & operator=(const MpiCommunicator &) = delete;

  int rank() const override { return _rank; }
  int size() const override { return _size; }

  std::vector<std::string> allgather(const std::string & local) override
  {
    const auto n = static_cast<std::size_t>(_size);
    std::vector<std::int64_t> lengths(n);
    const auto mine = static_cast<std::int64_t>(local.size());
    check(MPI_Allgather(&mine, 1, MPI_INT64_T, lengths.data(), 1, MPI_INT64_T, _comm), "MPI_Allgather");
    std::vector<std::string> out(n);
    for (std::size_t r = 0; r < n; ++r)
      out[r].resize(static_cast<std::size_t>(lengths[r]));
    // MPI counts are ints: move the bytes in rounds of at most INT_MAX in all.
    const std::int64_t chunk = std::max<std::int64_t>(1, INT_MAX / _size);
    const auto longest = *std::max_element(lengths.begin(), lengths.end());
    std::vector<int> counts(n), displs(n);
    std::string buffer;
    for (std::int64_t at = 0; at < longest; at += chunk)
    {
      int total = 0;
      for (std::size_t r = 0; r < n; ++r)
      {
        counts[r] = static_cast<int>(std::clamp<std::int64_t>(lengths[r] - at, 0, chunk));
        displs[r] = total;
        total += counts[r];
      }
      buffer.resize(static_cast<std::size_t>(total));
      const auto mine_count = counts[static_cast<std::size_t>(_rank)];
      check(MPI_Allgatherv(mine_count > 0 ? local.data() + at : nullptr, mine_count, MPI_BYTE, buffer.data(),
                           counts.data(), displs.data(), MPI_BYTE, _comm),
            "MPI_Allgatherv");
      for (std::size_t r = 0; r < n; ++r)
        std::copy_n(buffer.data() + displs[r], counts[r], out[r].data() + at);
    }
    return out;
  }

  std::vector<std::string> gather(const std::string & local, int root) override
  {
    const auto n = static_cast<std::size_t>(_size);
    const bool here = _rank == root;
    std::vector<std::int64_t> lengths(n);
    const auto mine = static_cast<std::int64_t>(local.size());
    check(MPI_Gather(&mine, 1, MPI_INT64_T, lengths.data(), 1, MPI_INT64_T, root, _comm), "MPI_Gather");
    // Every rank must take part in the same rounds: the root tells the longest.
    std::int64_t longest = here ? *std::max_element(lengths.begin(), lengths.end()) : 0;
    check(MPI_Bcast(&longest, 1, MPI_INT64_T, root, _comm), "MPI_Bcast");
    std::vector<std::string> out(here ? n : 0);
    for (std::size_t r = 0; r < out.size(); ++r)
      out[r].resize(static_cast<std::size_t>(lengths[r]));
    const std::int64_t chunk = std::max<std::int64_t>(1, INT_MAX / _size);
    std::vector<int> counts(n), displs(n);
    std::string buffer;
    for (std::int64_t at = 0; at < longest; at += chunk)
    {
      int total = 0;
      if (here)
        for (std::size_t r = 0; r < n; ++r)
        {
          counts[r] = static_cast<int>(std::clamp<std::int64_t>(lengths[r] - at, 0, chunk));
          displs[r] = total;
          total += counts[r];
        }
      buffer.resize(static_cast<std::size_t>(total));
      const auto mine_count = static_cast<int>(std::clamp<std::int64_t>(mine - at, 0, chunk));
      check(MPI_Gatherv(mine_count > 0 ? local.data() + at : nullptr, mine_count, MPI_BYTE, buffer.data(),
                        counts.data(), displs.data(), MPI_BYTE, root, _comm),
            "MPI_Gatherv");
      for (std::size_t r = 0; r < out.size(); ++r)
        std::copy_n(buffer.data() + displs[r], counts[r], out[r].data() + at);
    }
    return out;
  }

private:
  MPI_Comm _comm = MPI_COMM_NULL;
  int _rank = 0, _size = 1;
};
} // namespace

std::shared_ptr<Communicator>
communicator(MPI_Comm comm)
{
  return std::make_shared<MpiCommunicator>(comm);
}

Environment::Environment(int * argc, char *** argv)
{
  int initialized = 0;
  MPI_Initialized(&initialized);
  if (initialized)
    return;
  // Only the main thread calls MPI; the thread team computes between calls.
  int provided = 0;
  check(MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
  _owns = true;
}

Environment::~Environment()
{
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (_owns && !finalized)
    MPI_Finalize();
}
} // namespace neml2::mpi

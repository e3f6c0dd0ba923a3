// BatchScheduler: a batch of independent material points cut into contiguous shares, one per
// rank of a Communicator, and the shares' results joined again.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "neml2/drivers/communicator.h"
#include "neml2/tensors/tensor.h"

namespace neml2
{
/// Offsets (parts + 1 of them, from 0 to n) that cut n points into `parts` contiguous shares
/// whose sizes differ by at most one, the larger ones first.
std::vector<std::int64_t> partition_by_points(std::int64_t n, int parts);

/// Offsets that cut the points into `parts` contiguous shares of about equal total cost
/// (cost[i] >= 0 for point i): each point goes to the share in which the midpoint of its cost
/// falls along the running total, the total cut into `parts` equal pieces. All-zero costs fall
/// back to partition_by_points.
std::vector<std::int64_t> partition_by_cost(std::span<const double> cost, int parts);

/// A copy of `t` keeping the entries [begin, end) of batch dimension `dim`.
Tensor narrow_batch(const Tensor & t, std::size_t dim, std::int64_t begin, std::int64_t end);

/**
 * Spreads `points` independent points over the ranks of `comm`: rank r works on the points
 * [begin(), end()) and gather() joins what every rank computed. Points are independent, so the
 * joined results are the ones a single process gets for the whole batch, bit for bit.
 *
 * Collective members (check, rebalance, gather) must be called by every rank. A rank whose own work
 * failed passes its message to them instead of throwing first: then every rank throws the same
 * Error, "rank r of K failed: <message>" for the lowest failing rank r, so that no rank waits
 * forever for another and every rank knows why.
 *
 *     auto comm = neml2::mpi::communicator(MPI_COMM_WORLD);  // or an application's own
 *     neml2::BatchScheduler s(comm, n);
 *     auto mine = model.value({{"strain", neml2::narrow_batch(strain, 0, s.begin(), s.end())}});
 *     auto all = s.gather({mine.at("stress")});
 */
class BatchScheduler
{
public:
  BatchScheduler(std::shared_ptr<Communicator> comm, std::int64_t points);

  int rank() const { return _comm->rank(); }
  int size() const { return _comm->size(); }
  std::int64_t points() const { return _offsets.back(); }
  std::int64_t begin() const { return _offsets[static_cast<std::size_t>(rank())]; }
  std::int64_t end() const { return _offsets[static_cast<std::size_t>(rank()) + 1]; }
  /// This rank's number of points (0 when there are fewer points than ranks).
  std::int64_t share() const { return end() - begin(); }
  const std::vector<std::int64_t> & offsets() const { return _offsets; }

  /// Throws on every rank if any rank passes an error (else returns on every rank). Collective.
  void check(const std::string & error);

  /// Cuts the batch again by measured cost: `local_cost` holds one cost per point of this rank's
  /// current share, in order. Collective.
  void rebalance(std::span<const double> local_cost, const std::string & error = "");

  /// Joins tensors over the ranks, in rank order, on every rank, or with `root` >= 0 on that rank
  /// only (the others get an empty list; only one rank then holds the whole). Each of `local`
  /// either has this rank's share as its leading batch dimension on every rank that has points
  /// (joined along it), or is the same on every rank (rank 0's is kept). Ranks without points
  /// pass an empty list. Collective.
  std::vector<Tensor> gather(const std::vector<Tensor> & local, const std::string & error = "", int root = -1);

private:
  /// Every rank's payload, on every rank (root < 0) or on `root`, after throwing on every rank if
  /// any rank passed an error.
  std::vector<std::string> exchange(const std::string & payload, const std::string & error, int root = -1);

  std::shared_ptr<Communicator> _comm;
  std::vector<std::int64_t> _offsets;
};
} // namespace neml2

// SolveReport and FailureCapture: implicit solves that fail at some points, reported per point
// instead of failing the whole call.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "neml2/tensors/types.h"

namespace neml2
{
/// What became of each material point's implicit solves in one call (see FailureCapture).
struct SolveReport
{
  Shape batch_shape; ///< the call's batch shape; points are numbered row-major within it
  /// Per point: the Newton updates of all its solves and sub-steps, or -1 where a solve failed.
  std::vector<std::int32_t> iterations;
  /// Per point: the most pieces one of its solves cut its step into (1: none cut, 0: failed).
  std::vector<std::int32_t> substeps;
  /// Per point: the residual norm of its failed solve (NaN or inf where it was not finite; 0
  /// where every solve converged).
  std::vector<double> residual;
  /// Why a point failed when it was not its solve: an inadmissible parameter value (by point).
  std::map<std::int64_t, std::string> causes;

  /// Starts a report of n points, all converged with no iterations.
  void reset(const Shape & batch);
  std::int64_t size() const { return static_cast<std::int64_t>(iterations.size()); }
  bool converged(std::int64_t point) const { return iterations.at(static_cast<std::size_t>(point)) >= 0; }
  std::int64_t num_failed() const;
  std::vector<std::int64_t> failed_points() const;
  /// Why point `point` ended as it did, in words ("converged in 2 sub-steps", "residual not finite").
  std::string reason(std::int64_t point) const;
};

/**
 * While one lives, model calls the constructing thread makes (eager or compiled: value, jvp,
 * jacobian, forward_into) do not throw SolverError when an implicit solve fails at some points:
 * they return every output, NaN at the failed points, and describe each point in report() (the
 * latest call's). Captures nest; the innermost one receives. Must be destroyed on its own thread.
 */
class FailureCapture
{
public:
  FailureCapture();
  ~FailureCapture();
  FailureCapture(const FailureCapture &) = delete;
  FailureCapture & operator=(const FailureCapture &) = delete;

  const SolveReport & report() const { return _report; }

  /// The report the calling thread's innermost capture receives, or null when failures throw.
  static SolveReport * active();

private:
  SolveReport _report;
  FailureCapture * _outer;
};
} // namespace neml2

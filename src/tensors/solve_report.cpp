// SolveReport and FailureCapture (see solve_report.h).
#include "neml2/tensors/solve_report.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "neml2/base/error.h"

namespace neml2
{
namespace
{
thread_local FailureCapture * innermost = nullptr;
} // namespace

void
SolveReport::reset(const Shape & batch)
{
  batch_shape = batch;
  const auto n = static_cast<std::size_t>(numel(batch));
  causes.clear();
  iterations.assign(n, 0);
  substeps.assign(n, 1);
  residual.assign(n, 0.0);
}

std::int64_t
SolveReport::num_failed() const
{
  return std::count_if(iterations.begin(), iterations.end(), [](auto i) { return i < 0; });
}

std::vector<std::int64_t>
SolveReport::failed_points() const
{
  std::vector<std::int64_t> out;
  for (std::size_t p = 0; p < iterations.size(); ++p)
    if (iterations[p] < 0)
      out.push_back(static_cast<std::int64_t>(p));
  return out;
}

std::string
SolveReport::reason(std::int64_t point) const
{
  const auto p = static_cast<std::size_t>(point);
  NEML2_ASSERT(p < iterations.size(), "point {} of a report of {} point(s)", point, iterations.size());
  if (const auto it = causes.find(point); it != causes.end())
    return it->second;
  if (iterations[p] >= 0)
    return substeps[p] > 1 ? fmt::format("converged in {} sub-steps ({} Newton updates)", substeps[p], iterations[p])
                           : fmt::format("converged ({} Newton updates)", iterations[p]);
  if (!std::isfinite(residual[p]))
    return fmt::format("did not converge: the residual is not finite ({})", residual[p]);
  return fmt::format("did not converge (residual norm {})", residual[p]);
}

FailureCapture::FailureCapture()
  : _outer(innermost)
{
  innermost = this;
}

FailureCapture::~FailureCapture()
{
  innermost = _outer;
}

SolveReport *
FailureCapture::active()
{
  return innermost ? &innermost->_report : nullptr;
}
} // namespace neml2

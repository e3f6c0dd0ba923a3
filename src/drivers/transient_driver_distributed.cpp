// TransientDriver over several processes: each rank steps a contiguous share of the batch through
// the whole history, then every rank receives every share (see TransientDriver::set_communicator).
#include <chrono>
#include <fmt/format.h>

#include "neml2/base/error.h"
#include "neml2/drivers/batch_scheduler.h"
#include "neml2/drivers/transient_driver.h"

namespace neml2
{
/// For its lifetime, the driver's inputs that span the batch's leading dimension (the times and
/// prescribed values after their step dimension, the initial conditions, the model's batched
/// parameters) are cut to the points [begin, end) of it; the originals come back after.
class TransientDriver::Share
{
public:
  Share(TransientDriver & d, const Shape & batch, std::int64_t begin, std::int64_t end)
    : _d(d),
      _times(d._times),
      _prescribed(d._prescribed),
      _ics(d._ics)
  {
    // A tensor spans the leading dimension when its batch (after `skip` step dimensions) has as
    // many dimensions as the run's and the full length in the first.
    auto cut = [&](const Tensor & t, std::size_t skip) {
      const auto & b = t.batch_shape();
      if (b.size() == batch.size() + skip && b[skip] == batch[0])
        return narrow_batch(t, skip, begin, end);
      return t;
    };
    d._times = cut(d._times, 1);
    for (auto & [name, value] : d._prescribed)
      value = cut(value, 1);
    for (auto & [name, value] : d._ics)
      value = cut(value, 0);
    for (auto & [name, p] : d._model->named_parameters())
      if (auto narrowed = cut(p->value, 0); narrowed.raw() != p->value.raw())
      {
        _parameters.emplace_back(name, p->value);
        d._model->set_parameter(name, narrowed);
      }
  }
  ~Share()
  {
    _d._times = _times;
    _d._prescribed = _prescribed;
    _d._ics = _ics;
    for (const auto & [name, value] : _parameters)
      _d._model->set_parameter(name, value);
  }
  Share(const Share &) = delete;
  Share & operator=(const Share &) = delete;

private:
  TransientDriver & _d;
  Tensor _times;
  std::vector<std::pair<std::string, Tensor>> _prescribed;
  ValueMap _ics;
  std::vector<std::pair<std::string, Tensor>> _parameters;
};

Shape
TransientDriver::run_batch_shape()
{
  std::vector<Shape> shapes = {Shape(_times.batch_shape().begin() + 1, _times.batch_shape().end())};
  for (const auto & [name, value] : _prescribed)
    shapes.emplace_back(value.batch_shape().begin() + 1, value.batch_shape().end());
  for (const auto & [name, value] : _ics)
    shapes.push_back(value.batch_shape());
  for (const auto & [name, p] : _model->named_parameters())
    shapes.push_back(p->value.batch_shape());
  return broadcast_batch_shapes(
      shapes, fmt::format("the batch shapes of the inputs and parameters of model '{}'", _model->name()));
}

namespace
{
/// The cost of each point of the leading batch dimension in a pilot step: the Newton iterations
/// of its points (a failed one counts as the most any point took), plus one for the evaluation.
std::vector<double>
pilot_cost(const SolveReport & report, std::int64_t share)
{
  std::vector<double> cost(static_cast<std::size_t>(share), 1.0);
  if (report.iterations.empty())
    return cost; // explicit: every point costs the same
  const auto per = report.size() / share;
  std::int32_t most = 0;
  for (auto it : report.iterations)
    most = std::max(most, it);
  for (std::int64_t p = 0; p < report.size(); ++p)
  {
    const auto it = report.iterations[static_cast<std::size_t>(p)];
    cost[static_cast<std::size_t>(p / per)] += it >= 0 ? it : most;
  }
  return cost;
}
} // namespace

void
TransientDriver::run_distributed()
{
  _distribution = {};
  const auto batch = run_batch_shape();
  if (batch.empty() || batch[0] < 2)
  {
    // Nothing to cut: every rank runs the whole (small) batch.
    run_steps(nsteps() - 1, nullptr);
    return;
  }
  BatchScheduler schedule(_comm, batch[0]);
  _results.clear(); // a rank without points holds no history
  // A rank's error numbers points within its share: say where the share starts.
  auto where = [&] {
    return fmt::format("points {} to {} (point p below is point {} + p of the batch)", schedule.begin(),
                       schedule.end() - 1, schedule.begin());
  };
  if (_balance_by_cost)
  {
    std::vector<double> cost;
    std::string error;
    if (schedule.share() > 0)
      try
      {
        Share share(*this, batch, schedule.begin(), schedule.end());
        SolveReport report;
        run_steps(std::min<std::int64_t>(1, nsteps() - 1), &report);
        cost = pilot_cost(report, schedule.share());
      }
      catch (const std::exception & e)
      {
        error = fmt::format("{}: {}", where(), e.what());
      }
    schedule.rebalance(cost, error);
  }

  std::string error;
  std::vector<Tensor> local;
  if (schedule.share() > 0)
    try
    {
      Share share(*this, batch, schedule.begin(), schedule.end());
      run_steps(nsteps() - 1, nullptr);
      for (const auto & step : _results)
        for (const auto & name : _recorded)
          local.push_back(step.at(name));
    }
    catch (const std::exception & e)
    {
      error = fmt::format("{}: {}", where(), e.what());
    }
  // First every rank learns whether all succeeded (waiting for the slowest), then the history moves.
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  schedule.check(error);
  const auto waited = clock::now();
  const auto all =
      _gather == Gather::none ? std::vector<Tensor>{} : schedule.gather(local, "", _gather == Gather::root ? 0 : -1);
  _distribution.offsets = schedule.offsets();
  _distribution.wait_seconds = std::chrono::duration<double>(waited - start).count();
  _distribution.gather_seconds = std::chrono::duration<double>(clock::now() - waited).count();
  _distribution.bytes = 0;
  for (const auto & t : all)
    _distribution.bytes += t.numel() * static_cast<std::int64_t>(dtype_size(t.dtype()));

  // Failures over the whole batch come from the joined `converged` record; the reason, from the
  // rank that holds the first failed point.
  const auto reasons = _continue_on_failure ? _comm->allgather(_failures.count > 0 ? _failures.reason : std::string())
                                            : std::vector<std::string>{};
  if (_gather == Gather::none || (_gather == Gather::root && schedule.rank() != 0))
    return; // this rank keeps its share's history
  // This rank now holds every step of every recorded variable.
  _results.assign(static_cast<std::size_t>(nsteps()), {});
  std::size_t i = 0;
  for (auto & step : _results)
    for (const auto & name : _recorded)
      step[name] = all.at(i++);

  if (!_continue_on_failure)
    return;
  _failures = {};
  for (std::int64_t k = 1; k < nsteps(); ++k)
  {
    const auto ok = _results[static_cast<std::size_t>(k)].at(converged_name).to_vector();
    std::int64_t failed = 0;
    for (std::size_t p = 0; p < ok.size(); ++p)
      if (ok[p] == 0)
      {
        if (_failures.count == 0 && failed == 0)
        {
          _failures.first_step = k;
          _failures.first_point = static_cast<std::int64_t>(p);
          const auto per = std::max<std::int64_t>(1, static_cast<std::int64_t>(ok.size()) / batch[0]);
          const auto lead = static_cast<std::int64_t>(p) / per;
          for (int r = 0; r < schedule.size(); ++r)
            if (lead >= schedule.offsets()[static_cast<std::size_t>(r)] &&
                lead < schedule.offsets()[static_cast<std::size_t>(r) + 1])
              _failures.reason = reasons[static_cast<std::size_t>(r)];
        }
        ++failed;
      }
    _failures.count += failed;
    _failures.points = std::max(_failures.points, failed);
  }
}
} // namespace neml2

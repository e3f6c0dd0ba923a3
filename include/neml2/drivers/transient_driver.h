// TransientDriver: steps a model through a prescribed time history.
#pragma once

#include <functional>

#include "neml2/drivers/communicator.h"
#include "neml2/drivers/driver.h"
#include "neml2/models/model.h"
#include "neml2/tensors/solve_report.h"

namespace neml2
{
/**
 * Runs `model` over the steps 0..N-1 of `prescribed_time` (a [Tensors] Scalar whose first batch
 * dimension is the step). Step 0 records the time, the prescribed values and the initial
 * conditions (a model output without one starts at zero). At step k >= 1 the model gets:
 * the time and every prescribed variable at step k, and for every input named `X~1` the value
 * of X at step k-1 (X being the time, a prescribed variable or a model output). Any other input
 * is an error that names it. The driver only calls `model->value()`, so eager models and
 * compiled ones (AOTIModel) are driven alike.
 *
 * Options: `model`, `prescribed_time`, `time` (default t), `prescribed_<Type>_names` /
 * `prescribed_<Type>_values` (NEML2 v2 spelling `force_<Type>_...` accepted), `ic_<Type>_names`
 * / `ic_<Type>_values` for Type in Scalar, Vec, SR2, R2, `save_as` (.npz or .csv),
 * `show_progress`, `progress_interval`, `balance` (how a run over several processes cuts the batch:
 * `points` or `cost`, see set_communicator).
 */
class TransientDriver : public Driver
{
public:
  TransientDriver(const Options & options, Factory & factory);
  static OptionSchema expected_options();

  void run() override;

  /// Called after each step k = 1..last with (k, last), on the thread that runs; it may throw to
  /// stop the run. With `replaces_display`, the driver's own progress display is off while it is
  /// set (a front end, such as a notebook's progress bar, shows progress instead). An empty
  /// function removes it.
  using StepObserver = std::function<void(std::int64_t step, std::int64_t last)>;
  void set_step_observer(StepObserver observer, bool replaces_display = true)
  {
    _observer = std::move(observer);
    _observer_replaces_display = _observer && replaces_display;
  }

  /// Where a run over several ranks leaves the history (see set_communicator).
  enum class Gather
  {
    all,  ///< every rank holds the whole history
    root, ///< rank 0 holds the whole, every other rank its share's (one copy of the whole)
    none  ///< every rank holds its share's and writes it (share_file): nothing moves but error flags
  };
  /// Where rank `rank` writes its share of `save_as` with Gather::none: out.npz -> out.rank3.npz.
  static std::string share_file(const std::string & path, int rank);

  /**
   * Spreads the run over the ranks of `comm` (null: this process alone). The batch's leading
   * dimension is cut into contiguous shares (by BatchScheduler) and every input spanning it (the
   * times, prescribed values, initial conditions and batched model parameters) is cut alike; each
   * rank steps its share through the whole history with no communication, then the history is
   * gathered as `gather` says. A whole history is bit for bit what one process computes. Rank 0
   * alone writes `save_as` and shows progress; with Gather::none every rank writes its share's
   * history to share_file(save_as, rank) (their arrays, joined along the batch dimension in rank
   * order, are the single process's).
   * With `balance = cost`, each rank first runs step 1 of an even share and the batch is cut
   * again so that the Newton iterations it took are spread evenly (explicit models: by points).
   * An error on any rank is raised on every rank, naming the rank. run() is then collective:
   * every rank of `comm` must call it.
   */
  void set_communicator(std::shared_ptr<Communicator> comm, Gather gather = Gather::all)
  {
    _comm = std::move(comm);
    _gather = gather;
  }
  /// The last run's shares: rank r held the points [offsets[r], offsets[r + 1]) of the leading
  /// batch dimension. Empty after a run in one process or with nothing to cut.
  const std::vector<std::int64_t> & share_offsets() const { return _distribution.offsets; }

  Model & model() { return *_model; }
  /// Number of steps including step 0 (the first batch size of the prescribed time).
  std::int64_t nsteps() const { return _times.batch_shape()[0]; }
  /// The values of every recorded variable (time, prescribed, model outputs) at each step.
  std::vector<ValueMap> & results() { return _results; }
  /// Names of the recorded variables: the time, the prescribed variables, the model outputs.
  const std::vector<std::string> & recorded() const { return _recorded; }
  /// What a run did, for neml2-run to print: the model, the steps, the batch, the seconds it took
  /// and the file it wrote (absolute; `save_as` is relative to the current directory, as in
  /// NEML2) with the variables in it. Throws before run().
  std::string summary(double seconds) const;
  /// Every recorded variable over the steps, in recorded() order: a tensor of batch shape
  /// (steps, *batch) (the steps' batches broadcast together) and the variable's base shape, in
  /// the dtype of the run. Throws before run().
  std::vector<std::pair<std::string, Tensor>> history() const;
  /// Writes history(): a NumPy .npz archive (one float64 array (steps, *batch, *base) per
  /// variable) or, for a name ending in .csv, one row per step.
  void save(const std::string & path) const;

  /// The variable on_failure = continue records: 1 where a point's solves converged at a step.
  static constexpr const char * converged_name = "converged";

private:
  /// Steps 1..last over the current inputs. With `pilot`, failures are captured (not raised)
  /// and the last step's report is copied there.
  void run_steps(std::int64_t last, SolveReport * pilot);
  /// run() over the ranks of _comm (transient_driver_distributed.cpp).
  void run_distributed();
  /// The batch shape the run broadcasts to (without the steps): that of the times, prescribed
  /// values, initial conditions and model parameters.
  Shape run_batch_shape();
  class Share;

  /// on_failure = continue: records `converged` at `step` and remembers the first failure.
  void record_failures(const SolveReport & report, std::int64_t step, ValueMap & now);

  std::shared_ptr<Model> _model;
  std::string _time;
  Tensor _times;
  std::vector<std::pair<std::string, Tensor>> _prescribed;
  ValueMap _ics;
  std::vector<VariableSpec> _zeros; ///< inputs nothing provides: zero at every step, as in NEML2
  std::string _save_as;
  bool _show_progress;
  bool _continue_on_failure; ///< on_failure = continue
  /// Failed solves of the run (on_failure = continue): the most points at one step, and the first.
  struct Failures
  {
    std::int64_t count = 0, points = 0, first_step = 0, first_point = 0;
    std::string reason;
  } _failures;
  double _progress_interval;
  StepObserver _observer;
  bool _observer_replaces_display = false;
  std::vector<std::string> _recorded;
  std::vector<ValueMap> _results;
  std::shared_ptr<Communicator> _comm;
  Gather _gather = Gather::all;
  bool _balance_by_cost = false; ///< balance = cost
  /// The last run over several ranks, for summary(): the shares' offsets, the seconds this rank
  /// waited for the others at the end and then spent gathering, the bytes of history it received.
  struct Distribution
  {
    std::vector<std::int64_t> offsets;
    double wait_seconds = 0, gather_seconds = 0;
    std::int64_t bytes = 0;
  } _distribution;
};

/// Step `k` of `t` along its first batch dimension (a copy with that dimension removed).
Tensor step_of(const Tensor & t, std::int64_t k);
} // namespace neml2

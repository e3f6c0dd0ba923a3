// TransientDriver: steps a model through a prescribed time history.
#pragma once

#include <functional>

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
 * `show_progress`, `progress_interval`.
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
};

/// Step `k` of `t` along its first batch dimension (a copy with that dimension removed).
Tensor step_of(const Tensor & t, std::int64_t k);
} // namespace neml2

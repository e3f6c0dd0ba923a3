// TransientDriver: the time loop, its input checks, and saving the history.
#include "neml2/drivers/transient_driver.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>
#include <unistd.h>

#include "driver_options.h"
#include "neml2/base/tensor_object.h"
#include "neml2/drivers/npz.h"
#include "neml2/hit/hit.h"
#include "neml2/models/common/option_helpers.h"

namespace neml2
{
using namespace drivers_detail;

namespace
{
/// Shows how far a run is on stderr: on a terminal, a bar rewritten in place ("[=====   ] k/n");
/// elsewhere (a pipe, a log file, CI) one line every `interval` seconds (none when 0), so logs stay
/// readable and a long run still shows it is alive.
class Progress
{
public:
  Progress(bool on, std::int64_t n, double interval, std::string label)
    : _bar(on && n > 1 && isatty(fileno(stderr))),
      _lines(on && n > 1 && !_bar && interval > 0),
      _n(n),
      _interval(interval),
      _label(std::move(label)),
      _start(Clock::now()),
      _last(_start)
  {
  }
  Progress(const Progress &) = delete;
  Progress & operator=(const Progress &) = delete;
  void update(std::int64_t k)
  {
    if (_bar)
    {
      constexpr int width = 40;
      const auto fill = static_cast<int>(width * k / (_n - 1));
      std::fprintf(stderr, "\r[%s%s] %lld/%lld", std::string(static_cast<std::size_t>(fill), '=').c_str(),
                   std::string(static_cast<std::size_t>(width - fill), ' ').c_str(), static_cast<long long>(k),
                   static_cast<long long>(_n - 1));
      std::fflush(stderr);
    }
    else if (_lines)
    {
      const auto now = Clock::now();
      if (std::chrono::duration<double>(now - _last).count() < _interval && k + 1 < _n)
        return;
      _last = now;
      std::fprintf(stderr, "%s: step %lld of %lld (%.0f%%), %.1f s\n", _label.c_str(), static_cast<long long>(k),
                   static_cast<long long>(_n - 1), 100.0 * static_cast<double>(k) / static_cast<double>(_n - 1),
                   std::chrono::duration<double>(now - _start).count());
      std::fflush(stderr);
    }
  }
  ~Progress()
  {
    if (_bar)
      std::fprintf(stderr, "\n");
  }

private:
  using Clock = std::chrono::steady_clock;
  bool _bar;
  bool _lines;
  std::int64_t _n;
  double _interval;
  std::string _label;
  Clock::time_point _start;
  Clock::time_point _last;
};

/// Rethrows `e` with `context` in front, keeping its type.
[[noreturn]] void
rethrow_with(const std::exception & e, const std::string & context)
{
  const auto msg = context + e.what();
  if (dynamic_cast<const SolverError *>(&e))
    throw SolverError(msg);
  if (dynamic_cast<const ValueError *>(&e))
    throw ValueError(msg);
  if (dynamic_cast<const InputError *>(&e))
    throw InputError(msg);
  throw Error(msg);
}

/// "stress[3][1]": the CSV column of component `c` at batch point `b` (each index omitted when
/// its shape is empty).
std::string
column(const std::string & name, const Shape & batch, std::int64_t b, const Shape & base, std::int64_t c)
{
  auto index = [](const Shape & s, std::int64_t flat) {
    std::vector<std::int64_t> idx(s.size());
    for (auto d = static_cast<std::int64_t>(s.size()) - 1; d >= 0; --d)
    {
      idx[static_cast<std::size_t>(d)] = flat % s[static_cast<std::size_t>(d)];
      flat /= s[static_cast<std::size_t>(d)];
    }
    return fmt::format("[{}]", fmt::join(idx, ","));
  };
  return name + (batch.empty() ? "" : index(batch, b)) + (base.empty() ? "" : index(base, c));
}
/// The sub-batch of initial condition `ic` (a value of output `out`'s type).
Shape
ic_sub_batch(const Options & o, const Named & ic, const VariableSpec & out)
{
  const auto type_base = base_shape(out.type);
  const auto & got = ic.value.base_shape();
  const bool typed = got.size() >= type_base.size() &&
                     std::equal(type_base.begin(), type_base.end(), got.end() - std::ssize(type_base));
  if (!typed)
    throw o.error(ic.option, fmt::format("the initial condition of '{}' must be a {}", ic.name, type_name(out.type)));
  return Shape(got.begin(), got.end() - std::ssize(type_base));
}

/// Whether `model_sub_batch` is `sub_batch` with axes in front (a per-slip value for every
/// grain), so that a value of sub-batch `sub_batch` is repeated over those axes.
bool
repeats_over(const Shape & sub_batch, const Shape & model_sub_batch)
{
  return model_sub_batch.size() > sub_batch.size() &&
         std::equal(sub_batch.begin(), sub_batch.end(), model_sub_batch.end() - std::ssize(sub_batch));
}

/// A sub-batched initial condition sizes its variable: a pending one, or one the model is then
/// mapped over (a grain axis in front of a single crystal's variables).
void
size_sub_batch(const Options & o, const Named & ic, Model & model, const VariableSpec & out)
{
  const auto sub_batch = ic_sub_batch(o, ic, out);
  if (sub_batch.empty() ||
      (!out.sub_batch_pending && (sub_batch == out.sub_batch || repeats_over(sub_batch, out.sub_batch))))
    return;
  const auto had = out.sub_batch_pending ? std::string("another") : shape_str(out.sub_batch);
  try
  {
    model.resolve_sub_batch(out.name, sub_batch);
  }
  catch (const ValueError & e)
  {
    throw o.error(ic.option, fmt::format("the initial condition of '{}' has one value per point of sub-batch {}, but "
                                         "model '{}' has {} for it ({})",
                                         ic.name, shape_str(sub_batch), model.name(), had, e.what()));
  }
}

/// The initial condition `ic` of output `out` with the output's sub-batch: a value per point (or
/// per slip system) is repeated over the sub-batch axes in front of it.
Tensor
fit_sub_batch(const Options & o, const Named & ic, Model & model, const VariableSpec & spec)
{
  const auto sub_batch = ic_sub_batch(o, ic, spec);
  const auto & got = ic.value.base_shape();
  if (got == spec.shape())
    return ic.value;
  if (!repeats_over(sub_batch, spec.sub_batch))
    throw o.error(ic.option, fmt::format("the initial condition of '{}' has one value per point of sub-batch {}, but "
                                         "model '{}' has {} for it",
                                         ic.name, shape_str(sub_batch), model.name(), shape_str(spec.sub_batch)));
  // Repeat each point's value over the model's leading sub-batch axes.
  const auto per = numel(got), reps = numel(spec.sub_batch) / numel(sub_batch);
  auto full = Tensor::zeros(ic.value.batch_shape(), spec.shape(), ic.value.dtype());
  for (std::int64_t b = 0; b < ic.value.batch_numel(); ++b)
    for (std::int64_t r = 0; r < reps; ++r)
      for (std::int64_t c = 0; c < per; ++c)
        full.set((b * reps + r) * per + c, ic.value.at(b * per + c));
  return full;
}
} // namespace

Tensor
step_of(const Tensor & t, std::int64_t k)
{
  const auto & b = t.batch_shape();
  NEML2_ASSERT(!b.empty() && k >= 0 && k < b[0], "step {} of a tensor of batch shape {}", k, shape_str(b));
  const Shape rest(b.begin() + 1, b.end());
  auto out = Tensor::zeros(rest, t.base_shape(), t.dtype());
  const auto bytes = static_cast<std::size_t>(out.numel()) * dtype_size(t.dtype());
  std::memcpy(out.raw(), static_cast<const char *>(t.raw()) + static_cast<std::size_t>(k) * bytes, bytes);
  return out;
}

OptionSchema
TransientDriver::expected_options()
{
  OptionSchema s;
  s.doc("Runs a model through a prescribed time history. Step 0 records the time, the prescribed variables and the "
        "initial conditions (outputs without one start at zero); at every later step each model input is the time, a "
        "prescribed variable at that step, or (for an input named X~j) the value of X j steps before (step 0 "
        "when that is before the start).")
      .required("model", OptionKind::String, "the model to drive (eager or compiled)")
      .required("prescribed_time", OptionKind::String,
                "a [Tensors] Scalar of the times, shape (steps, *batch): its first batch dimension is the step")
      .optional("time", OptionKind::String, "t",
                "the model's time variable (inputs neither prescribed, nor an output "
                "or its history, are zero, as in NEML2)");
  for (const auto & [k, t] : driven_types())
  {
    s.optional("prescribed_" + t + "_names", OptionKind::Strings, "", "prescribed " + t + " variables")
        .optional("prescribed_" + t + "_values", OptionKind::Strings, "",
                  "their values: [Tensors] names, each of shape (steps, *batch)")
        .optional("force_" + t + "_names", OptionKind::Strings, "",
                  "same as prescribed_" + t + "_names (NEML2 v2's name)")
        .optional("force_" + t + "_values", OptionKind::Strings, "",
                  "same as prescribed_" + t + "_values (NEML2 v2's name)")
        .optional("ic_" + t + "_names", OptionKind::Strings, "", t + " model outputs given an initial condition")
        .optional("ic_" + t + "_values", OptionKind::Strings, "", "their values at step 0: numbers or [Tensors] names");
  }
  s.optional("save_as", OptionKind::String, "",
             "write the results to this file (.npz, or .csv); a relative path is relative to the current directory")
      .optional("on_failure", OptionKind::String, "raise",
                "when an implicit solve fails at some points: 'raise' stops the run with an error naming them; "
                "'continue' goes on, with NaN at the failed points from then on, and records 'converged' (1 or 0 "
                "per point and step)")
      .optional("balance", OptionKind::String, "points",
                "how a run over several MPI ranks cuts the batch: 'points' (equal shares) or 'cost' (shares of "
                "equal Newton iterations, measured on step 1; explicit models: as 'points')")
      .optional("show_progress", OptionKind::Bool, "true",
                "show progress on stderr: a bar on a terminal, otherwise a line every progress_interval seconds")
      .optional("progress_interval", OptionKind::Real, "10",
                "seconds between progress lines when stderr is not a terminal (a pipe, a log); 0 prints none");
  return s;
}

TransientDriver::TransientDriver(const Options & o, Factory & factory)
  : Driver(o),
    _time(o.get_string("time")),
    _save_as(o.get_string("save_as")),
    _show_progress(o.get_bool("show_progress")),
    _continue_on_failure(o.get_string("on_failure") == "continue"),
    _progress_interval(o.get_real("progress_interval")),
    _balance_by_cost(o.get_string("balance") == "cost")
{
  if (const auto b = o.get_string("balance"); b != "points" && b != "cost")
    throw o.error("balance", fmt::format("expected 'points' or 'cost', got '{}'", b));
  if (const auto f = o.get_string("on_failure"); f != "raise" && f != "continue")
    throw o.error("on_failure", fmt::format("expected 'raise' or 'continue', got '{}'", f));
  if (!(_progress_interval >= 0))
    throw o.error("progress_interval", fmt::format("must be a number of seconds >= 0, got {}", _progress_interval));
  _model = factory.get_model(o.get_string("model"));
  _times = tensor_value(o, "prescribed_time", o.get_string("prescribed_time"), TypeKind::Scalar, factory, false);
  if (_times.batch_shape().empty())
    throw o.error("prescribed_time", "the times need a first batch dimension for the steps, got a single time");
  const auto n = _times.batch_shape()[0];
  // Rates divide by t - t~1: a step that does not advance gives inf or NaN, not an error.
  const auto per_step = n > 0 ? _times.numel() / n : 0;
  for (std::int64_t k = 1; k < n; ++k)
    for (std::int64_t j = 0; j < per_step; ++j)
      if (!(_times.at(k * per_step + j) > _times.at((k - 1) * per_step + j)))
        throw o.error("prescribed_time",
                      fmt::format("the times must increase from step to step, but step {}{} has t = {} after t = {} "
                                  "(a time step of {})",
                                  k, per_step > 1 ? fmt::format(" at point {}", j) : std::string(),
                                  _times.at(k * per_step + j), _times.at((k - 1) * per_step + j),
                                  _times.at(k * per_step + j) - _times.at((k - 1) * per_step + j)));
  if (!_save_as.empty() && !_save_as.ends_with(".npz") && !_save_as.ends_with(".csv"))
    throw o.error("save_as", fmt::format("'{}' must end with .npz (NumPy archive) or .csv", _save_as));
  // Checked now, not after the run: a run whose results cannot be written is lost.
  if (!_save_as.empty())
  {
    const auto folder = std::filesystem::absolute(_save_as).parent_path();
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
      throw o.error("save_as", fmt::format("the folder of '{}' ({}) {}; create it first, or save elsewhere", _save_as,
                                           folder.string(),
                                           std::filesystem::exists(folder, ec) ? "is not a folder" : "does not exist"));
    if (access(folder.c_str(), W_OK) != 0)
      throw o.error("save_as",
                    fmt::format("the folder of '{}' ({}) is not writable; save elsewhere", _save_as, folder.string()));
  }

  // Prescribed variables: one entry per step; then the initial conditions.
  std::map<std::string, TypeKind> given = {{_time, TypeKind::Scalar}};
  std::vector<Shape> batches = {Shape(_times.batch_shape().begin() + 1, _times.batch_shape().end())};
  for (auto & p : read_pairs(o, factory, "prescribed", "force", true))
  {
    const auto & b = p.value.batch_shape();
    if (b.empty() || b[0] != n)
      throw o.error(p.option, fmt::format("'{}' must have one entry per step along its first batch dimension ({} "
                                          "steps, as prescribed_time), but its batch shape is {}",
                                          p.name, n, shape_str(b)));
    if (!given.emplace(p.name, p.type).second)
      throw o.error(p.option, fmt::format("'{}' is prescribed twice (or is the time)", p.name));
    batches.emplace_back(b.begin() + 1, b.end());
    _prescribed.emplace_back(p.name, p.value);
  }
  auto ics = read_pairs(o, factory, "ic", "", false);
  for (const auto & ic : ics)
  {
    const auto * out = _model->find_output(ic.name);
    if (!out)
      throw o.error(ic.option, fmt::format("'{}' is not an output of model '{}', so it takes no initial condition",
                                           ic.name, _model->name()));
    size_sub_batch(o, ic, *_model, *out);
  }
  // Every initial condition has sized the model before any is fitted to it.
  for (auto & ic : ics)
  {
    ic.value = fit_sub_batch(o, ic, *_model, *_model->find_output(ic.name));
    if (!_ics.emplace(ic.name, ic.value).second)
      throw o.error(ic.option, fmt::format("'{}' has two initial conditions", ic.name));
    batches.push_back(ic.value.batch_shape());
  }
  try
  {
    broadcast_batch_shapes(batches, "the batch shapes of the time, the prescribed values and the initial conditions");
  }
  catch (const ValueError & e)
  {
    throw o.error("prescribed_time", e.what());
  }

  // Every model input comes from the prescribed values, an output (X~j: its history), or, as in
  // NEML2, is zero.
  for (const auto & v : _model->input_spec())
  {
    auto source = v.name;
    if (!given.count(source) && split_history(v.name).second > 0)
      source = split_history(v.name).first;
    std::optional<TypeKind> type;
    if (auto it = given.find(source); it != given.end())
      type = it->second;
    else if (const auto * out = _model->find_output(source))
      type = out->type;
    if (!type)
      _zeros.push_back(v);
    else if (*type != v.type)
      throw o.error("model", fmt::format("model '{}' takes '{}' as a {}, but the driver provides a {}", _model->name(),
                                         v.name, type_name(v.type), type_name(*type)));
  }
  if (_model->find_output(_time))
    throw o.error("time", fmt::format("the time '{}' is also an output of model '{}'", _time, _model->name()));
  for (const auto & [name, value] : _prescribed)
  {
    if (_model->find_output(name))
      throw o.error("model", fmt::format("'{}' is both prescribed and an output of model '{}'", name, _model->name()));
    if (!_model->find_input(name) && !_model->find_input(name + "~1"))
      throw o.error("model", fmt::format("model '{}' does not use the prescribed variable '{}' (nor '{}~1')",
                                         _model->name(), name, name));
  }

  _recorded.push_back(_time);
  for (const auto & [name, value] : _prescribed)
    _recorded.push_back(name);
  for (const auto & v : _model->output_spec())
    _recorded.push_back(v.name);
  if (_continue_on_failure)
  {
    if (std::find(_recorded.begin(), _recorded.end(), converged_name) != _recorded.end())
      throw o.error("on_failure",
                    fmt::format("'continue' records '{}', which is already a variable of the run", converged_name));
    _recorded.push_back(converged_name);
  }
}

void
TransientDriver::run()
{
  if (_comm && _comm->size() > 1)
    run_distributed();
  else
    run_steps(nsteps() - 1, nullptr);
  if (_save_as.empty())
    return;
  if (_comm && _comm->size() > 1 && _gather == Gather::none)
  {
    if (!_results.empty()) // a rank without points writes nothing
      save(share_file(_save_as, _comm->rank()));
  }
  else if (!_comm || _comm->rank() == 0)
    save(_save_as);
}

std::string
TransientDriver::share_file(const std::string & path, int rank)
{
  const std::filesystem::path p(path);
  return (p.parent_path() / fmt::format("{}.rank{}{}", p.stem().string(), rank, p.extension().string())).string();
}

void
TransientDriver::run_steps(std::int64_t last, SolveReport * pilot)
{
  const auto n = last + 1;
  _results.assign(static_cast<std::size_t>(n), {});
  auto record_given = [&](std::int64_t k) {
    auto & r = _results[static_cast<std::size_t>(k)];
    r[_time] = step_of(_times, k);
    for (const auto & [name, value] : _prescribed)
      r[name] = step_of(value, k);
    for (const auto & v : _zeros)
      r[v.name] = Tensor::zeros({}, v.shape(), _times.dtype());
  };
  record_given(0);
  for (const auto & v : _model->output_spec())
  {
    auto it = _ics.find(v.name);
    _results[0][v.name] = it != _ics.end() ? it->second : Tensor::zeros({}, v.shape(), _times.dtype());
  }
  _failures = {};
  if (_continue_on_failure)
    _results[0][converged_name] = Tensor::full({}, {}, 1.0, _times.dtype());

  // Where each model input comes from, resolved once: a variable the step records before the
  // model runs (the time, a prescribed value, a zero), or X~j, X at step k - j (step 0 before the
  // start: the history is held constant there). `in` keeps its entries from step to step, so a
  // step only assigns tensors into them.
  struct Source
  {
    Tensor * slot;
    std::string name;
    std::int64_t lag; // 0: this step's value
  };
  std::set<std::string> recorded_first = {_time};
  for (const auto & [var, value] : _prescribed)
    recorded_first.insert(var);
  for (const auto & v : _zeros)
    recorded_first.insert(v.name);
  ValueMap in;
  std::vector<Source> sources;
  for (const auto & v : _model->input_spec())
  {
    auto [base, lag] = split_history(v.name);
    if (recorded_first.count(v.name))
      base = v.name, lag = 0;
    sources.push_back({&in[v.name], base, lag});
  }

  const bool shown = _show_progress && !_observer_replaces_display && (!_comm || _comm->rank() == 0) && !pilot;
  Progress progress(shown, n, _progress_interval, "[Drivers/" + name() + "]");
  for (std::int64_t k = 1; k < n; ++k)
  {
    record_given(k);
    auto & now = _results[static_cast<std::size_t>(k)];
    for (const auto & s : sources)
      *s.slot = _results[static_cast<std::size_t>(std::max<std::int64_t>(k - s.lag, 0))].at(s.name);
    try
    {
      std::optional<FailureCapture> capture;
      if (_continue_on_failure || pilot)
        capture.emplace();
      for (auto & [var, value] : _model->value(in))
        now[var] = std::move(value);
      if (pilot)
        *pilot = capture->report();
      if (capture && _continue_on_failure)
        record_failures(capture->report(), k, now);
    }
    catch (const std::exception & e)
    {
      rethrow_with(e,
                   fmt::format("[Drivers/{}]: model '{}' failed at step {} of {}: ", name(), _model->name(), k, n - 1));
    }
    progress.update(k);
    if (_observer && !pilot)
      _observer(k, n - 1);
  }
}

void
TransientDriver::record_failures(const SolveReport & report, std::int64_t step, ValueMap & now)
{
  std::vector<double> ok(report.iterations.size());
  for (std::size_t p = 0; p < ok.size(); ++p)
    ok[p] = report.iterations[p] >= 0 ? 1.0 : 0.0;
  now[converged_name] = Tensor::from_values(report.batch_shape, {}, ok).to(_times.dtype());
  const auto failed = report.num_failed();
  if (failed == 0)
    return;
  if (_failures.count == 0)
  {
    _failures.first_step = step;
    _failures.first_point = report.failed_points().front();
    _failures.reason = report.reason(_failures.first_point);
  }
  _failures.count += failed;
  _failures.points = std::max(_failures.points, failed);
}

std::string
TransientDriver::summary(double seconds) const
{
  if (_results.empty())
    throw Error(fmt::format("[Drivers/{}]: nothing ran yet", name()));
  std::vector<Shape> shapes;
  for (const auto & [var, t] : _results.back())
    shapes.push_back(t.batch_shape());
  const auto batch = broadcast_batch_shapes(shapes, "the recorded variables");
  std::string s = fmt::format("[Drivers/{}]: ran model '{}' over {} step(s) after the initial state, batch {}, in "
                              "{:.3g} s\n",
                              name(), _model->name(), _results.size() - 1, shape_str(batch), seconds);
  if (!_distribution.offsets.empty())
  {
    std::vector<std::int64_t> shares;
    for (std::size_t r = 0; r + 1 < _distribution.offsets.size(); ++r)
      shares.push_back(_distribution.offsets[r + 1] - _distribution.offsets[r]);
    s += fmt::format("  over {} ranks (balance = {}), shares of {} point(s) along the first batch dimension; rank 0 "
                     "waited {:.3g} s for the others, then received the history ({:.3g} MB) in {:.3g} s\n",
                     shares.size(), _balance_by_cost ? "cost" : "points", fmt::join(shares, ", "),
                     _distribution.wait_seconds, static_cast<double>(_distribution.bytes) / 1e6,
                     _distribution.gather_seconds);
  }
  if (_failures.count > 0)
    s += fmt::format("  implicit solves failed at {} point(s) (on_failure = continue), first at step {}, point {}: {}; "
                     "such points are NaN from their failure on (see '{}')\n",
                     _failures.points, _failures.first_step, _failures.first_point, _failures.reason, converged_name);
  if (_save_as.empty())
    return s + fmt::format("  wrote no file (set Drivers/{}/save_as=out.npz to keep the results)\n", name());
  if (!_distribution.offsets.empty() && _gather == Gather::none)
    return s + fmt::format("  each rank r wrote its share to {}: {} (arrays of shape (steps, *share, *base); "
                           "joined along the batch dimension in rank order, they are the whole run's; a rank without "
                           "points writes none)\n",
                           std::filesystem::absolute(share_file(_save_as, 0)).lexically_normal().string(),
                           fmt::join(_recorded, ", "));
  return s + fmt::format("  wrote {}: {} (arrays of shape (steps, *batch, *base))\n",
                         std::filesystem::absolute(_save_as).lexically_normal().string(), fmt::join(_recorded, ", "));
}

std::vector<std::pair<std::string, Tensor>>
TransientDriver::history() const
{
  if (_results.empty())
    throw Error(fmt::format("[Drivers/{}]: no results before run()", name()));
  std::vector<std::pair<std::string, Tensor>> out;
  for (const auto & name : _recorded)
  {
    std::vector<Shape> shapes;
    for (const auto & r : _results)
      shapes.push_back(r.at(name).batch_shape());
    const auto B = broadcast_batch_shapes(shapes, "the steps of '" + name + "'");
    const auto & first = _results[0].at(name);
    std::vector<double> values;
    for (const auto & r : _results)
    {
      const auto v = r.at(name).expand_batch(B).to_vector();
      values.insert(values.end(), v.begin(), v.end());
    }
    Shape batch = {static_cast<std::int64_t>(_results.size())};
    batch.insert(batch.end(), B.begin(), B.end());
    out.emplace_back(name, Tensor::from_values(batch, first.base_shape(), values).to(first.dtype()));
  }
  return out;
}

void
TransientDriver::save(const std::string & path) const
{
  if (_results.empty())
    throw Error(fmt::format("[Drivers/{}]: nothing to save before run()", name()));
  const auto stacked = history();
  std::vector<std::pair<std::string, npz::Array>> arrays;
  for (const auto & [name, t] : stacked)
  {
    npz::Array a;
    a.shape = t.shape();
    a.values = t.to_vector();
    arrays.emplace_back(name, std::move(a));
  }
  if (!path.ends_with(".csv"))
    return npz::write(path, arrays);

  std::ofstream out(path, std::ios::trunc);
  if (!out)
    throw Error(fmt::format("cannot open '{}' for writing", path));
  std::vector<std::string> header = {"step"};
  for (const auto & [name, t] : stacked)
  {
    const Shape B(t.batch_shape().begin() + 1, t.batch_shape().end());
    for (std::int64_t b = 0; b < numel(B); ++b)
      for (std::int64_t c = 0; c < numel(t.base_shape()); ++c)
        header.push_back(column(name, B, b, t.base_shape(), c));
  }
  out << fmt::format("{}\n", fmt::join(header, ","));
  for (std::size_t k = 0; k < _results.size(); ++k)
  {
    out << k;
    for (const auto & [name, a] : arrays)
    {
      const auto per = a.values.size() / _results.size();
      for (std::size_t j = 0; j < per; ++j)
        out << fmt::format(",{:.17g}", a.values[k * per + j]);
    }
    out << '\n';
  }
  if (!out)
    throw Error(fmt::format("cannot write '{}'", path));
}

NEML2_REGISTER(Driver, TransientDriver);
} // namespace neml2

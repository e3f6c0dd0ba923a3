// Verification: a TransientDriver's variables against [Tensors] references, step by step.
#include "neml2/drivers/verification.h"

#include <algorithm>

#include <fmt/format.h>

#include "driver_options.h"
#include "history_comparison.h"
#include "neml2/base/error.h"

namespace neml2
{
using namespace drivers_detail;

OptionSchema
Verification::expected_options()
{
  auto s = OptionSchema().doc(
      "Runs a TransientDriver and compares chosen variables with [Tensors] references (e.g. CSV tensors) whose first "
      "batch dimension is the step, at every step or at time_steps. Fails naming the worst mismatch.");
  s.required("driver", OptionKind::String, "the TransientDriver to run");
  for (const auto & [k, t] : driven_types())
    s.optional(t + "_names", OptionKind::Strings, "", t + " variables to check (output.<name>, input.<name> or <name>)")
        .optional(t + "_values", OptionKind::Strings, "", "their references: [Tensors] names, one row per step");
  return s.optional("time_steps", OptionKind::Strings, "", "the steps to compare (default: every step)")
      .optional("rtol", OptionKind::Real, "1e-5", "relative tolerance")
      .optional("atol", OptionKind::Real, "1e-8", "absolute tolerance");
}

Verification::Verification(const Options & o, Factory & factory)
  : Driver(o),
    _rtol(o.get_real("rtol")),
    _atol(o.get_real("atol"))
{
  const auto driver = o.get_string("driver");
  if (driver == name())
    throw o.error("driver", "a Verification cannot run itself");
  _driver = std::dynamic_pointer_cast<TransientDriver>(factory.get_as<Driver>(ObjectKind::Driver, driver));
  if (!_driver)
    throw o.error("driver", fmt::format("[Drivers/{}] is not a TransientDriver", driver));
  if (!(_rtol >= 0) || !(_atol >= 0))
    throw o.error("rtol", "tolerances must be non-negative numbers");
  for (const auto & w : o.get_strings("time_steps"))
  {
    std::size_t used = 0;
    long long k = -1;
    try
    {
      k = std::stoll(w, &used);
    }
    catch (const std::exception &)
    {
      used = 0;
    }
    if (used != w.size() || k < 0)
      throw o.error("time_steps", fmt::format("expected step numbers (0, 1, ...), got '{}'", w));
    _time_steps.push_back(k);
  }
  std::sort(_time_steps.begin(), _time_steps.end());
  _time_steps.erase(std::unique(_time_steps.begin(), _time_steps.end()), _time_steps.end());
  for (auto & p : read_pairs(o, factory, "", "", true))
  {
    auto name = p.name;
    for (const auto * kind : {"output.", "input."})
      if (name.starts_with(kind))
        name = name.substr(std::string(kind).size());
    if (std::any_of(_references.begin(), _references.end(), [&](const auto & r) { return r.name == name; }))
      throw o.error(p.option, fmt::format("'{}' is checked twice", p.name));
    const bool snapshot = _time_steps.size() == 1;
    if (!snapshot && p.value.batch_shape().empty())
      throw o.error(p.option,
                    fmt::format("the reference of '{}' has no step dimension (its first batch dimension)", p.name));
    _references.push_back({p.name, name, p.option, p.value});
  }
  if (_references.empty())
    throw o.error("driver", "nothing to check: give <Type>_names and <Type>_values (e.g. SR2_names = "
                            "'output.stress', SR2_values = '<a [Tensors] name>')");
}

void
Verification::run()
{
  _driver->run();
  const auto & results = _driver->results();
  const auto nsteps = static_cast<std::int64_t>(results.size());
  std::vector<std::int64_t> steps = _time_steps;
  if (steps.empty())
    for (std::int64_t k = 0; k < nsteps; ++k)
      steps.push_back(k);
  if (steps.back() >= nsteps)
    throw ValueError(fmt::format("[Drivers/{}]: time step {} asked for, but driver '{}' ran {} step(s)", name(),
                                 steps.back(), _driver->name(), nsteps));
  HistoryComparison comparison(_driver->name(), _rtol, _atol);
  for (const auto & r : _references)
  {
    const bool snapshot = _time_steps.size() == 1;
    const auto rows = snapshot ? 1 : r.value.batch_shape()[0];
    if (rows != static_cast<std::int64_t>(steps.size()))
      throw ValueError(fmt::format("[Drivers/{}]: the reference of '{}' has {} row(s) (its first batch dimension), "
                                   "but {} step(s) are compared",
                                   name(), r.label, rows, steps.size()));
    for (std::size_t j = 0; j < steps.size(); ++j)
    {
      const auto ref = to_array(snapshot ? r.value : step_of(r.value, static_cast<std::int64_t>(j)));
      const auto & at_step = results[static_cast<std::size_t>(steps[j])];
      const auto it = at_step.find(r.name);
      if (it != at_step.end())
      {
        comparison.compare(r.name, steps[j], it->second, ref);
        continue;
      }
      // As NEML2: a variable the driver lacks at a step passes where the reference is zero.
      if (std::any_of(ref.values.begin(), ref.values.end(), [](double v) { return v != 0.0; }))
        throw ValueError(fmt::format("[Drivers/{}]: driver '{}' does not record '{}' at step {}, and its reference "
                                     "there is not zero",
                                     name(), _driver->name(), r.name, steps[j]));
    }
  }
  comparison.finish("[Drivers/" + name() + "]", "the references", steps.size());
}

NEML2_REGISTER(Driver, Verification);
} // namespace neml2

// TransientRegression: a TransientDriver's history against a reference (.pt or .npz).
#include "neml2/drivers/transient_regression.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "driver_options.h"
#include "neml2/base/error.h"
#include "neml2/drivers/npz.h"
#include "neml2/drivers/torch_archive.h"

namespace neml2
{
namespace fs = std::filesystem;

OptionSchema
TransientRegression::expected_options()
{
  return OptionSchema()
      .doc("Runs a TransientDriver and compares its history with a reference: NEML2's result.pt (a torch.save'd "
           "dictionary 'input.<step>.<name>' / 'output.<step>.<name>', read without PyTorch) or an .npz the "
           "TransientDriver wrote. Fails naming the worst mismatch.")
      .required("driver", OptionKind::String, "the TransientDriver to run")
      .required("reference", OptionKind::String, "the reference file (.pt or .npz), relative to the input file")
      .optional("rtol", OptionKind::Real, "1e-5", "relative tolerance")
      .optional("atol", OptionKind::Real, "1e-8", "absolute tolerance");
}

namespace
{
std::string
resolve(const Options & o)
{
  fs::path p = o.get_string("reference");
  if (p.empty())
    throw o.error("reference", "the reference file name is empty");
  if (p.is_absolute())
    return p.string();
  const fs::path input = o.location_of("reference").file;
  std::error_code ec;
  if (!input.empty() && fs::is_regular_file(input, ec))
    return (input.parent_path() / p).string();
  return p.string();
}

/// One reference value set: variable `name` at `step`.
struct Entry
{
  std::string name;
  std::int64_t step;
  npz::Array value;
};

/// "input.3.stress" / "output.3.stress" -> (stress, 3).
std::vector<Entry>
from_torch(const std::vector<std::pair<std::string, npz::Array>> & items, const std::string & path)
{
  std::vector<Entry> out;
  for (const auto & [key, a] : items)
  {
    const auto d1 = key.find('.');
    const auto d2 = d1 == std::string::npos ? d1 : key.find('.', d1 + 1);
    const auto kind = key.substr(0, d1);
    std::int64_t step = -1;
    if (d2 != std::string::npos)
      try
      {
        std::size_t used = 0;
        step = std::stoll(key.substr(d1 + 1, d2 - d1 - 1), &used);
        if (used != d2 - d1 - 1)
          step = -1;
      }
      catch (const std::exception &)
      {
        step = -1;
      }
    if ((kind != "input" && kind != "output") || step < 0)
      throw ValueError(fmt::format("'{}': entry '{}' is not named input.<step>.<variable> or "
                                   "output.<step>.<variable>",
                                   path, key));
    out.push_back({key.substr(d2 + 1), step, a});
  }
  return out;
}

/// Arrays (steps, ...) -> one entry per step.
std::vector<Entry>
from_npz(const std::vector<std::pair<std::string, npz::Array>> & items, const std::string & path)
{
  std::vector<Entry> out;
  for (const auto & [name, a] : items)
  {
    if (a.shape.empty())
      throw ValueError(fmt::format("'{}': array '{}' has no step dimension", path, name));
    const Shape rest(a.shape.begin() + 1, a.shape.end());
    const auto n = static_cast<std::size_t>(numel(rest));
    for (std::int64_t k = 0; k < a.shape[0]; ++k)
    {
      npz::Array s{rest, {}};
      const auto first = a.values.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(k) * n);
      s.values.assign(first, first + static_cast<std::ptrdiff_t>(n));
      out.push_back({name, k, std::move(s)});
    }
  }
  return out;
}

/// The broadcast of two shapes (numpy's rule), or nothing.
std::optional<Shape>
broadcast(const Shape & a, const Shape & b)
{
  const auto n = std::max(a.size(), b.size());
  Shape out(n);
  for (std::size_t i = 0; i < n; ++i)
  {
    const auto da = i < n - a.size() ? 1 : a[i - (n - a.size())];
    const auto db = i < n - b.size() ? 1 : b[i - (n - b.size())];
    if (da != db && da != 1 && db != 1)
      return std::nullopt;
    out[i] = std::max(da, db);
  }
  return out;
}

/// The flat index into an array of shape `s` of the multi-index `idx` of the broadcast shape.
std::int64_t
flat(const Shape & s, const std::vector<std::int64_t> & idx)
{
  std::int64_t at = 0;
  const auto off = idx.size() - s.size();
  for (std::size_t d = 0; d < s.size(); ++d)
    at = at * s[d] + (s[d] == 1 ? 0 : idx[off + d]);
  return at;
}

struct Worst
{
  double excess = 0; ///< |diff| - (atol + rtol |ref|) of the worst value
  bool nan = false;
  std::string name;
  std::int64_t step = 0;
  std::vector<std::int64_t> index;
  double got = 0, ref = 0;
};
} // namespace

TransientRegression::TransientRegression(const Options & options, Factory & factory)
  : Driver(options),
    _reference(resolve(options)),
    _rtol(options.get_real("rtol")),
    _atol(options.get_real("atol"))
{
  const auto name = options.get_string("driver");
  if (name == this->name())
    throw options.error("driver", "a TransientRegression cannot run itself");
  _driver = std::dynamic_pointer_cast<TransientDriver>(factory.get_as<Driver>(ObjectKind::Driver, name));
  if (!_driver)
    throw options.error("driver", fmt::format("[Drivers/{}] is not a TransientDriver", name));
  if (!(_rtol >= 0) || !(_atol >= 0))
    throw options.error("rtol", "tolerances must be non-negative numbers");
  std::error_code ec;
  if (!fs::is_regular_file(_reference, ec))
    throw options.error("reference", fmt::format("cannot find the reference file '{}'", _reference));
}

void
TransientRegression::run()
{
  // Read first: a bad reference fails before the (possibly long) run.
  const bool is_npz = _reference.ends_with(".npz");
  const auto entries =
      is_npz ? from_npz(npz::read(_reference), _reference) : from_torch(torch_archive::read(_reference), _reference);
  _driver->run();
  const auto & results = _driver->results();

  Worst worst;
  std::size_t values = 0, outside = 0;
  std::map<std::string, int> variables;
  for (const auto & e : entries)
  {
    // X~j at step k is X at step k - j (unless the driver records X~j itself).
    auto name = e.name;
    auto step = e.step;
    if (const auto [base, j] = drivers_detail::split_history(name);
        j > 0 && !(step < std::int64_t(results.size()) && results[std::size_t(step)].count(name)))
    {
      name = base;
      step -= j;
    }
    const auto where = fmt::format("'{}' at step {}", e.name, e.step);
    if (step < 0 || step >= std::int64_t(results.size()))
      throw ValueError(fmt::format("[Drivers/{}]: the reference has {}, but driver '{}' ran {} step(s)", this->name(),
                                   where, _driver->name(), results.size()));
    const auto & at_step = results[std::size_t(step)];
    const auto it = at_step.find(name);
    if (it == at_step.end())
    {
      std::vector<std::string> have;
      for (const auto & [n, v] : at_step)
        have.push_back(n);
      throw ValueError(fmt::format("[Drivers/{}]: the reference has {}, which driver '{}' does not record; it records: "
                                   "{}",
                                   this->name(), where, _driver->name(), fmt::join(have, ", ")));
    }
    const auto & got = it->second;
    const auto got_shape = got.shape();
    const auto shape = broadcast(got_shape, e.value.shape);
    if (!shape)
      throw ValueError(fmt::format("[Drivers/{}]: {} has shape {} here and {} in the reference", this->name(), where,
                                   shape_str(got_shape), shape_str(e.value.shape)));
    ++variables[e.name];
    std::vector<std::int64_t> idx(shape->size(), 0);
    for (std::int64_t k = 0, n = numel(*shape); k < n; ++k)
    {
      const double g = got.at(flat(got_shape, idx));
      const double r = e.value.values[static_cast<std::size_t>(flat(e.value.shape, idx))];
      const double excess = std::abs(g - r) - (_atol + _rtol * std::abs(r));
      ++values;
      if (!(excess <= 0)) // NaN in either is a mismatch, and the worst kind
      {
        const bool nan = std::isnan(excess);
        if (++outside == 1 || (nan && !worst.nan) || (!worst.nan && excess > worst.excess))
          worst = {excess, nan, e.name, e.step, idx, g, r};
      }
      for (std::size_t d = idx.size(); d-- > 0;)
      {
        if (++idx[d] < (*shape)[d])
          break;
        idx[d] = 0;
      }
    }
  }
  if (outside > 0)
    throw ValueError(fmt::format(
        "[Drivers/{}]: {} of {} value(s) differ from the reference '{}' by more than atol + rtol |ref| (atol {}, "
        "rtol {}); the worst: '{}' at step {}, index ({}): got {}, reference {} (|difference| {:.3g})",
        this->name(), outside, values, _reference, _atol, _rtol, worst.name, worst.step, fmt::join(worst.index, ", "),
        worst.got, worst.ref, std::abs(worst.got - worst.ref)));
  std::printf("[Drivers/%s]: driver '%s' matches '%s': %zu value(s) of %zu variable(s) at %zu step(s) within atol %g "
              "+ rtol %g |ref|\n",
              name().c_str(), _driver->name().c_str(), _reference.c_str(), values, variables.size(), results.size(),
              _atol, _rtol);
}

NEML2_REGISTER(Driver, TransientRegression);
} // namespace neml2

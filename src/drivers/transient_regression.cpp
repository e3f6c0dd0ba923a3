// TransientRegression: a TransientDriver's history against a reference (.pt or .npz).
#include "neml2/drivers/transient_regression.h"

#include <filesystem>

#include <fmt/format.h>

#include "driver_options.h"
#include "history_comparison.h"
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

  drivers_detail::HistoryComparison comparison(_driver->name(), _rtol, _atol);
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
    comparison.compare(e.name, e.step, it->second, e.value);
  }
  comparison.finish("[Drivers/" + name() + "]", "'" + _reference + "'", results.size());
}

NEML2_REGISTER(Driver, TransientRegression);
} // namespace neml2

// HistoryComparison: value-by-value comparison with broadcasting and the worst mismatch.
#include "history_comparison.h"

#include <cmath>
#include <cstdio>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "neml2/base/error.h"

namespace neml2::drivers_detail
{
namespace
{
/// The broadcast of two shapes (NumPy's rule), or nothing.
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
} // namespace

HistoryComparison::HistoryComparison(std::string driver, double rtol, double atol)
  : _driver(std::move(driver)),
    _rtol(rtol),
    _atol(atol)
{
}

void
HistoryComparison::compare(const std::string & name, std::int64_t step, const Tensor & got, const npz::Array & ref)
{
  const auto got_shape = got.shape();
  const auto shape = broadcast(got_shape, ref.shape);
  if (!shape)
    throw ValueError(fmt::format("'{}' at step {} has shape {} in driver '{}' and {} in the reference", name, step,
                                 shape_str(got_shape), _driver, shape_str(ref.shape)));
  ++_variables[name];
  std::vector<std::int64_t> idx(shape->size(), 0);
  for (std::int64_t k = 0, n = numel(*shape); k < n; ++k)
  {
    const double g = got.at(flat(got_shape, idx));
    const double r = ref.values[static_cast<std::size_t>(flat(ref.shape, idx))];
    const double excess = std::abs(g - r) - (_atol + _rtol * std::abs(r));
    ++_values;
    if (!(excess <= 0))
    {
      const bool nan = std::isnan(excess);
      if (++_outside == 1 || (nan && !_worst.nan) || (!_worst.nan && excess > _worst.excess))
        _worst = {excess, nan, name, step, idx, g, r};
    }
    for (std::size_t d = idx.size(); d-- > 0;)
    {
      if (++idx[d] < (*shape)[d])
        break;
      idx[d] = 0;
    }
  }
}

void
HistoryComparison::finish(const std::string & tested, const std::string & against, std::size_t steps) const
{
  if (_outside > 0)
    throw ValueError(fmt::format(
        "{}: {} of {} value(s) differ from {} by more than atol + rtol |ref| (atol {}, rtol {}); the worst: '{}' at "
        "step {}, index ({}): got {}, reference {} (|difference| {:.3g})",
        tested, _outside, _values, against, _atol, _rtol, _worst.name, _worst.step, fmt::join(_worst.index, ", "),
        _worst.got, _worst.ref, std::abs(_worst.got - _worst.ref)));
  std::printf("%s: driver '%s' matches %s: %zu value(s) of %zu variable(s) at %zu step(s) within atol %g + rtol %g "
              "|ref|\n",
              tested.c_str(), _driver.c_str(), against.c_str(), _values, _variables.size(), steps, _atol, _rtol);
}

npz::Array
to_array(const Tensor & t)
{
  npz::Array a{t.shape(), {}};
  a.values.reserve(static_cast<std::size_t>(t.numel()));
  for (std::int64_t i = 0; i < t.numel(); ++i)
    a.values.push_back(t.at(i));
  return a;
}
} // namespace neml2::drivers_detail

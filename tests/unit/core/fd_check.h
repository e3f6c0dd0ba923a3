// Generic checks for any Model: jacobian() against central finite differences of value(),
// jvp() against J·v, and batched (broadcast) evaluation against point-by-point evaluation.
#pragma once

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "neml2/models/model.h"
#include "test_util.h"

namespace neml2::test
{
/// The interval random values of one input are drawn from (choose it so the model is smooth there).
struct Range
{
  double lo = -1.0, hi = 1.0;
};

/// Random values for every input variable of `m`: batch shape `batch` unless `batches` names
/// another for that input; values in `ranges[name]` (default [-1, 1)).
inline ValueMap
random_inputs(const Model & m, const Shape & batch, const std::map<std::string, Range> & ranges = {}, unsigned seed = 1,
              const std::map<std::string, Shape> & batches = {})
{
  ValueMap in;
  for (const auto & v : m.input_spec())
  {
    auto r = ranges.count(v.name) ? ranges.at(v.name) : Range{};
    auto b = batches.count(v.name) ? batches.at(v.name) : batch;
    in[v.name] = random_tensor(b, v.shape(), r.lo, r.hi, seed++);
  }
  return in;
}

struct FdTolerance
{
  double rel_step = 1e-6;  ///< step = rel_step * max(|x|, max |x| over the input)
  double rtol = 1e-6;      ///< |J - FD| <= rtol (|J| + max |J| over the block) + noise floor
  double jvp_rtol = 1e-12; ///< |jvp - J v| <= jvp_rtol * sum |J_ij v_j|
};

namespace detail
{
inline double
max_abs(const Tensor & t)
{
  double m = 0;
  for (std::int64_t i = 0; i < t.numel(); ++i)
    m = std::max(m, std::abs(t.at(i)));
  return m;
}

/// Reports the first few mismatches of one check in detail and the rest as a count.
struct Failures
{
  std::string what;
  int count = 0;
  void add(const std::string & msg)
  {
    if (++count <= 5)
      ADD_FAILURE() << what << ": " << msg;
  }
  ~Failures()
  {
    if (count > 5)
      ADD_FAILURE() << what << ": " << count - 5 << " more mismatch(es)";
  }
};

inline void
expect_identical(const ValueMap & a, const ValueMap & b, const std::string & what)
{
  Failures f{what};
  for (const auto & [name, t] : a)
  {
    ASSERT_TRUE(b.count(name)) << what << ": missing output " << name;
    const auto & u = b.at(name);
    ASSERT_EQ(t.shape(), u.shape()) << what << ": " << name;
    for (std::int64_t i = 0; i < t.numel(); ++i)
      if (t.at(i) != u.at(i))
        f.add(fmt::format("{}[{}] = {} vs {}", name, i, t.at(i), u.at(i)));
  }
}
} // namespace detail

/**
 * Checks, for inputs that share one batch shape: value(), jvp() and jacobian() agree on the
 * outputs bit for bit; every Jacobian block matches central differences of value(); jvp() with
 * a random tangent for every input (and with only the first input's tangent) equals J·v.
 */
inline void
check_derivatives(Model & m, const ValueMap & inputs, const FdTolerance & tol = {}, unsigned seed = 99)
{
  SCOPED_TRACE("model " + m.name());
  const auto value = m.value(inputs);
  auto [jvalue, J] = m.jacobian(inputs);
  detail::expect_identical(value, jvalue, "jacobian() values vs value()");
  Shape batch;
  for (const auto & [n, t] : inputs)
    batch = t.batch_shape();
  const auto npts = numel(batch);

  // Jacobian against central differences, one input component at a time (all points at once).
  for (const auto & in : m.input_spec())
  {
    const auto & x = inputs.at(in.name);
    ASSERT_EQ(x.batch_shape(), batch) << "check_derivatives needs one batch shape for all inputs";
    const auto nk = x.base_numel();
    const double typical = detail::max_abs(x) > 0 ? detail::max_abs(x) : 1.0;
    for (std::int64_t k = 0; k < nk; ++k)
    {
      auto xp = x.clone(), xm = x.clone();
      std::vector<double> step(static_cast<std::size_t>(npts));
      for (std::int64_t p = 0; p < npts; ++p)
      {
        const auto i = p * nk + k;
        const double h = tol.rel_step * std::max(std::abs(x.at(i)), typical);
        xp.set(i, x.at(i) + h);
        xm.set(i, x.at(i) - h);
        step[static_cast<std::size_t>(p)] = xp.at(i) - xm.at(i); // the step actually taken
      }
      auto ip = inputs, im = inputs;
      ip[in.name] = xp;
      im[in.name] = xm;
      const auto fp = m.value(ip), fm = m.value(im);
      for (const auto & out : m.output_spec())
      {
        const auto & block = J.at(out.name).at(in.name);
        const auto na = numel(out.shape());
        ASSERT_EQ(block.batch_numel() * block.base_numel(), npts * na * nk);
        const double bscale = detail::max_abs(block);
        const double noise = 1e-8 * detail::max_abs(value.at(out.name)) / typical;
        detail::Failures f{fmt::format("d({})/d({}) vs finite differences", out.name, in.name)};
        for (std::int64_t p = 0; p < npts; ++p)
          for (std::int64_t a = 0; a < na; ++a)
          {
            const double fd =
                (fp.at(out.name).at(p * na + a) - fm.at(out.name).at(p * na + a)) / step[static_cast<std::size_t>(p)];
            const double j = block.at((p * na + a) * nk + k);
            if (!(std::abs(j - fd) <= tol.rtol * (std::abs(j) + bscale) + noise))
              f.add(fmt::format("point {}, [{}][{}]: jacobian {} vs finite difference {}", p, a, k, j, fd));
          }
      }
    }
  }

  // jvp against J·v, with every tangent given and with only the first one (the rest count as 0).
  ValueMap tangents;
  for (const auto & in : m.input_spec())
    tangents[in.name] = random_tensor(batch, in.shape(), -1.0, 1.0, seed++);
  for (int only_first = 0; only_first < 2 && !tangents.empty(); ++only_first)
  {
    ValueMap given = tangents;
    if (only_first)
      given = {{m.input_spec()[0].name, tangents.at(m.input_spec()[0].name)}};
    auto [jv_value, jv] = m.jvp(inputs, given);
    detail::expect_identical(value, jv_value, "jvp() values vs value()");
    for (const auto & out : m.output_spec())
    {
      const auto na = numel(out.shape());
      ASSERT_TRUE(jv.count(out.name)) << "jvp() gave no tangent for " << out.name;
      detail::Failures f{fmt::format("jvp of {} vs J·v{}", out.name, only_first ? " (first tangent only)" : "")};
      for (std::int64_t p = 0; p < npts; ++p)
        for (std::int64_t a = 0; a < na; ++a)
        {
          double sum = 0, scale = 0;
          for (const auto & [name, v] : given)
          {
            const auto & block = J.at(out.name).at(name);
            const auto nk = v.base_numel();
            for (std::int64_t k = 0; k < nk; ++k)
            {
              const double term = block.at((p * na + a) * nk + k) * v.at(p * nk + k);
              sum += term;
              scale += std::abs(term);
            }
          }
          const double got = jv.at(out.name).at(p * na + a);
          if (!(std::abs(got - sum) <= tol.jvp_rtol * scale))
            f.add(fmt::format("point {}, [{}]: jvp {} vs J·v {}", p, a, got, sum));
        }
    }
  }
}

/**
 * Checks every parameter derivative: parameter_jacobian() against central differences of
 * value() in each parameter component (each parameter is perturbed at every point at once).
 * Parameters coupled to variables are inputs and are checked by check_derivatives.
 */
inline void
check_parameter_derivatives(Model & m, const ValueMap & inputs, const FdTolerance & tol = {})
{
  SCOPED_TRACE("model " + m.name() + ", parameter derivatives");
  std::vector<std::string> names;
  std::vector<const ParameterSpec *> seen;
  for (const auto & [name, spec] : m.named_parameters())
    if (std::find(seen.begin(), seen.end(), spec) == seen.end())
    {
      seen.push_back(spec);
      names.push_back(name);
    }
  ASSERT_FALSE(names.empty()) << "the model has no parameters to check";
  const auto [value, J] = m.parameter_jacobian(inputs, names);
  for (const auto & name : names)
  {
    auto & p = m.parameter(name);
    const auto original = p.clone();
    ASSERT_EQ(original.batch_numel(), 1) << "check_parameter_derivatives perturbs unbatched parameters only";
    const auto nk = original.base_numel();
    const double typical = detail::max_abs(original) > 0 ? detail::max_abs(original) : 1.0;
    for (std::int64_t k = 0; k < nk; ++k)
    {
      const double h = tol.rel_step * std::max(std::abs(original.at(k)), typical);
      auto up = original.clone(), down = original.clone();
      up.set(k, original.at(k) + h);
      down.set(k, original.at(k) - h);
      const double step = up.at(k) - down.at(k);
      p = up;
      const auto fp = m.value(inputs);
      p = down;
      const auto fm = m.value(inputs);
      p = original;
      for (const auto & out : m.output_spec())
      {
        const auto & block = J.at(out.name).at(name);
        const auto & f = value.at(out.name);
        const auto na = numel(out.shape());
        const auto npts = f.batch_numel();
        ASSERT_EQ(block.numel(), npts * na * nk) << "d(" << out.name << ")/d(" << name << ")";
        const double bscale = detail::max_abs(block);
        const double noise = 1e-8 * detail::max_abs(f) / typical;
        detail::Failures fails{fmt::format("d({})/d({}) vs finite differences", out.name, name)};
        for (std::int64_t q = 0; q < npts; ++q)
          for (std::int64_t a = 0; a < na; ++a)
          {
            const double fd = (fp.at(out.name).at(q * na + a) - fm.at(out.name).at(q * na + a)) / step;
            const double j = block.at((q * na + a) * nk + k);
            if (!(std::abs(j - fd) <= tol.rtol * (std::abs(j) + bscale) + noise))
              fails.add(fmt::format("point {}, [{}][{}]: derivative {} vs finite difference {}", q, a, k, j, fd));
          }
      }
    }
  }
}

/// check_derivatives, then check_parameter_derivatives when the model has parameters.
inline void
check_input_and_parameter_derivatives(Model & m, const ValueMap & inputs, const FdTolerance & tol = {})
{
  check_derivatives(m, inputs, tol);
  if (!m.named_parameters().empty())
    check_parameter_derivatives(m, inputs, tol);
}

/// The value of point `index` (a multi-index into `batch`) of `t`, broadcast like NumPy.
inline Tensor
point_of(const Tensor & t, const Shape & batch, const Shape & index)
{
  const auto & b = t.batch_shape();
  const auto off = batch.size() - b.size();
  std::int64_t flat = 0;
  for (std::size_t d = 0; d < b.size(); ++d)
    flat = flat * b[d] + (b[d] == 1 ? 0 : index[off + d]);
  auto all = t.to_vector();
  const auto n = t.base_numel();
  return Tensor::from_values({}, t.base_shape(),
                             std::vector<double>(all.begin() + flat * n, all.begin() + (flat + 1) * n));
}

/**
 * Evaluates `inputs` (any broadcastable batch shapes) in one call, then every point on its
 * own (batched parameters too), and expects identical values and Jacobian blocks; checks the
 * output batch shape is `expected_batch`.
 */
inline void
check_pointwise(Model & m, const ValueMap & inputs, const Shape & expected_batch)
{
  SCOPED_TRACE("model " + m.name());
  auto [value, J] = m.jacobian(inputs);
  for (const auto & [n, t] : value)
    ASSERT_EQ(t.batch_shape(), expected_batch) << "output " << n;
  const auto npts = numel(expected_batch);
  std::map<std::string, std::pair<ParameterSpec *, Tensor>> batched;
  for (auto & [n, p] : m.named_parameters())
    if (!p->value.batch_shape().empty())
      batched[n] = {p, p->value};
  detail::Failures f{"batched vs point-by-point"};
  for (std::int64_t p = 0; p < npts; ++p)
  {
    Shape index(expected_batch.size());
    for (std::int64_t r = p, d = static_cast<std::int64_t>(index.size()) - 1; d >= 0; --d)
    {
      index[static_cast<std::size_t>(d)] = r % expected_batch[static_cast<std::size_t>(d)];
      r /= expected_batch[static_cast<std::size_t>(d)];
    }
    ValueMap pin;
    for (const auto & [n, t] : inputs)
      pin[n] = point_of(t, expected_batch, index);
    for (auto & [n, param] : batched) // batched parameters take their value at this point too
      param.first->value = point_of(param.second, expected_batch, index);
    auto [pv, pJ] = m.jacobian(pin);
    auto compare = [&](const Tensor & all, const Tensor & one, const std::string & what) {
      const auto n = one.numel();
      ASSERT_EQ(one.batch_numel(), 1) << what;
      ASSERT_EQ(all.base_numel(), n) << what;
      for (std::int64_t i = 0; i < n; ++i)
        if (all.at(p * n + i) != one.at(i))
          f.add(fmt::format("{} at point {} component {}: {} vs {}", what, p, i, all.at(p * n + i), one.at(i)));
    };
    for (const auto & [n, t] : value)
      compare(t, pv.at(n), n);
    for (const auto & [o, row] : J)
      for (const auto & [i, block] : row)
        compare(block, pJ.at(o).at(i), "d(" + o + ")/d(" + i + ")");
  }
  for (auto & [n, param] : batched)
    param.first->value = param.second;
}

/// check_pointwise on random inputs of every batch shape (), (1,), (7,), (3, 5).
inline void
check_batch_shapes(Model & m, const std::map<std::string, Range> & ranges = {})
{
  for (const Shape & b : {Shape{}, Shape{1}, Shape{7}, Shape{3, 5}})
  {
    SCOPED_TRACE("batch shape " + shape_str(b));
    check_pointwise(m, random_inputs(m, b, ranges, 7), b);
  }
}

/// Relative closeness for hand-worked values.
inline ::testing::AssertionResult
near_rel(double got, double want, double rtol = 1e-12)
{
  if (std::abs(got - want) <= rtol * std::max(std::abs(want), 1e-300))
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << fmt::format("{:.17g} vs expected {:.17g} (rel. diff {:.3g})", got, want,
                                                      std::abs(got - want) / std::abs(want));
}
} // namespace neml2::test

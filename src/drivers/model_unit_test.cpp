// ModelUnitTest: outputs and derivatives of a model at given inputs, against given values and
// central differences.
#include "neml2/drivers/model_unit_test.h"

#include <cmath>
#include <cstdio>
#include <functional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "driver_options.h"
#include "neml2/base/error.h"

namespace neml2
{
using namespace drivers_detail;

OptionSchema
ModelUnitTest::expected_options()
{
  auto s = OptionSchema().doc(
      "Checks a model at given inputs: its outputs against given values, and (check_derivatives) every block of its "
      "Jacobian against central differences of its outputs; fails naming the worst mismatch.");
  s.required("model", OptionKind::String, "the model to check");
  for (const auto & [k, t] : driven_types())
    s.optional("input_" + t + "_names", OptionKind::Strings, "", t + " inputs of the model")
        .optional("input_" + t + "_values", OptionKind::Strings, "", "their values: numbers or [Tensors] names")
        .optional("output_" + t + "_names", OptionKind::Strings, "", t + " outputs to check")
        .optional("output_" + t + "_values", OptionKind::Strings, "", "their expected values: numbers or [Tensors]");
  s.optional("value_rel_tol", OptionKind::Real, "1e-5", "relative tolerance of the output values")
      .optional("value_abs_tol", OptionKind::Real, "1e-8", "absolute tolerance of the output values")
      .optional("check_derivatives", OptionKind::Bool, "true",
                "compare d(output)/d(input) with central differences of the outputs")
      .optional("derivative_rel_tol", OptionKind::Real, "1e-5", "relative tolerance of the derivatives")
      .optional("derivative_abs_tol", OptionKind::Real, "1e-8", "absolute tolerance of the derivatives")
      .optional("check_parameter_derivatives", OptionKind::Bool, "false",
                "also compare d(output)/d(parameter), for every parameter, with central differences")
      .optional("parameter_derivative_rel_tol", OptionKind::Real, "1e-5",
                "relative tolerance of the parameter derivatives")
      .optional("parameter_derivative_abs_tol", OptionKind::Real, "1e-8",
                "absolute tolerance of the parameter derivatives");
  return s;
}

ModelUnitTest::ModelUnitTest(const Options & o, Factory & factory)
  : Driver(o),
    _model(factory.get_model(o.get_string("model"))),
    _rtol(o.get_real("value_rel_tol")),
    _atol(o.get_real("value_abs_tol")),
    _drtol(o.get_real("derivative_rel_tol")),
    _datol(o.get_real("derivative_abs_tol")),
    _prtol(o.get_real("parameter_derivative_rel_tol")),
    _patol(o.get_real("parameter_derivative_abs_tol")),
    _check_derivatives(o.get_bool("check_derivatives")),
    _check_parameter_derivatives(o.get_bool("check_parameter_derivatives"))
{
  for (auto & p : read_pairs(o, factory, "input", "", false))
  {
    const auto * v = _model->find_input(p.name);
    if (!v)
      throw o.error(p.option, fmt::format("'{}' is not an input of model '{}'", p.name, _model->name()));
    if (v->type != p.type)
      throw o.error(p.option,
                    fmt::format("model '{}' takes '{}' as {}", _model->name(), p.name, type_with_article(v->type)));
    _inputs[p.name] = p.value;
  }
  std::vector<std::string> missing;
  for (const auto & v : _model->input_spec())
    if (!_inputs.count(v.name))
      missing.push_back(fmt::format("'{}' ({})", v.name, type_name(v.type)));
  if (!missing.empty())
    throw o.error("model", fmt::format("model '{}' has inputs without a value: {}; give them with "
                                       "input_<Type>_names/values",
                                       _model->name(), fmt::join(missing, ", ")));
  for (auto & p : read_pairs(o, factory, "output", "", false))
  {
    const auto * v = _model->find_output(p.name);
    if (!v)
      throw o.error(p.option, fmt::format("'{}' is not an output of model '{}'", p.name, _model->name()));
    if (v->type != p.type)
      throw o.error(p.option,
                    fmt::format("model '{}' gives '{}' as {}", _model->name(), p.name, type_with_article(v->type)));
    _expected[p.name] = p.value;
  }
}

namespace
{
/// The worst entry of `got` against `want` (broadcast against each other) under |got - want| <=
/// atol + rtol |want|: its flat index and how far past the tolerance it is (<= 1: within).
struct Worst
{
  std::int64_t index = -1;
  double excess = 0, got = 0, want = 0;
};

Worst
compare(const Tensor & got, const Tensor & want, double rtol, double atol, const std::string & what)
{
  const auto batch = broadcast_batch_shapes({got.batch_shape(), want.batch_shape()}, what);
  const auto g = got.expand_batch(batch), w = want.expand_batch(batch);
  Worst worst;
  for (std::int64_t i = 0; i < g.numel(); ++i)
  {
    const double a = g.at(i), b = w.at(i);
    // Equal values (zeros and NaNs included) are within any tolerance; a zero tolerance
    // rejects every other difference rather than dividing 0 by 0.
    double excess = 0;
    if (std::isnan(a) != std::isnan(b))
      excess = INFINITY;
    else if (!std::isnan(a) && a != b)
    {
      const double allowed = atol + rtol * std::abs(b);
      excess = allowed > 0 ? std::abs(a - b) / allowed : INFINITY;
    }
    if (worst.index < 0 || excess > worst.excess)
      worst = {i, excess, a, b};
  }
  return worst;
}

/// "point 3, component 2" for flat index `i` of a tensor with `base` components per point.
std::string
where(std::int64_t i, std::int64_t base)
{
  return base == 1 ? fmt::format("point {}", i) : fmt::format("point {}, component {}", i / base, i % base);
}
} // namespace

void
ModelUnitTest::check_values(const ValueMap & outputs) const
{
  for (const auto & [name, want] : _expected)
  {
    const auto & got = outputs.at(name);
    if (got.base_shape() != want.base_shape())
      throw ValueError(fmt::format("[Drivers/{}]: output '{}' has base shape {}, the expected value {}", this->name(),
                                   name, shape_str(got.base_shape()), shape_str(want.base_shape())));
    const auto w = compare(got, want, _rtol, _atol, "output '" + name + "' and its expected value");
    if (w.excess > 1)
      throw ValueError(fmt::format("[Drivers/{}]: output '{}' of model '{}' differs at {}: got {}, expected {} "
                                   "(|difference| {:.3g} > value_abs_tol + value_rel_tol |expected| = {:.3g})",
                                   this->name(), name, _model->name(), where(w.index, got.base_numel()), w.got, w.want,
                                   std::abs(w.got - w.want), _atol + _rtol * std::abs(w.want)));
  }
}

namespace
{
/// Central differences of every output with respect to each component of `x` (all points at
/// once: points are independent): columns[output][c]. `evaluate(x')` gives the outputs with x
/// replaced by x'. The step is relative (1e-6 max(1, |x|)) and per point.
std::map<std::string, std::vector<Tensor>>
central_differences(const Tensor & x, const std::function<ValueMap(const Tensor &)> & evaluate,
                    const std::vector<VariableSpec> & outputs)
{
  const auto ni = x.base_numel();
  std::map<std::string, std::vector<Tensor>> columns;
  for (std::int64_t c = 0; c < ni; ++c)
  {
    auto plus = x.clone(), minus = x.clone();
    std::vector<double> h(static_cast<std::size_t>(x.batch_numel()));
    for (std::int64_t p = 0; p < x.batch_numel(); ++p)
    {
      const double xv = x.at(p * ni + c);
      h[static_cast<std::size_t>(p)] = 1e-6 * std::max(1.0, std::abs(xv));
      plus.set(p * ni + c, xv + h[static_cast<std::size_t>(p)]);
      minus.set(p * ni + c, xv - h[static_cast<std::size_t>(p)]);
    }
    const auto up = evaluate(plus), down = evaluate(minus);
    for (const auto & out : outputs)
    {
      const auto & a = up.at(out.name);
      const auto & b = down.at(out.name);
      auto d = a.clone();
      const auto no = a.base_numel();
      for (std::int64_t p = 0; p < a.batch_numel(); ++p)
      {
        // The step of the point of x feeding output point p (x's only point when x is unbatched).
        const double hp = h[static_cast<std::size_t>(x.batch_numel() == 1 ? 0 : p % x.batch_numel())];
        for (std::int64_t i = 0; i < no; ++i)
          d.set(p * no + i, (a.at(p * no + i) - b.at(p * no + i)) / (2 * hp));
      }
      columns[out.name].push_back(d);
    }
  }
  return columns;
}
} // namespace

void
ModelUnitTest::compare_with_differences(const DerivativeMap & J, const std::string & wrt, std::int64_t ni,
                                        const std::map<std::string, std::vector<Tensor>> & columns,
                                        const Tolerance & tol) const
{
  for (const auto & out : _model->output_spec())
  {
    const auto & cols = columns.at(out.name);
    const auto no = cols.front().base_numel();
    // The analytic block, zero where the model reports none.
    Tensor block;
    if (auto it = J.find(out.name); it != J.end() && it->second.count(wrt))
      block = it->second.at(wrt);
    for (std::int64_t c = 0; c < ni; ++c)
    {
      const auto & col = cols[static_cast<std::size_t>(c)];
      auto analytic = col.clone();
      for (std::int64_t p = 0; p < col.batch_numel(); ++p)
        for (std::int64_t i = 0; i < no; ++i)
        {
          double v = 0;
          if (block.defined())
          {
            const auto bp = block.batch_numel() == 1 ? 0 : p;
            v = block.at((bp * no + i) * ni + c);
          }
          analytic.set(p * no + i, v);
        }
      const auto w = compare(analytic, col, tol.rel, tol.abs, "a derivative");
      if (w.excess > 1)
        throw ValueError(fmt::format(
            "[Drivers/{}]: d({})/d({}) of model '{}' differs from central differences at point {}, entry ({}, {}): "
            "analytic {}, finite difference {} (|difference| {:.3g} > {} + {} |finite difference| = {:.3g})",
            this->name(), out.name, wrt, _model->name(), w.index / no, w.index % no, c, w.got, w.want,
            std::abs(w.got - w.want), tol.abs_option, tol.rel_option, tol.abs + tol.rel * std::abs(w.want)));
    }
  }
}

void
ModelUnitTest::check_derivatives() const
{
  const auto J = _model->jacobian(_inputs).second;
  const Tolerance tol{_drtol, _datol, "derivative_rel_tol", "derivative_abs_tol"};
  for (const auto & in : _model->input_spec())
  {
    const auto & x = _inputs.at(in.name);
    const auto columns = central_differences(
        x,
        [&](const Tensor & xp) {
          auto inputs = _inputs;
          inputs[in.name] = xp;
          return _model->value(inputs);
        },
        _model->output_spec());
    compare_with_differences(J, in.name, x.base_numel(), columns, tol);
  }
}

void
ModelUnitTest::check_parameter_derivatives() const
{
  // Each parameter once, under the name graphs use (aliases share one spec).
  std::vector<std::string> names;
  std::vector<const ParameterSpec *> seen;
  for (const auto & [name, spec] : _model->named_parameters())
    if (std::find(seen.begin(), seen.end(), spec) == seen.end())
    {
      seen.push_back(spec);
      names.push_back(name);
    }
  if (names.empty())
    return;
  const auto J = _model->parameter_jacobian(_inputs, names).second;
  const Tolerance tol{_prtol, _patol, "parameter_derivative_rel_tol", "parameter_derivative_abs_tol"};
  for (const auto & name : names)
  {
    auto & value = _model->parameter(name);
    const auto original = value.clone();
    std::map<std::string, std::vector<Tensor>> columns;
    try
    {
      columns = central_differences(
          original,
          [&](const Tensor & p) {
            value = p;
            return _model->value(_inputs);
          },
          _model->output_spec());
    }
    catch (...)
    {
      value = original;
      throw;
    }
    value = original;
    compare_with_differences(J, name, original.base_numel(), columns, tol);
  }
}

void
ModelUnitTest::run()
{
  check_values(_model->value(_inputs));
  if (_check_derivatives)
    check_derivatives();
  if (_check_parameter_derivatives)
    check_parameter_derivatives();
  std::printf("[Drivers/%s]: model '%s' passed: %zu output(s) checked%s%s\n", name().c_str(), _model->name().c_str(),
              _expected.size(), _check_derivatives ? ", every derivative against central differences" : "",
              _check_parameter_derivatives ? ", every parameter derivative too" : "");
}

NEML2_REGISTER(Driver, ModelUnitTest);
} // namespace neml2

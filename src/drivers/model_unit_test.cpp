// ModelUnitTest: outputs and derivatives of a model at given inputs, against given values and
// central differences.
#include "neml2/drivers/model_unit_test.h"

#include <cmath>
#include <cstdio>

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
      .optional("derivative_abs_tol", OptionKind::Real, "1e-8", "absolute tolerance of the derivatives");
  return s;
}

ModelUnitTest::ModelUnitTest(const Options & o, Factory & factory)
  : Driver(o),
    _model(factory.get_model(o.get_string("model"))),
    _rtol(o.get_real("value_rel_tol")),
    _atol(o.get_real("value_abs_tol")),
    _drtol(o.get_real("derivative_rel_tol")),
    _datol(o.get_real("derivative_abs_tol")),
    _check_derivatives(o.get_bool("check_derivatives"))
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
    const double excess = std::isnan(a) != std::isnan(b) ? INFINITY : std::abs(a - b) / (atol + rtol * std::abs(b));
    if (!(excess <= worst.excess) || worst.index < 0)
      worst = {i, std::isnan(a) && std::isnan(b) ? 0.0 : excess, a, b};
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

void
ModelUnitTest::check_derivatives(const ValueMap & outputs) const
{
  const auto [values, J] = _model->jacobian(_inputs);
  for (const auto & in : _model->input_spec())
  {
    const auto & x = _inputs.at(in.name);
    const auto ni = x.base_numel();
    // Central differences, component by component (every point at once: points are independent).
    std::map<std::string, std::vector<Tensor>> fd; // output -> one tensor per input component
    for (std::int64_t c = 0; c < ni; ++c)
    {
      ValueMap plus = _inputs, minus = _inputs;
      plus[in.name] = x.clone();
      minus[in.name] = x.clone();
      std::vector<double> h(static_cast<std::size_t>(x.batch_numel()));
      for (std::int64_t p = 0; p < x.batch_numel(); ++p)
      {
        const double xv = x.at(p * ni + c);
        h[static_cast<std::size_t>(p)] = 1e-6 * std::max(1.0, std::abs(xv));
        plus[in.name].set(p * ni + c, xv + h[static_cast<std::size_t>(p)]);
        minus[in.name].set(p * ni + c, xv - h[static_cast<std::size_t>(p)]);
      }
      const auto up = _model->value(plus), down = _model->value(minus);
      for (const auto & out : _model->output_spec())
      {
        const auto & a = up.at(out.name);
        const auto & b = down.at(out.name);
        auto d = a.clone();
        const auto no = a.base_numel();
        for (std::int64_t p = 0; p < a.batch_numel(); ++p)
          for (std::int64_t i = 0; i < no; ++i)
          {
            // The step of the input point feeding output point p (one point when unbatched).
            const double hp = h[static_cast<std::size_t>(x.batch_numel() == 1 ? 0 : p % x.batch_numel())];
            d.set(p * no + i, (a.at(p * no + i) - b.at(p * no + i)) / (2 * hp));
          }
        fd[out.name].push_back(d);
      }
    }
    for (const auto & out : _model->output_spec())
    {
      const auto no = outputs.at(out.name).base_numel();
      const auto & cols = fd.at(out.name);
      // The analytic block, zero where the model reports none.
      Tensor block;
      if (auto it = J.find(out.name); it != J.end() && it->second.count(in.name))
        block = it->second.at(in.name);
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
        const auto w = compare(analytic, col, _drtol, _datol, "a derivative");
        if (w.excess > 1)
          throw ValueError(fmt::format(
              "[Drivers/{}]: d({})/d({}) of model '{}' differs from central differences at point {}, entry ({}, {}): "
              "analytic {}, finite difference {} (|difference| {:.3g} > derivative_abs_tol + derivative_rel_tol "
              "|finite difference| = {:.3g})",
              this->name(), out.name, in.name, _model->name(), w.index / no, w.index % no, c, w.got, w.want,
              std::abs(w.got - w.want), _datol + _drtol * std::abs(w.want)));
      }
    }
  }
}

void
ModelUnitTest::run()
{
  const auto outputs = _model->value(_inputs);
  check_values(outputs);
  if (_check_derivatives)
    check_derivatives(outputs);
  std::printf("[Drivers/%s]: model '%s' passed: %zu output(s) checked%s\n", name().c_str(), _model->name().c_str(),
              _expected.size(), _check_derivatives ? ", every derivative against central differences" : "");
}

NEML2_REGISTER(Driver, ModelUnitTest);
} // namespace neml2

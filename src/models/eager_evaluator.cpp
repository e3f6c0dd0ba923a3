// EagerEvaluator: per-dtype graph cache, argument binding and input checks; run_graph.
#include "neml2/models/eager_evaluator.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "neml2/eager/interpreter.h"
#include "neml2/graph/autodiff.h"
#include "neml2/hit/nearest.h"
#include "neml2/models/model.h"

namespace neml2
{
namespace
{
/// The values and Jacobian blocks of a with_jacobian graph's outputs, by name.
std::pair<ValueMap, DerivativeMap>
split_jacobian_outputs(const graph::Graph & g, const std::vector<Tensor> & outs)
{
  std::pair<ValueMap, DerivativeMap> result;
  for (std::size_t i = 0; i < outs.size(); ++i)
  {
    const auto & o = g.outputs()[i];
    if (o.kind == graph::OutputKind::Value)
      result.first[o.name] = outs[i];
    else
      result.second[o.name][o.wrt] = outs[i];
  }
  return result;
}
} // namespace

EagerEvaluator::EagerEvaluator(const Model & model)
  : _model(model)
{
}

const graph::Graph &
EagerEvaluator::cached(Dtype dtype, Form form)
{
  std::lock_guard lock(_cache_mutex);
  auto & c = _cache[dtype];
  if (!c.forward)
    c.forward = std::make_unique<graph::Graph>(_model.forward_graph(dtype));
  if (form == Form::Forward)
    return *c.forward;
  std::vector<std::string> ins;
  for (const auto & v : _model.input_spec())
    ins.push_back(v.name);
  if (form == Form::Jvp)
  {
    if (!c.jvp)
      c.jvp = std::make_unique<graph::Graph>(graph::with_jvp(*c.forward, ins));
    return *c.jvp;
  }
  if (!c.jacobian)
  {
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const auto & o : _model.output_spec())
      for (const auto & i : ins)
        pairs.emplace_back(o.name, i);
    c.jacobian = std::make_unique<graph::Graph>(graph::with_jacobian(*c.forward, pairs));
  }
  return *c.jacobian;
}

const graph::Graph &
EagerEvaluator::cached_parameter_jacobian(Dtype dtype, const std::vector<std::string> & parameters, bool with_inputs)
{
  cached(dtype, Form::Forward);
  std::lock_guard lock(_cache_mutex);
  auto & c = _cache[dtype];
  auto & g = c.parameter_jacobian[{parameters, with_inputs}];
  if (!g)
  {
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const auto & o : _model.output_spec())
    {
      if (with_inputs)
        for (const auto & v : _model.input_spec())
          pairs.emplace_back(o.name, v.name);
      for (const auto & p : parameters)
      {
        const auto & args = c.forward->arguments();
        if (std::none_of(args.begin(), args.end(),
                         [&](const auto & a) { return a.kind == graph::ArgKind::Parameter && a.name == p; }))
          throw ValueError(fmt::format("'{}' is not a parameter that model '{}' computes with", p, _model.name()));
        pairs.emplace_back(o.name, p);
      }
    }
    g = std::make_unique<graph::Graph>(graph::with_jacobian(*c.forward, pairs));
  }
  return *g;
}

void
EagerEvaluator::check_inputs(const ValueMap & inputs, const char * what) const
{
  for (const auto & [name, t] : inputs)
  {
    const auto * spec = _model.find_input(name);
    if (!spec)
    {
      std::vector<std::string> names;
      for (const auto & v : _model.input_spec())
        names.push_back(v.name);
      auto near = hit::nearest(name, names);
      throw ValueError(fmt::format("model '{}' has no input variable '{}' ({}){}; its inputs are: {}", _model.name(),
                                   name, what, near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near),
                                   fmt::join(names, ", ")));
    }
    if (!t.defined())
      throw ValueError(fmt::format("{} '{}' of model '{}' is an undefined tensor", what, name, _model.name()));
    if (spec->sub_batch_pending)
    {
      // An element-wise model used on its own (a slip rule given resolved shears, say) takes the
      // sub-batch of the first value it is given: the base dims before the type's own.
      const auto base = base_shape(spec->type);
      const auto & got = t.base_shape();
      if (got.size() >= base.size() &&
          std::equal(base.begin(), base.end(), got.end() - static_cast<std::ptrdiff_t>(base.size())))
        const_cast<Model &>(_model).resolve_sub_batch(
            name, Shape(got.begin(), got.end() - static_cast<std::ptrdiff_t>(base.size())));
    }
    if (t.base_shape() != spec->shape())
      throw ValueError(fmt::format("{} '{}' of model '{}' must be a {} with base shape {}, got a tensor of shape {} "
                                   "whose trailing dims are {}",
                                   what, name, _model.name(), type_name(spec->type), shape_str(spec->shape()),
                                   shape_str(t.shape()), shape_str(t.base_shape())));
  }
}

Dtype
EagerEvaluator::input_dtype(const ValueMap & inputs) const
{
  std::optional<Dtype> d;
  for (const auto & [name, t] : inputs)
  {
    if (d && *d != t.dtype())
      throw ValueError(fmt::format("inputs of model '{}' mix dtypes: '{}' is {} but others are {}", _model.name(), name,
                                   dtype_name(t.dtype()), dtype_name(*d)));
    d = t.dtype();
  }
  return d.value_or(Dtype::Float64);
}

std::vector<Tensor>
EagerEvaluator::bind_arguments(const graph::Graph & g, const ValueMap & inputs, const ValueMap * tangents) const
{
  std::vector<Tensor> args;
  // named_parameters() is non-const only because it hands out editable specs; this only reads.
  auto params = const_cast<Model &>(_model).named_parameters();
  for (const auto & a : g.arguments())
  {
    switch (a.kind)
    {
      case graph::ArgKind::Variable:
      {
        auto it = inputs.find(a.name);
        if (it == inputs.end())
          throw ValueError(fmt::format("model '{}' needs the input variable '{}' ({}), which was not given",
                                       _model.name(), a.name, a.type ? type_name(*a.type) : "block"));
        args.push_back(it->second);
        break;
      }
      case graph::ArgKind::Parameter:
      {
        auto it = std::find_if(params.begin(), params.end(), [&](const auto & p) { return p.first == a.name; });
        NEML2_ASSERT(it != params.end(), "graph parameter '{}' is not a parameter of '{}'", a.name, _model.name());
        args.push_back(it->second->value.to(g.dtype()));
        break;
      }
      case graph::ArgKind::Tangent:
      {
        auto it = tangents ? tangents->find(a.name) : ValueMap::const_iterator{};
        if (tangents && it != tangents->end())
          args.push_back(it->second);
        else
          args.push_back(Tensor::zeros({}, a.base_shape, g.dtype()));
        break;
      }
    }
  }
  return args;
}

ValueMap
EagerEvaluator::value(const ValueMap & inputs)
{
  check_inputs(inputs, "input");
  const auto & g = cached(input_dtype(inputs), Form::Forward);
  auto outs = run_graph(g, bind_arguments(g, inputs, nullptr));
  ValueMap result;
  for (std::size_t i = 0; i < outs.size(); ++i)
    result[g.outputs()[i].name] = outs[i];
  return result;
}

std::pair<ValueMap, ValueMap>
EagerEvaluator::jvp(const ValueMap & inputs, const ValueMap & tangents)
{
  check_inputs(inputs, "input");
  check_inputs(tangents, "tangent");
  const auto dtype = input_dtype(inputs);
  for (const auto & [n, t] : tangents)
    if (t.dtype() != dtype)
      throw ValueError(
          fmt::format("tangent '{}' is {} but the inputs are {}", n, dtype_name(t.dtype()), dtype_name(dtype)));
  const auto & g = cached(dtype, Form::Jvp);
  auto outs = run_graph(g, bind_arguments(g, inputs, &tangents));
  std::pair<ValueMap, ValueMap> result;
  for (std::size_t i = 0; i < outs.size(); ++i)
  {
    const auto & o = g.outputs()[i];
    (o.kind == graph::OutputKind::Value ? result.first : result.second)[o.name] = outs[i];
  }
  return result;
}

std::pair<ValueMap, DerivativeMap>
EagerEvaluator::jacobian(const ValueMap & inputs)
{
  check_inputs(inputs, "input");
  const auto & g = cached(input_dtype(inputs), Form::Jacobian);
  return split_jacobian_outputs(g, run_graph(g, bind_arguments(g, inputs, nullptr)));
}

std::pair<ValueMap, DerivativeMap>
EagerEvaluator::parameter_jacobian(const ValueMap & inputs, const std::vector<std::string> & parameters,
                                   bool with_inputs)
{
  check_inputs(inputs, "input");
  const auto & g = cached_parameter_jacobian(input_dtype(inputs), parameters, with_inputs);
  return split_jacobian_outputs(g, run_graph(g, bind_arguments(g, inputs, nullptr)));
}

std::vector<Tensor>
run_graph(const graph::Graph & g, const std::vector<Tensor> & args0)
{
  NEML2_ASSERT(args0.size() == g.arguments().size(), "run_graph() got {} arguments for {}", args0.size(),
               g.arguments().size());
  std::vector<Shape> shapes;
  for (const auto & a : args0)
    shapes.push_back(a.batch_shape());
  const Shape batch = broadcast_batch_shapes(shapes, "the model inputs");
  const auto n = numel(batch);
  std::vector<Tensor> args;
  std::vector<eager::ArgView> views;
  for (const auto & a0 : args0)
  {
    Tensor a = a0.to(g.dtype());
    std::int64_t stride = 1;
    if (a.batch_numel() == 1)
      stride = 0;
    else if (a.batch_numel() != n)
      a = a.expand_batch(batch);
    args.push_back(a);
    views.push_back({a.raw(), stride});
  }
  std::vector<Tensor> outs;
  std::vector<void *> ptrs;
  for (const auto & o : g.outputs())
  {
    outs.push_back(Tensor::zeros(batch, o.base_shape, g.dtype()));
    ptrs.push_back(outs.back().raw());
  }
  // Inside a FailureCapture: failed points are reported there (the batch shape is the call's).
  auto * report = FailureCapture::active();
  eager::interpret(g, n, views, ptrs, report);
  if (report)
    report->batch_shape = batch;
  return outs;
}
} // namespace neml2

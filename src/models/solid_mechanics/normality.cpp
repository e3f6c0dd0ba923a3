// Normality: stage the sub-model, differentiate its graph, inline the derivatives.
#include "neml2/models/solid_mechanics/normality.h"

#include <set>

#include <fmt/format.h>

#include "neml2/graph/autodiff.h"
#include "neml2/graph/passes.h"
#include "neml2/hit/hit.h"

namespace neml2
{
namespace
{
/// The component nodes of a staged variable (or of a parameter) of any type.
std::vector<graph::NodeId>
symbol_nodes(const Staging & s, const std::string & name, TypeKind k, bool parameter)
{
  switch (k)
  {
#define NEML2_SYMBOL_CASE(T, ...) \
  case TypeKind::T:               \
    return parameter ? s.parameter<sym::T>(name).nodes() : s.input<sym::T>(name).nodes();
    NEML2_FOR_EACH_TENSOR_TYPE(NEML2_SYMBOL_CASE)
#undef NEML2_SYMBOL_CASE
  }
  NEML2_UNREACHABLE("unknown type of '{}'", name);
}

/// Component nodes as Staging::output() takes them.
struct RawNodes
{
  std::vector<graph::NodeId> ids;
  const std::vector<graph::NodeId> & nodes() const { return ids; }
};

std::string
names_of(const std::vector<VariableSpec> & vars)
{
  std::vector<std::string> n;
  for (const auto & v : vars)
    n.push_back(v.name);
  return n.empty() ? "none" : fmt::format("{}", fmt::join(n, ", "));
}

std::string
did_you_mean(const std::string & name, const std::vector<VariableSpec> & vars)
{
  std::vector<std::string> n;
  for (const auto & v : vars)
    n.push_back(v.name);
  auto near = hit::nearest(name, n);
  return near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near);
}
} // namespace

OptionSchema
Normality::expected_options()
{
  return Model::expected_options()
      .doc("The first derivatives u_i = df/dv_i of a Scalar output f of another model with respect to some of its "
           "inputs v_i (e.g. the flow directions of an associative flow rule). Inputs are all the inputs of that "
           "model; its parameters are reachable as <model>.<parameter>.")
      .required("model", OptionKind::String, "the model that computes f")
      .required("function", OptionKind::String, "the Scalar output f of that model")
      .required("from", OptionKind::Strings, "the inputs v_i of that model to differentiate with respect to")
      .required("to", OptionKind::Strings, "the output variables u_i = df/dv_i, one per entry of 'from'");
}

Normality::Normality(const Options & options, Factory & factory)
  : Model(options),
    _f(options.get_string("function")),
    _from(options.get_strings("from")),
    _to(options.get_strings("to"))
{
  const auto model = options.get_string("model");
  if (model == name())
    throw options.error("model", "Normality cannot differentiate itself");
  _model = factory.get_model(model);
  const auto * f = _model->find_output(_f);
  if (!f)
    throw options.error("function",
                        fmt::format("model '{}' has no output '{}'{}; its outputs are: {}", model, _f,
                                    did_you_mean(_f, _model->output_spec()), names_of(_model->output_spec())));
  if (f->type != TypeKind::Scalar)
    throw options.error("function", fmt::format("the function '{}' must be a Scalar, but model '{}' makes it a {}", _f,
                                                model, type_name(f->type)));
  if (_from.empty())
    throw options.error("from", "expected at least one variable to differentiate with respect to");
  if (_to.size() != _from.size())
    throw options.error("to",
                        fmt::format("expected one name per entry of 'from' ({}), got {}", _from.size(), _to.size()));
  for (const auto & v : _model->input_spec())
    declare_input(v.name, v.type);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < _from.size(); ++i)
  {
    const auto * v = _model->find_input(_from[i]);
    if (!v)
      throw options.error("from",
                          fmt::format("model '{}' has no input '{}'{}; its inputs are: {}", model, _from[i],
                                      did_you_mean(_from[i], _model->input_spec()), names_of(_model->input_spec())));
    if (find_input(_to[i]) || !seen.insert(_to[i]).second)
      throw options.error("to", fmt::format("'{}' is used twice or is also an input of model '{}'", _to[i], model));
    declare_output(_to[i], v->type);
  }
  adopt_parameter_providers(*_model);
}

std::vector<std::pair<std::string, ParameterSpec *>>
Normality::named_parameters()
{
  std::vector<std::pair<std::string, ParameterSpec *>> out;
  for (auto & [n, p] : _model->named_parameters())
    out.emplace_back(_model->name() + "." + n, p);
  return out;
}

const graph::Graph &
Normality::derivative_graph(Dtype dtype) const
{
  std::lock_guard lock(_mutex);
  auto & g = _graphs[dtype];
  if (!g)
  {
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const auto & v : _from)
      pairs.emplace_back(_f, v);
    g = std::make_unique<graph::Graph>(graph::with_jacobian(_model->forward_graph(dtype), pairs));
  }
  return *g;
}

void
Normality::define(Staging & s) const
{
  const auto & dg = derivative_graph(s.graph()->dtype());
  std::vector<std::vector<graph::NodeId>> args;
  for (const auto & a : dg.arguments())
  {
    NEML2_ASSERT(a.type.has_value(), "argument '{}' of '{}' has no type", a.name, _model->name());
    const bool is_param = a.kind == graph::ArgKind::Parameter;
    args.push_back(symbol_nodes(s, is_param ? _model->name() + "." + a.name : a.name, *a.type, is_param));
  }
  const auto outs = graph::inline_graph(*s.graph(), dg, args);
  for (std::size_t i = 0; i < _from.size(); ++i)
  {
    bool found = false;
    for (std::size_t k = 0; k < dg.outputs().size(); ++k)
    {
      const auto & o = dg.outputs()[k];
      if (o.kind == graph::OutputKind::Derivative && o.name == _f && o.wrt == _from[i])
      {
        s.output(_to[i], RawNodes{outs[k]});
        found = true;
      }
    }
    NEML2_ASSERT(found, "no derivative of '{}' with respect to '{}'", _f, _from[i]);
  }
}

NEML2_REGISTER(Model, Normality);
} // namespace neml2

// NestedModel: stage a model into a graph of its own, differentiate it there, inline copies.
#include "neml2/models/nested_model.h"

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
} // namespace

NestedModel::NestedModel(std::shared_ptr<Model> model, std::vector<std::pair<std::string, std::string>> pairs,
                         bool one_element)
  : _model(std::move(model)),
    _pairs(std::move(pairs)),
    _one_element(one_element)
{
}

const graph::Graph &
NestedModel::graph(Dtype dtype) const
{
  std::lock_guard lock(_mutex);
  auto & g = _graphs[dtype];
  if (!g)
    g = std::make_unique<graph::Graph>(graph::with_jacobian(_model->forward_graph(dtype, _one_element), _pairs));
  return *g;
}

NestedModel::Copy
NestedModel::inline_into(Staging & s, const std::map<std::string, std::vector<graph::NodeId>> & given) const
{
  const auto & dg = graph(s.graph()->dtype());
  std::vector<std::vector<graph::NodeId>> args;
  for (const auto & a : dg.arguments())
  {
    NEML2_ASSERT(a.type.has_value(), "argument '{}' of '{}' has no type", a.name, _model->name());
    const bool is_param = a.kind == graph::ArgKind::Parameter;
    if (const auto it = given.find(a.name); !is_param && it != given.end())
      args.push_back(it->second);
    else
      args.push_back(symbol_nodes(s, is_param ? _model->name() + "." + a.name : a.name, *a.type, is_param));
  }
  const auto outs = graph::inline_graph(*s.graph(), dg, args);
  Copy c;
  for (std::size_t k = 0; k < dg.outputs().size(); ++k)
  {
    const auto & o = dg.outputs()[k];
    if (o.kind == graph::OutputKind::Derivative)
      c.derivatives[{o.name, o.wrt}] = outs[k];
    else if (o.kind == graph::OutputKind::Value)
      c.values[o.name] = outs[k];
  }
  return c;
}

std::vector<std::pair<std::string, ParameterSpec *>>
NestedModel::all_parameters() const
{
  std::vector<std::pair<std::string, ParameterSpec *>> out;
  for (auto & [n, p] : _model->all_parameters())
    out.emplace_back(_model->name() + "." + n, p);
  return out;
}

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
} // namespace neml2

// Copying the live part of a graph: the machinery of prune and bake (rebuild.h).
#include "rebuild.h"

#include "neml2/base/error.h"
#include "neml2/graph/implicit.h"

namespace neml2::graph::detail
{
/// Copies non-leaf node `id` of `src` into `dst`, its operands already mapped by `map`. Given
/// values of an implicit solve that became constants are baked into its system.
NodeId
copy_node(Graph & dst, const Graph & src, NodeId id, const std::vector<NodeId> & map)
{
  const auto & node = src.node(id);
  auto m = [&](NodeId a) { return map[static_cast<std::size_t>(a)]; };
  switch (node.op)
  {
    case OpKind::Const:
      return dst.constant(node.value);
    case OpKind::Input:
      break;
    case OpKind::Part:
      return dst.part(m(node.args[0]), node.comp);
    case OpKind::Solve:
    {
      auto system = src.systems()[static_cast<std::size_t>(node.arg)];
      std::vector<NodeId> ops;
      std::vector<int> pos;
      std::vector<double> values;
      const auto & src_ops = src.operands(id);
      for (std::size_t k = 0; k < src_ops.size(); ++k)
      {
        const auto o = m(src_ops[k]);
        const auto given = static_cast<int>(k) - system->n;
        // A ramped or chained given of a sub-stepping system stays an operand: it changes per piece.
        const bool held = given < 0 || system->given_role.empty() ||
                          system->given_role[static_cast<std::size_t>(given)] == neml2_ops::nt_held;
        if (given >= 0 && held && dst.is_constant(o))
        {
          pos.push_back(given);
          values.push_back(dst.node(o).value);
          continue;
        }
        ops.push_back(o);
      }
      if (!pos.empty())
        system = specialize(*system, pos, values);
      return dst.solve(system, ops);
    }
    case OpKind::LinSolve:
    {
      std::vector<NodeId> ops;
      for (auto o : src.operands(id))
        ops.push_back(m(o));
      return dst.lin_solve(node.arg, node.comp, ops);
    }
#define NEML2_ELEMENTWISE_OP(e, n, ar, lanes) case OpKind::e:
#include "neml2/graph/ops.def"
      {
        NodeId a[3] = {no_node, no_node, no_node};
        for (int k = 0; k < 3; ++k)
          if (node.args[k] != no_node)
            a[k] = m(node.args[k]);
        return dst.apply(node.op, a[0], a[1], a[2]);
      }
  }
  NEML2_UNREACHABLE("copy_node() on an input leaf");
}

namespace
{
/// Marks every node some output needs.
std::vector<char>
live_nodes(const Graph & g)
{
  const auto n = g.nodes().size();
  std::vector<char> live(n, 0);
  for (const auto & o : g.outputs())
    for (auto c : o.components)
      live[static_cast<std::size_t>(c)] = 1;
  for (std::size_t i = n; i-- > 0;)
  {
    if (!live[i])
      continue;
    const auto & node = g.nodes()[i];
    for (auto a : node.args)
      if (a != no_node)
        live[static_cast<std::size_t>(a)] = 1;
    if (node.list >= 0)
      for (auto a : g.operands(static_cast<NodeId>(i)))
        live[static_cast<std::size_t>(a)] = 1;
  }
  return live;
}
} // namespace

/// Copies the nodes that the outputs of `g` need into a fresh graph, replacing the leaves of
/// argument i by `subst(i)` when it returns values (those arguments are dropped).
Graph
rebuild(const Graph & g, const std::function<std::optional<std::vector<double>>(const Argument &)> & subst)
{
  const auto n = g.nodes().size();
  const auto live = live_nodes(g);

  Graph out(g.dtype());
  std::vector<NodeId> map(n, no_node);
  for (const auto & arg : g.arguments())
  {
    auto values = subst ? subst(arg) : std::nullopt;
    if (values)
    {
      NEML2_ASSERT(values->size() == arg.leaves.size(), "baked value of '{}' has {} components, expected {}", arg.name,
                   values->size(), arg.leaves.size());
      for (std::size_t k = 0; k < arg.leaves.size(); ++k)
        map[static_cast<std::size_t>(arg.leaves[k])] = out.constant((*values)[k]);
      continue;
    }
    const int idx = out.add_argument(arg.name, arg.kind, arg.type, arg.base_shape);
    const auto & leaves = out.arguments()[static_cast<std::size_t>(idx)].leaves;
    for (std::size_t k = 0; k < arg.leaves.size(); ++k)
      map[static_cast<std::size_t>(arg.leaves[k])] = leaves[k];
  }
  for (std::size_t i = 0; i < n; ++i)
  {
    const auto & node = g.nodes()[i];
    if (!live[i] || node.op == OpKind::Input)
      continue;
    out.set_origin(g.origin_of(static_cast<NodeId>(i)));
    map[i] = copy_node(out, g, static_cast<NodeId>(i), map);
  }
  out.set_origin("");
  for (auto o : g.outputs())
  {
    for (auto & c : o.components)
      c = map[static_cast<std::size_t>(c)];
    out.add_output(std::move(o));
  }
  return out;
}
} // namespace neml2::graph::detail

// Dead-code elimination, parameter baking, the text dump and the structural hash.
#include "neml2/graph/passes.h"

#include <bit>
#include <sstream>

#include <fmt/format.h>

#include "neml2/base/error.h"
#include "neml2/graph/implicit.h"

namespace neml2::graph
{
namespace
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
        if (given >= 0 && dst.is_constant(o))
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
    map[i] = copy_node(out, g, static_cast<NodeId>(i), map);
  }
  for (auto o : g.outputs())
  {
    for (auto & c : o.components)
      c = map[static_cast<std::size_t>(c)];
    out.add_output(std::move(o));
  }
  return out;
}

std::string
fmt_value(double v)
{
  return fmt::format("{}", v);
}
} // namespace

Graph
prune(const Graph & g)
{
  return rebuild(g, nullptr);
}

Graph
bake(const Graph & g, const std::function<std::optional<std::vector<double>>(const Argument &)> & value_of)
{
  // Folding leaves the constants it consumed behind (the baked leaves, intermediate results);
  // a second rebuild drops them.
  return rebuild(rebuild(g, value_of), nullptr);
}

std::string
to_text(const Graph & g)
{
  std::ostringstream os;
  os << fmt::format("graph ({}): {} argument(s), {} output(s), {} node(s)\n", dtype_name(g.dtype()),
                    g.arguments().size(), g.outputs().size(), g.nodes().size());
  for (const auto & a : g.arguments())
    os << fmt::format("  arg {} {} : {} {}\n", arg_kind_name(a.kind), a.name,
                      a.type ? std::string(type_name(*a.type)) : std::string("block"), shape_str(a.base_shape));
  for (std::size_t i = 0; i < g.nodes().size(); ++i)
  {
    const auto & n = g.nodes()[i];
    if (n.op == OpKind::Input)
    {
      const auto & a = g.arguments()[static_cast<std::size_t>(n.arg)];
      os << fmt::format("  %{} = input {}[{}]\n", i, a.name, n.comp);
      continue;
    }
    if (n.op == OpKind::Const)
    {
      os << fmt::format("  %{} = const {}\n", i, fmt_value(n.value));
      continue;
    }
    std::vector<std::string> args;
    for (int k = 0; k < arity(n.op); ++k)
      args.push_back(fmt::format("%{}", n.args[k]));
    if (n.list >= 0)
      for (auto a : g.operands(static_cast<NodeId>(i)))
        args.push_back(fmt::format("%{}", a));
    std::string extra;
    if (n.op == OpKind::Part)
      extra = fmt::format(" [{}]", n.comp);
    else if (n.op == OpKind::Solve)
    {
      const auto & sys = *g.systems()[static_cast<std::size_t>(n.arg)];
      extra = fmt::format(" (system '{}': {} unknown(s), {} given; residual graph {} node(s), jacobian {} node(s))",
                          sys.name, sys.n, sys.m, sys.newton.nodes().size(), sys.ift.nodes().size());
    }
    else if (n.op == OpKind::LinSolve)
      extra = fmt::format(" ({}x{}, {} rhs)", n.arg, n.arg, n.comp);
    os << fmt::format("  %{} = {} {}{}\n", i, op_name(n.op), fmt::join(args, ", "), extra);
  }
  for (const auto & o : g.outputs())
  {
    std::vector<std::string> cs;
    for (auto c : o.components)
      cs.push_back(fmt::format("%{}", c));
    std::string label = o.name;
    if (o.kind == OutputKind::Tangent)
      label = "tangent " + o.name;
    else if (o.kind == OutputKind::Derivative)
      label = fmt::format("d({})/d({})", o.name, o.wrt);
    os << fmt::format("  output {} {} = [{}]\n", label, shape_str(o.base_shape), fmt::join(cs, ", "));
  }
  return os.str();
}

std::string
structural_hash(const Graph & g)
{
  // FNV-1a over a canonical serialisation: deterministic, no pointer-dependent order.
  std::uint64_t h = 0xcbf29ce484222325ULL;
  auto eat = [&h](std::uint64_t v) {
    for (int k = 0; k < 8; ++k)
    {
      h ^= (v >> (8 * k)) & 0xff;
      h *= 0x100000001b3ULL;
    }
  };
  auto eat_str = [&](const std::string & s) {
    eat(s.size());
    for (unsigned char ch : s)
      eat(ch);
  };
  // Types and base shapes too: a Vec and a WR2 argument have the same leaves.
  auto eat_type = [&](const std::optional<TypeKind> & t, const Shape & shape) {
    eat(t ? static_cast<std::uint64_t>(*t) : ~std::uint64_t(0));
    eat(shape.size());
    for (auto d : shape)
      eat(static_cast<std::uint64_t>(d));
  };
  eat(static_cast<std::uint64_t>(g.dtype()));
  for (const auto & a : g.arguments())
  {
    eat_str(a.name);
    eat(static_cast<std::uint64_t>(a.kind));
    eat_type(a.type, a.base_shape);
    eat(a.leaves.size());
  }
  for (const auto & n : g.nodes())
  {
    eat(static_cast<std::uint64_t>(n.op));
    for (auto a : n.args)
      eat(static_cast<std::uint64_t>(static_cast<std::uint32_t>(a)));
    eat(std::bit_cast<std::uint64_t>(n.value));
    eat(static_cast<std::uint64_t>(static_cast<std::uint32_t>(n.arg)));
    eat(static_cast<std::uint64_t>(static_cast<std::uint32_t>(n.comp)));
    if (n.list >= 0)
      for (auto a : g.operands(static_cast<NodeId>(&n - g.nodes().data())))
        eat(static_cast<std::uint64_t>(a));
    if (n.op == OpKind::Solve)
    {
      const auto & sys = *g.systems()[static_cast<std::size_t>(n.arg)];
      eat_str(structural_hash(sys.newton));
      eat_str(structural_hash(sys.ift));
      eat(std::bit_cast<std::uint64_t>(sys.settings.abs_tol));
      eat(std::bit_cast<std::uint64_t>(sys.settings.rel_tol));
      eat(static_cast<std::uint64_t>(sys.settings.max_its));
      eat(static_cast<std::uint64_t>(sys.settings.line_search));
    }
  }
  for (const auto & o : g.outputs())
  {
    eat_str(o.name);
    eat_str(o.wrt);
    eat(static_cast<std::uint64_t>(o.kind));
    eat_type(o.type, o.base_shape);
    for (auto c : o.components)
      eat(static_cast<std::uint64_t>(c));
  }
  return fmt::format("{:016x}", h);
}
} // namespace neml2::graph

namespace neml2::graph
{
std::vector<std::vector<NodeId>>
inline_graph(Graph & dst, const Graph & src, const std::vector<std::vector<NodeId>> & arg_values)
{
  NEML2_ASSERT(arg_values.size() == src.arguments().size(), "inline_graph() got {} argument(s) for {}",
               arg_values.size(), src.arguments().size());
  std::vector<NodeId> map(src.nodes().size(), no_node);
  for (std::size_t i = 0; i < arg_values.size(); ++i)
  {
    const auto & leaves = src.arguments()[i].leaves;
    NEML2_ASSERT(arg_values[i].size() == leaves.size(), "argument '{}' needs {} component(s), got {}",
                 src.arguments()[i].name, leaves.size(), arg_values[i].size());
    for (std::size_t k = 0; k < leaves.size(); ++k)
      map[static_cast<std::size_t>(leaves[k])] = arg_values[i][k];
  }
  for (std::size_t i = 0; i < src.nodes().size(); ++i)
    if (src.nodes()[i].op != OpKind::Input)
      map[i] = copy_node(dst, src, static_cast<NodeId>(i), map);
  std::vector<std::vector<NodeId>> outs;
  for (const auto & o : src.outputs())
  {
    outs.emplace_back();
    for (auto c : o.components)
      outs.back().push_back(map[static_cast<std::size_t>(c)]);
  }
  return outs;
}
} // namespace neml2::graph

// The text form of a graph (neml2-inspect --graph, neml2-compile --debug-ir).
#include <sstream>

#include <fmt/format.h>

#include "neml2/graph/implicit.h"
#include "neml2/graph/passes.h"

namespace neml2::graph
{
namespace
{
std::string
fmt_value(double v)
{
  return fmt::format("{}", v);
}
} // namespace

std::string
to_text(const Graph & g, bool origins)
{
  std::ostringstream os;
  os << fmt::format("graph ({}): {} argument(s), {} output(s), {} node(s)\n", dtype_name(g.dtype()),
                    g.arguments().size(), g.outputs().size(), g.nodes().size());
  for (const auto & a : g.arguments())
    os << fmt::format("  arg {} {} : {} {}\n", arg_kind_name(a.kind), a.name,
                      a.type ? std::string(type_name(*a.type)) : std::string("block"), shape_str(a.base_shape));
  std::string last_origin;
  for (std::size_t i = 0; i < g.nodes().size(); ++i)
  {
    const auto & n = g.nodes()[i];
    if (origins && !g.origin_of(static_cast<NodeId>(i)).empty() && g.origin_of(static_cast<NodeId>(i)) != last_origin)
    {
      last_origin = g.origin_of(static_cast<NodeId>(i));
      os << "  # " << last_origin << "\n";
    }
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
} // namespace neml2::graph

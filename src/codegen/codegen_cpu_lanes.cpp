// Kernels with implicit solves, W points at a time: one SIMD lane per point.
//
// The per-point code spends its time in the residual/Jacobian evaluation and the LU of each Newton
// iteration, both straight-line arithmetic that is the same for every point. The lane flavour of
// KernelEmitter prints the same graphs with every local a vector of W points (`V`, lane_ops.h);
// Newton (newton_ops.h with neml2_lanes::LanePolicy) runs all lanes until the slowest has
// converged; and the batched entry hands out tiles of W points instead of points. Every lane does
// its point's scalar arithmetic in the scalar order, so results stay bit-identical to the eager
// interpreter.
#include <fmt/format.h>

#include "codegen_cpu_internal.h"
#include "kernel_emitter.h"
#include "neml2/base/error.h"

namespace neml2::codegen
{
using graph::Graph;
using graph::OpKind;

namespace
{
/// The right-hand side of node `id`'s line on lanes.
std::string
lane_expression(const Graph & g, graph::NodeId id)
{
  const auto & n = g.node(id);
  // An elementwise op is its vector form lane_<name> where lane_ops.h has one, else its scalar
  // definition on each lane: lanewise<op_<name><T>>.
  auto call = [&](const std::string & fn) {
    std::vector<std::string> args;
    for (int k = 0; k < graph::arity(n.op); ++k)
      args.push_back(fmt::format("v{}", n.args[k]));
    return fmt::format("{}({})", fn, fmt::join(args, ", "));
  };
  const char * T = g.dtype() == Dtype::Float64 ? "double" : "float";
  switch (n.op)
  {
#define NEML2_LANE_FN_Vector(name) std::string("lane_" #name)
#define NEML2_LANE_FN_PerLane(name) fmt::format("lanewise<neml2_ops::op_" #name "<{}>>", T)
#define NEML2_ELEMENTWISE_OP(e, name, ar, lanes) \
  case OpKind::e:                                \
    return call(NEML2_LANE_FN_##lanes(name));
#include "neml2/graph/ops.def"
#undef NEML2_LANE_FN_Vector
#undef NEML2_LANE_FN_PerLane
    case OpKind::Const:
      return fmt::format("splat<V>({})", cpu_literal(n.value, g.dtype()));
    case OpKind::Part:
    {
      const auto & src = g.node(n.args[0]);
      if (src.op == OpKind::Solve)
      {
        const int nu = g.systems()[static_cast<std::size_t>(src.arg)]->n;
        return n.comp < nu ? fmt::format("s{}_x[{}]", n.args[0], n.comp)
                           : fmt::format("to_lanes<V>(neml2_ops::nt_iterations(s{}))", n.args[0]);
      }
      return fmt::format("l{}_B[{}]", n.args[0], n.comp);
    }
    case OpKind::Input:
    case OpKind::Solve:
    case OpKind::LinSolve:
      break; // written by KernelEmitter
  }
  NEML2_UNREACHABLE("no lane code generation rule for op '{}'", graph::op_name(n.op));
}
} // namespace

Flavour
lane_flavour(Dtype dtype)
{
  const std::string T = dtype == Dtype::Float64 ? "double" : "float";
  return {T, "V", "neml2_lanes::LanePolicy<V>", "neml2_lanes", "static inline", "_lanes", lane_expression};
}

bool
lanes_supported(const Graph & g)
{
  for (const auto & n : g.nodes())
    if (n.op == OpKind::Solve)
      return true;
  return false;
}

void
emit_lane_unit(std::ostringstream & os, const Kernel & k)
{
  const Graph & g = *k.graph;
  const auto flavour = lane_flavour(g.dtype());
  const auto & T = flavour.scalar;
  std::ostringstream defs, body;
  KernelEmitter emitter(defs, flavour);
  emitter.body(body, g, k.symbol,
               [](int arg, int comp) { return fmt::format("load(a{}, a{}_at, {})", arg, arg, comp); });

  os << defs.str();
  os << "// Evaluates the nl <= W points p0 .. p0 + nl - 1 together, one lane each (lanes past nl repeat\n";
  os << "// the last point); returns how many of them had a failed implicit solve.\n";
  os << fmt::format("static inline int {}_lanes(std::int64_t p0, int nl, const {} * const * args, const std::int64_t * "
                    "arg_strides, {} * const * outs)\n{{\n",
                    k.symbol, T, T);
  os << emitter.locals();
  for (std::size_t i = 0; i < g.arguments().size(); ++i)
  {
    const auto & a = g.arguments()[i];
    os << fmt::format(
        "  const {} * a{} = args[{}]; // {}\n  const LaneOffsets<V> a{}_at(arg_strides[{}] * {}, p0, nl);\n", T, i, i,
        argument_label(a), i, i, a.leaves.size());
  }
  os << body.str();
  for (std::size_t j = 0; j < g.outputs().size(); ++j)
  {
    const auto & o = g.outputs()[j];
    os << fmt::format("  // {}\n", output_label(o));
    for (std::size_t c = 0; c < o.components.size(); ++c)
      os << fmt::format("  store(outs[{}], {}, p0, nl, {}, v{});\n", j, o.components.size(), c, o.components[c]);
  }
  os << "  (void)worst_;\n  int failed = 0;\n  for (int l = 0; l < nl; ++l)\n    failed += failed_[l] != 0;\n"
        "  return failed;\n}\n\n";

  // A last, partial tile of fewer than cpu_min_lane_points points runs point by point (cheaper).
  os << "// Unit u of the batched entry: points u W .. min(u W + W, n) - 1, on lanes or, when too few to fill\n"
        "// them, one by one.\n";
  os << fmt::format("static inline int {}_unit(std::int64_t u, {})\n{{\n", k.symbol, entry_parameters(T));
  os << "  constexpr int W = neml2_lanes::LaneTraits<V>::W;\n  const std::int64_t p0 = u * W;\n";
  os << "  const int nl = n - p0 < W ? static_cast<int>(n - p0) : W;\n";
  os << fmt::format("  if (nl >= {})\n    return {}_lanes(p0, nl, args, arg_strides, outs);\n", cpu_min_lane_points,
                    k.symbol);
  os << fmt::format(
      "  int failed = 0;\n  for (std::int64_t p = p0; p < p0 + nl; ++p)\n  {{\n    double rn;\n    std::int32_t its, "
      "pieces;\n    failed += {}_point(p, args, arg_strides, outs, &rn, &its, &pieces) > 0;\n  }}\n  return "
      "failed;\n}}\n\n",
      k.symbol);
}
} // namespace neml2::codegen

// Kernels with implicit solves, W points at a time: one SIMD lane per point.
//
// The per-point code spends its time in the residual/Jacobian evaluation and the LU of each Newton
// iteration, both straight-line arithmetic that is the same for every point. The lane flavour of
// KernelEmitter prints the same graphs with every local a vector of W points (`V`, lane_ops.h).
// Points are taken in chunks: a pass over the chunk's tiles computes each solve's guesses and
// givens; Newton (newton_ops.h with neml2_lanes::LanePolicy) streams the chunk's points through
// the lanes, a lane taking the next point as soon as its own has converged (newton_lanes.h,
// nt_stream), so no lane waits for the slowest point of a tile; a last pass over the tiles reads
// the solutions back and writes the outputs. Every lane does its point's scalar arithmetic in the
// scalar order, so results stay bit-identical to the eager interpreter.
#include <algorithm>

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

namespace
{
/// Points per chunk of a streamed kernel: up to 256 (a thread's block of a large batch), fewer
/// where the scratch would pass 256 KiB of the stack; a multiple of 16, the widest lane count.
int
chunk_points(const Graph & g, const std::vector<graph::NodeId> & solves)
{
  const std::size_t real = g.dtype() == Dtype::Float64 ? 8 : 4;
  std::size_t per_point = 0;
  for (const auto id : solves)
  {
    const auto & sys = *g.systems()[static_cast<std::size_t>(g.node(id).arg)];
    per_point += (static_cast<std::size_t>(sys.n + std::max(sys.m, 1)) + 1) * real + 2 * sizeof(std::int32_t);
  }
  if (per_point == 0)
    return 256; // no solve: nothing to keep
  const auto fit = static_cast<int>(std::size_t{256} * 1024 / per_point) / 16 * 16;
  return std::clamp(fit, 16, 256);
}
} // namespace

void
emit_lane_unit(std::ostringstream & os, const Kernel & k)
{
  const Graph & g = *k.graph;
  const auto flavour = lane_flavour(g.dtype());
  const auto & T = flavour.scalar;
  std::vector<graph::NodeId> solves;
  for (std::size_t id = 0; id < g.nodes().size(); ++id)
    if (g.node(static_cast<graph::NodeId>(id)).op == OpKind::Solve)
      solves.push_back(static_cast<graph::NodeId>(id));
  const auto chunk = k.symbol + "_chunk";
  const auto input = [](int arg, int comp) { return fmt::format("load(a{}, a{}_at, {})", arg, arg, comp); };
  auto arguments = [&] {
    std::string s;
    for (std::size_t i = 0; i < g.arguments().size(); ++i)
      s += fmt::format("  const {} * a{} = args[{}]; // {}\n  const LaneOffsets<V> a{}_at(arg_strides[{}] * {}, p0, "
                       "nl);\n",
                       T, i, i, argument_label(g.arguments()[i]), i, i, g.arguments()[i].leaves.size());
    return s;
  };

  // The chunk's scratch: per solve its unknowns (guesses, then solutions), givens and outcome.
  std::ostringstream defs;
  KernelEmitter emitter(defs, flavour);
  std::ostringstream scratch;
  scratch << fmt::format("// Points per chunk, and a chunk's scratch: for each implicit solve, row k of a table holds\n"
                         "// component k of every point of the chunk.\n"
                         "constexpr int {} = {};\nstruct {}_scratch\n{{\n",
                         chunk, chunk_points(g, solves), k.symbol);
  for (const auto id : solves)
  {
    const auto & sys = *g.systems()[static_cast<std::size_t>(g.node(id).arg)];
    scratch << fmt::format("  {} s{}_x[{} * {}], s{}_g[{} * {}], s{}_rn[{}];\n  std::int32_t s{}_status[{}], "
                           "s{}_its[{}];\n",
                           T, id, sys.n, chunk, id, std::max(sys.m, 1), chunk, id, chunk, id, chunk, id, chunk);
  }
  scratch << "};\n\n";

  // One pass up to each solve, saving its guesses and givens (the solves before it read back).
  std::ostringstream passes;
  for (std::size_t q = 0; q < solves.size(); ++q)
  {
    for (std::size_t i = 0; i < solves.size(); ++i)
      emitter.set_solve_mode(solves[i], i < q ? SolveMode::Load : i == q ? SolveMode::Save : SolveMode::Solve, chunk);
    std::ostringstream body;
    emitter.body(body, g, k.symbol, input);
    passes << fmt::format(
        "// The nl <= W points p0 .. p0 + nl - 1 (at `off` in their chunk) up to solve %{}: its guesses "
        "and\n// givens to the scratch.\n",
        solves[q]);
    passes << fmt::format("static inline void {}_save{}(std::int64_t p0, int nl, int off, const {} * const * args, "
                          "const std::int64_t * arg_strides, {}_scratch & sc)\n{{\n",
                          k.symbol, solves[q], T, k.symbol);
    passes << emitter.locals() << arguments() << body.str() << "  (void)failed_;\n  (void)worst_;\n}\n\n";
  }
  for (const auto id : solves)
    emitter.set_solve_mode(id, SolveMode::Load, chunk);
  std::ostringstream body;
  emitter.body(body, g, k.symbol, input);

  os << defs.str() << scratch.str() << passes.str();
  os << "// The nl <= W points p0 .. p0 + nl - 1 (at `off` in their chunk) with every solve read back from the\n"
        "// scratch: the outputs. Lanes past nl repeat the last point. Returns how many points had a failed\n"
        "// implicit solve.\n";
  os << fmt::format("static inline int {}_lanes(std::int64_t p0, int nl, int off, const {} * const * args, const "
                    "std::int64_t * arg_strides, {} * const * outs, const {}_scratch & sc)\n{{\n",
                    k.symbol, T, T, k.symbol);
  os << emitter.locals() << arguments() << body.str();
  for (std::size_t j = 0; j < g.outputs().size(); ++j)
  {
    const auto & o = g.outputs()[j];
    os << fmt::format("  // {}\n", output_label(o));
    for (std::size_t c = 0; c < o.components.size(); ++c)
      os << fmt::format("  store(outs[{}], {}, p0, nl, {}, v{});\n", j, o.components.size(), c, o.components[c]);
  }
  os << "  (void)worst_;\n  int failed = 0;\n  for (int l = 0; l < nl; ++l)\n    failed += failed_[l] != 0;\n"
        "  return failed;\n}\n\n";

  // A chunk: tile by tile up to each solve, the solve streamed through the lanes, then the outputs.
  os << "// Points c0 .. c0 + nc - 1, nc <= the chunk: tile by tile up to each implicit solve, the solve's points\n"
        "// streamed through the lanes (nt_stream: a lane takes the next point as soon as its own is done),\n"
        "// then the outputs tile by tile; fewer points than pay for a tile one by one. Returns how many\n"
        "// points had a failed implicit solve.\n";
  os << fmt::format("static inline int {}_chunk_run(std::int64_t c0, int nc, {})\n{{\n", k.symbol,
                    entry_data_parameters(T));
  // Too few points to pay for a tile: one by one.
  os << fmt::format(
      "  if (nc < {})\n  {{\n    int failed = 0;\n    for (std::int64_t p = c0; p < c0 + nc; ++p)\n    {{\n"
      "      double rn;\n      std::int32_t its, pieces;\n      failed += {}_point(p, args, arg_strides, "
      "outs, &rn, &its, &pieces) > 0;\n    }}\n    return failed;\n  }}\n",
      cpu_min_lane_points, k.symbol);
  os << fmt::format("  constexpr int W = neml2_lanes::LaneTraits<V>::W;\n  {}_scratch sc;\n", k.symbol);
  for (const auto id : solves)
  {
    const auto & sys = *g.systems()[static_cast<std::size_t>(g.node(id).arg)];
    os << fmt::format("  for (int off = 0; off < nc; off += W)\n    {}_save{}(c0 + off, nc - off < W ? nc - off : W, "
                      "off, args, arg_strides, sc);\n",
                      k.symbol, id);
    os << fmt::format("  {{\n    const neml2_ops::NtSettings<{}> o = {};\n", T,
                      newton_settings_literal(sys.settings, sys.newton.dtype()));
    os << fmt::format("    neml2_lanes::nt_stream<{}, {}, {}>(o, nc, {}, sc.s{}_x, sc.s{}_g, sc.s{}_status, "
                      "sc.s{}_its, sc.s{}_rn,\n        [](const V * x, const V * g, V * r, V * J) {{ "
                      "{}_sys{}_eval_lanes(x, g, r, J); }});\n  }}\n",
                      flavour.policy, sys.n, sys.m, chunk, id, id, id, id, id, k.symbol, id);
  }
  os << fmt::format("  int failed = 0;\n  for (int off = 0; off < nc; off += W)\n    failed += {}_lanes(c0 + off, "
                    "nc - off < W ? nc - off : W, off, args, arg_strides, outs, sc);\n  return failed;\n}}\n\n",
                    k.symbol);

  os << "// Points first .. last - 1 chunk by chunk.\n";
  os << fmt::format("static inline int {}_block(std::int64_t first, std::int64_t last, {})\n{{\n", k.symbol,
                    entry_data_parameters(T));
  os << fmt::format("  int failed = 0;\n  for (std::int64_t c0 = first; c0 < last; c0 += {})\n    failed += "
                    "{}_chunk_run(c0, static_cast<int>(last - c0 < {} ? last - c0 : {}), args, arg_strides, outs);\n"
                    "  return failed;\n}}\n\n",
                    chunk, k.symbol, chunk, chunk);
  os << "// Unit u of the batched entry: the chunk of points from u times its size.\n";
  os << fmt::format("static inline int {}_unit(std::int64_t u, {})\n{{\n  const std::int64_t first = u * {};\n"
                    "  return {}_block(first, n - first < {} ? n : first + {}, args, arg_strides, outs);\n}}\n\n",
                    k.symbol, entry_parameters(T), chunk, k.symbol, chunk, chunk);
}
} // namespace neml2::codegen

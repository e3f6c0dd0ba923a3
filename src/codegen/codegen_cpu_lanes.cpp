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
  // The residual and Jacobian stay a function of their own: inlined into the chunk's Newton loop
  // (which GCC decides by the size of the translation unit) isoharden's lane kernel ran 3-5%
  // slower on AMD Zen 4; the call costs nothing next to its body.
  return {T,
          "V",
          "neml2_lanes::LanePolicy<V>",
          "neml2_lanes",
          "static inline",
          "__attribute__((noinline)) static",
          "_lanes",
          lane_expression};
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

/// The lane functions of one kernel, in the order the generated source needs them.
class LaneUnit
{
public:
  LaneUnit(const Kernel & k, EmittedSystems & unit)
    : _k(k),
      _unit(unit),
      _g(*k.graph),
      _flavour(lane_flavour(_g.dtype())),
      _scalar(_flavour.scalar),
      _chunk(k.symbol + "_chunk")
  {
    for (std::size_t id = 0; id < _g.nodes().size(); ++id)
      if (_g.node(static_cast<graph::NodeId>(id)).op == OpKind::Solve)
        _solves.push_back(static_cast<graph::NodeId>(id));
  }

  void write(std::ostringstream & os) const
  {
    std::ostringstream defs; // the per-system functions, printed by the passes' emitter
    KernelEmitter emitter(defs, _flavour, &_unit);
    std::string passes;
    for (std::size_t q = 0; q < _solves.size(); ++q)
      passes += save_pass(emitter, q);
    passes += output_pass(emitter);
    os << defs.str() << scratch() << passes << chunk_functions(emitter);
  }

private:
  const graph::ImplicitSystem & system(graph::NodeId id) const
  {
    return *_g.systems()[static_cast<std::size_t>(_g.node(id).arg)];
  }

  /// The chunk's scratch: per solve its unknowns (guesses, then solutions), givens and outcome.
  std::string scratch() const
  {
    std::string s = fmt::format("// Points per chunk, and a chunk's scratch: for each implicit solve, row k of a table "
                                "holds\n// component k of every point of the chunk.\nconstexpr int {} = {};\nstruct "
                                "{}_scratch\n{{\n",
                                _chunk, chunk_points(_g, _solves), _k.symbol);
    for (const auto id : _solves)
      s += fmt::format(
          "  {} s{}_x[{} * {}], s{}_g[{} * {}], s{}_rn[{}];\n  std::int32_t s{}_status[{}], s{}_its[{}];\n", _scalar,
          id, system(id).n, _chunk, id, std::max(system(id).m, 1), _chunk, id, _chunk, id, _chunk, id, _chunk);
    return s + "};\n\n";
  }

  /// The declarations of a tile's argument pointers and lane offsets.
  std::string arguments() const
  {
    std::string s;
    for (std::size_t i = 0; i < _g.arguments().size(); ++i)
      s += fmt::format("  const {} * a{} = args[{}]; // {}\n  const LaneOffsets<V> a{}_at(arg_strides[{}] * {}, p0, "
                       "nl);\n",
                       _scalar, i, i, argument_label(_g.arguments()[i]), i, i, _g.arguments()[i].leaves.size());
    return s;
  }

  /// A tile's body with the solves before the q-th read back, the q-th saved (where the body ends).
  std::string body(KernelEmitter & emitter, std::size_t q) const
  {
    for (std::size_t i = 0; i < _solves.size(); ++i)
      emitter.set_solve_mode(_solves[i], i < q ? SolveMode::Load : i == q ? SolveMode::Save : SolveMode::Solve, _chunk);
    std::ostringstream os;
    emitter.body(os, _g, _k.symbol,
                 [](int arg, int comp) { return fmt::format("load(a{}, a{}_at, {})", arg, arg, comp); });
    return os.str();
  }

  /// `<symbol>_save<id>`: a tile up to the q-th solve, whose guesses and givens go to the scratch.
  std::string save_pass(KernelEmitter & emitter, std::size_t q) const
  {
    const auto text = body(emitter, q);
    return fmt::format("// The nl <= W points p0 .. p0 + nl - 1 (at `off` in their chunk) up to solve %{}: its "
                       "guesses and\n// givens to the scratch.\nstatic inline void {}_save{}(std::int64_t p0, int nl, "
                       "int off, const {} * const * args, const std::int64_t * arg_strides, {}_scratch & sc)\n{{\n",
                       _solves[q], _k.symbol, _solves[q], _scalar, _k.symbol) +
           emitter.locals() + arguments() + text + "  (void)failed_;\n  (void)worst_;\n}\n\n";
  }

  /// `<symbol>_lanes`: a tile with every solve read back from the scratch, to the outputs.
  std::string output_pass(KernelEmitter & emitter) const
  {
    const auto text = body(emitter, _solves.size());
    std::string s =
        fmt::format("// The nl <= W points p0 .. p0 + nl - 1 (at `off` in their chunk) with every solve read back "
                    "from the\n// scratch: the outputs. Lanes past nl repeat the last point. Returns how many points "
                    "had a failed\n// implicit solve.\nstatic inline int {}_lanes(std::int64_t p0, int nl, int off, "
                    "const {} * const * args, const std::int64_t * arg_strides, {} * const * outs, const "
                    "{}_scratch & sc)\n{{\n",
                    _k.symbol, _scalar, _scalar, _k.symbol) +
        emitter.locals() + arguments() + text;
    for (std::size_t j = 0; j < _g.outputs().size(); ++j)
    {
      const auto & o = _g.outputs()[j];
      s += fmt::format("  // {}\n", output_label(o));
      for (std::size_t c = 0; c < o.components.size(); ++c)
        s += fmt::format("  store(outs[{}], {}, p0, nl, {}, v{});\n", j, o.components.size(), c, o.components[c]);
    }
    return s + "  (void)worst_;\n  int failed = 0;\n  for (int l = 0; l < nl; ++l)\n    failed += failed_[l] != 0;\n"
               "  return failed;\n}\n\n";
  }

  /// `<symbol>_chunk_run` (the passes and streams of one chunk), `<symbol>_block` (a range, chunk by
  /// chunk) and `<symbol>_unit` (unit u of the batched entry: the u-th chunk).
  std::string chunk_functions(const KernelEmitter & emitter) const
  {
    const auto & sym = _k.symbol;
    std::string s = fmt::format(
        "// Points c0 .. c0 + nc - 1, nc <= the chunk: tile by tile up to each implicit solve, the solve's points\n"
        "// streamed through the lanes (nt_stream: a lane takes the next point as soon as its own is done),\n"
        "// then the outputs tile by tile; fewer points than pay for a tile one by one. Returns how many\n"
        "// points had a failed implicit solve.\nstatic inline int {}_chunk_run(std::int64_t c0, int nc, {})\n{{\n",
        sym, entry_data_parameters(_scalar));
    s += fmt::format("  if (nc < {})\n  {{\n    int failed = 0;\n    for (std::int64_t p = c0; p < c0 + nc; ++p)\n"
                     "    {{\n      double rn;\n      std::int32_t its, pieces;\n      failed += {}_point(p, args, "
                     "arg_strides, outs, &rn, &its, &pieces) > 0;\n    }}\n    return failed;\n  }}\n",
                     cpu_min_lane_points, sym);
    s += fmt::format("  constexpr int W = neml2_lanes::LaneTraits<V>::W;\n  {}_scratch sc;\n", sym);
    for (const auto id : _solves)
    {
      const auto & sys = system(id);
      s += fmt::format("  for (int off = 0; off < nc; off += W)\n    {}_save{}(c0 + off, nc - off < W ? nc - off : "
                       "W, off, args, arg_strides, sc);\n",
                       sym, id);
      s += fmt::format("  {{\n    const neml2_ops::NtSettings<{}> o = {};\n", _scalar,
                       newton_settings_literal(sys.settings, sys.newton.dtype()));
      s += fmt::format("    neml2_lanes::nt_stream<{}, {}, {}>(o, nc, {}, sc.s{}_x, sc.s{}_g, sc.s{}_status, "
                       "sc.s{}_its, sc.s{}_rn,\n        [](const V * x, const V * g, V * r, V * J) {{ "
                       "{}_eval_lanes(x, g, r, J); }},\n        [](const V * x, const V * g, V * r) {{ "
                       "{}_residual_lanes(x, g, r); }});\n  }}\n",
                       _flavour.policy, sys.n, sys.m, _chunk, id, id, id, id, id, emitter.system_function(id),
                       emitter.system_function(id));
    }
    s += fmt::format("  int failed = 0;\n  for (int off = 0; off < nc; off += W)\n    failed += {}_lanes(c0 + off, "
                     "nc - off < W ? nc - off : W, off, args, arg_strides, outs, sc);\n  return failed;\n}}\n\n",
                     sym);
    s += fmt::format("// Points first .. last - 1 chunk by chunk.\nstatic inline int {}_block(std::int64_t first, "
                     "std::int64_t last, {})\n{{\n  int failed = 0;\n  for (std::int64_t c0 = first; c0 < last; c0 "
                     "+= {})\n    failed += {}_chunk_run(c0, static_cast<int>(last - c0 < {} ? last - c0 : {}), "
                     "args, arg_strides, outs);\n  return failed;\n}}\n\n",
                     sym, entry_data_parameters(_scalar), _chunk, sym, _chunk, _chunk);
    s += fmt::format("// Unit u of the batched entry: the chunk of points from u times its size.\nstatic inline int "
                     "{}_unit(std::int64_t u, {})\n{{\n  const std::int64_t first = u * {};\n  return {}_block(first, "
                     "n - first < {} ? n : first + {}, args, arg_strides, outs);\n}}\n\n",
                     sym, entry_parameters(_scalar), _chunk, sym, _chunk, _chunk);
    return s;
  }

  const Kernel & _k;
  EmittedSystems & _unit;
  const Graph & _g;
  const Flavour _flavour;
  const std::string _scalar, _chunk;
  std::vector<graph::NodeId> _solves;
};
} // namespace

void
emit_lane_unit(std::ostringstream & os, const Kernel & k, EmittedSystems & unit)
{
  LaneUnit(k, unit).write(os);
}
} // namespace neml2::codegen

// Kernels with implicit solves, W points at a time: one SIMD lane per point.
//
// The per-point code of codegen_cpu.cpp spends its time in the residual/Jacobian evaluation and the
// LU of each Newton iteration, both straight-line arithmetic that is the same for every point. Here
// the same graphs are printed with every local a vector of W points (`V`, lane_ops.h), the Newton
// loop runs all lanes until the slowest has converged (newton_lanes.h, per-lane masks), and the
// batched entry hands out tiles of W points instead of points. Every lane does its point's scalar
// arithmetic in the scalar order, so results stay bit-identical to the eager interpreter.
#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include "codegen_cpu_internal.h"
#include "neml2/base/error.h"
#include "neml2/graph/implicit.h"

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
                           : fmt::format("to_lanes<V>(s{}_its)", n.args[0]);
      }
      return fmt::format("l{}_B[{}]", n.args[0], n.comp);
    }
    case OpKind::Input:
    case OpKind::Solve:
    case OpKind::LinSolve:
      break; // written by LaneEmitter
  }
  NEML2_UNREACHABLE("no lane code generation rule for op '{}'", graph::op_name(n.op));
}

bool
system_on_lanes(const graph::ImplicitSystem & sys)
{
  // newton_lanes.h has full steps and backtracking; the strong Wolfe search stays scalar.
  if (sys.settings.line_search == graph::LineSearchKind::StrongWolfe)
    return false;
  for (const auto & inner : sys.newton.systems())
    if (!system_on_lanes(*inner))
      return false;
  return true;
}

/// BodyEmitter's twin: the straight-line body of a graph with one `V` local per node; implicit
/// solves become calls of per-system lane functions, written to `defs` first.
class LaneEmitter
{
public:
  LaneEmitter(std::ostringstream & defs, const char * T, Dtype dtype)
    : _defs(defs),
      _scalar_type(T),
      _dtype(dtype)
  {
  }

  /// `input(arg, comp)` is the C expression (a V) of an argument component.
  void body(std::ostringstream & os, const Graph & g, const std::string & prefix,
            const std::function<std::string(int, int)> & input)
  {
    OriginComments origins;
    for (std::size_t id = 0; id < g.nodes().size(); ++id)
    {
      const auto nid = static_cast<graph::NodeId>(id);
      const auto & n = g.node(nid);
      origins.before(os, g, nid);
      if (n.op == OpKind::Solve)
        solve(os, g, nid, prefix);
      else if (n.op == OpKind::LinSolve)
        lin_solve(os, g, nid);
      else
        os << fmt::format("  const V v{} = {}; // {}\n", id,
                          n.op == OpKind::Input ? input(n.arg, n.comp) : lane_expression(g, nid), node_comment(g, nid));
    }
  }

private:
  static std::string list(const std::vector<graph::NodeId> & ids, std::size_t from, std::size_t count)
  {
    std::vector<std::string> v;
    for (std::size_t k = from; k < from + count; ++k)
      v.push_back(fmt::format("v{}", ids[k]));
    if (v.empty())
      v.push_back("V{}"); // C++ has no zero-length arrays
    return fmt::format("{}", fmt::join(v, ", "));
  }

  void solve(std::ostringstream & os, const Graph & g, graph::NodeId id, const std::string & prefix)
  {
    const auto & sys = *g.systems()[static_cast<std::size_t>(g.node(id).arg)];
    const auto fn = fmt::format("{}_sys{}", prefix, id);
    system_functions(sys, fn);
    const auto & ops = g.operands(id);
    const auto n = static_cast<std::size_t>(sys.n), m = static_cast<std::size_t>(sys.m);
    os << fmt::format("  // %{} solve: implicit system '{}', {} unknown(s), {} given\n", id, sys.name, n, m);
    os << fmt::format("  V s{}_x[{}] = {{{}}};\n", id, n, list(ops, 0, n));
    os << fmt::format("  const V s{}_g[{}] = {{{}}};\n", id, std::max<std::size_t>(m, 1), list(ops, n, m));
    os << fmt::format("  const auto s{}_its = {}_solve_lanes(s{}_x, s{}_g);\n", id, fn, id, id);
    os << fmt::format("  failed_ = failed_ | (s{}_its < 0);\n", id);
  }

  void lin_solve(std::ostringstream & os, const Graph & g, graph::NodeId id)
  {
    const auto & node = g.node(id);
    const auto n = static_cast<std::size_t>(node.arg), m = static_cast<std::size_t>(node.comp);
    const auto & ops = g.operands(id);
    os << fmt::format("  // %{} linsolve {}x{}, {} rhs (NaN where singular, as nt_lu_solve's callers)\n", id, n, n, m);
    os << fmt::format("  V l{}_A[{}] = {{{}}};\n", id, n * n, list(ops, 0, n * n));
    os << fmt::format("  V l{}_B[{}] = {{{}}};\n", id, n * m, list(ops, n * n, n * m));
    os << fmt::format("  {{\n    const auto regular = nt_lanes_lu_solve<{}, {}>(l{}_A, l{}_B);\n", n, m, id, id);
    os << fmt::format("    for (int k = 0; k < {}; ++k)\n      l{}_B[k] = regular ? l{}_B[k] : "
                      "splat<V>(std::numeric_limits<{}>::quiet_NaN());\n  }}\n",
                      n * m, id, id, _scalar_type);
  }

  /// `<fn>_eval_lanes(x, g, r, J)` and `<fn>_solve_lanes(x, g)` for one implicit system.
  void system_functions(const graph::ImplicitSystem & sys, const std::string & fn)
  {
    std::ostringstream ev;
    LaneEmitter inner(_defs, _scalar_type, _dtype);
    inner.body(ev, sys.newton, fn,
               [](int arg, int comp) { return arg == 0 ? fmt::format("x[{}]", comp) : fmt::format("g[{}]", arg - 1); });
    std::ostringstream f;
    f << fmt::format("// residual and Jacobian of implicit system '{}' on W points, one lane each\n", sys.name);
    f << fmt::format("static inline void {}_eval_lanes(const V * x, const V * g, V * r, V * J)\n{{\n", fn);
    f << "  using namespace neml2_lanes;\n  (void)g;\n  mask_t<V> failed_ = {};\n";
    f << ev.str();
    f << "  (void)failed_;\n";
    const auto & r = sys.newton.outputs()[0].components;
    const auto & J = sys.newton.outputs()[1].components;
    for (std::size_t i = 0; i < r.size(); ++i)
      f << fmt::format("  r[{}] = v{};\n", i, r[i]);
    for (std::size_t i = 0; i < J.size(); ++i)
      f << fmt::format("  J[{}] = v{};\n", i, J[i]);
    f << "}\n\n";
    const auto & s = sys.settings;
    f << "// Newton's method on W points: every lane iterates exactly as nt_advance would for its point\n";
    f << "// (newton_lanes.h); returns the iteration count per lane, -1 where the solve failed.\n";
    f << fmt::format("static inline neml2_lanes::mask_t<V> {}_solve_lanes(V * x, const V * g)\n{{\n", fn);
    f << "  using namespace neml2_lanes;\n";
    f << fmt::format("  const neml2_ops::NtSettings<{}> o = {};\n", _scalar_type, newton_settings_literal(s, _dtype));
    f << fmt::format("  V xe[{}], dx[{}] = {{}}, r[{}], J[{}];\n", sys.n, sys.n, sys.n, sys.n * sys.n);
    f << fmt::format("  for (int i = 0; i < {}; ++i)\n    xe[i] = x[i];\n", sys.n);
    f << "  NtLanes<V> s;\n";
    f << fmt::format("  do\n  {{\n    {}_eval_lanes(xe, g, r, J);\n    nt_lanes_advance<{}>(s, x, xe, dx, J, r, o);\n"
                     "  }} while (any(s.status == 0));\n",
                     fn, sys.n);
    f << "  return s.status == 1 ? s.its : splat<mask_t<V>>(-1);\n}\n\n";
    _defs << f.str();
  }

  std::ostringstream & _defs;
  const char * _scalar_type;
  Dtype _dtype;
};
} // namespace

bool
lanes_possible(const Graph & g)
{
  for (const auto & n : g.nodes())
    if (n.op == OpKind::Solve && !system_on_lanes(*g.systems()[static_cast<std::size_t>(n.arg)]))
      return false;
  return true;
}

bool
lanes_supported(const Graph & g)
{
  bool solves = false;
  for (const auto & n : g.nodes())
    if (n.op == OpKind::Solve)
    {
      solves = true;
      if (!system_on_lanes(*g.systems()[static_cast<std::size_t>(n.arg)]))
        return false;
    }
  return solves;
}

void
emit_lanes_entry(std::ostringstream & os, const Kernel & k, const char * T)
{
  const Graph & g = *k.graph;
  std::ostringstream defs, body;
  LaneEmitter emitter(defs, T, g.dtype());
  emitter.body(body, g, k.symbol,
               [](int arg, int comp) { return fmt::format("load(a{}, a{}_at, {})", arg, arg, comp); });

  os << defs.str();
  os << "// Evaluates the nl <= W points p0 .. p0 + nl - 1 together, one lane each (lanes past nl repeat\n";
  os << "// the last point); returns how many of them had a failed implicit solve.\n";
  os << fmt::format("static inline int {}_lanes(std::int64_t p0, int nl, const {} * const * args, const std::int64_t * "
                    "arg_strides, {} * const * outs)\n{{\n",
                    k.symbol, T, T);
  os << "  using namespace neml2_lanes;\n  mask_t<V> failed_ = {};\n";
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
  os << "  int failed = 0;\n  for (int l = 0; l < nl; ++l)\n    failed += failed_[l] != 0;\n  return failed;\n}\n\n";

  // A tile of W points; a last, partial tile of fewer than cpu_min_lane_points points runs point
  // by point (cheaper than a tile).
  const auto point = k.symbol + "_point";
  os << "// Points p0 .. min(p0 + W, n) - 1: on lanes, or one by one when too few to fill them.\n";
  os << fmt::format("static inline int {}_tile(std::int64_t p0, std::int64_t n, const {} * const * args, const "
                    "std::int64_t * arg_strides, {} * const * outs)\n{{\n",
                    k.symbol, T, T);
  os << "  constexpr int W = neml2_lanes::LaneTraits<V>::W;\n";
  os << "  const int nl = n - p0 < W ? static_cast<int>(n - p0) : W;\n";
  os << fmt::format("  if (nl >= {})\n    return {}_lanes(p0, nl, args, arg_strides, outs);\n", cpu_min_lane_points,
                    k.symbol);
  os << fmt::format(
      "  int failed = 0;\n  for (std::int64_t p = p0; p < p0 + nl; ++p)\n  {{\n    double rn;\n    failed "
      "+= {}(p, args, arg_strides, outs, &rn) > 0;\n  }}\n  return failed;\n}}\n\n",
      point);

  os << "// Returns the number of points where an implicit solve failed. Tiles of W points, one SIMD lane each.\n";
  os << fmt::format("extern \"C\" int {}(std::int64_t n, const {} * const * args, const std::int64_t * "
                    "arg_strides, {} * const * outs)\n{{\n",
                    k.symbol, T, T);
  os << "  if (n <= 0)\n    return 0;\n";
  os << "  constexpr int W = neml2_lanes::LaneTraits<V>::W;\n";
  os << "  const std::int64_t tiles = (n + W - 1) / W;\n  int failed = 0;\n";
  os << fmt::format("  if (n < {}) // serial: no thread fork for small batches\n  {{\n", cpu_parallel_threshold);
  os << fmt::format(
      "    for (std::int64_t t = 0; t < tiles; ++t)\n      failed += {}_tile(t * W, n, args, arg_strides, "
      "outs);\n    return failed;\n  }}\n",
      k.symbol);
  os << "#pragma omp parallel for schedule(static) reduction(+ : failed)\n";
  os << fmt::format("  for (std::int64_t t = 0; t < tiles; ++t)\n    failed += {}_tile(t * W, n, args, arg_strides, "
                    "outs);\n  return failed;\n}}\n\n",
                    k.symbol);
}
} // namespace neml2::codegen

// KernelEmitter: kernel bodies, implicit solves and their Newton loops, for every flavour.
#include "kernel_emitter.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "neml2/base/error.h"
#include "neml2/graph/passes.h"

namespace neml2::codegen
{
using graph::Graph;
using graph::OpKind;

std::string
argument_label(const graph::Argument & a)
{
  return fmt::format("{} ({}, {}{})", a.name, graph::arg_kind_name(a.kind),
                     a.type ? std::string(type_name(*a.type)) : std::string("block"), shape_str(a.base_shape));
}

std::string
output_label(const graph::Output & o)
{
  switch (o.kind)
  {
    case graph::OutputKind::Value:
      return fmt::format("{} (value{})", o.name, shape_str(o.base_shape));
    case graph::OutputKind::Tangent:
      return fmt::format("{} (tangent{})", o.name, shape_str(o.base_shape));
    case graph::OutputKind::Derivative:
      return fmt::format("d({})/d({}) (block{})", o.name, o.wrt, shape_str(o.base_shape));
  }
  return o.name;
}

std::string
node_comment(const Graph & g, graph::NodeId id)
{
  const auto & n = g.node(id);
  if (n.op == OpKind::Input)
    return fmt::format("%{} input {}[{}]", id, g.arguments()[static_cast<std::size_t>(n.arg)].name, n.comp);
  if (n.op == OpKind::Const)
    return fmt::format("%{} const {}", id, n.value);
  std::string s = fmt::format("%{} {}", id, graph::op_name(n.op));
  for (int k = 0; k < graph::arity(n.op); ++k)
    s += fmt::format(" %{}", n.args[k]);
  return s;
}

std::string
entry_data_parameters(const std::string & T)
{
  return fmt::format("const {} * const * args, const std::int64_t * arg_strides, {} * const * outs", T, T);
}

std::string
entry_parameters(const std::string & T)
{
  return "std::int64_t n, " + entry_data_parameters(T);
}

std::string
entry_argument_checks(const Kernel & k, const std::string & invalid, const std::string & empty)
{
  const auto nargs = k.graph->arguments().size(), nouts = k.graph->outputs().size();
  std::string s = "  if (n < 0 || !args || !arg_strides || !outs)\n    " + invalid + "\n";
  if (nargs > 0)
    s += fmt::format("  for (int i = 0; i < {}; ++i)\n    if (!args[i])\n      {}\n", nargs, invalid);
  if (nouts > 0)
    s += fmt::format("  for (int j = 0; j < {}; ++j)\n    if (!outs[j])\n      {}\n", nouts, invalid);
  return s + "  if (n == 0)\n    " + empty + "\n";
}

std::string
abi_checks(const std::string & symbol, const char * T, const std::vector<std::string> & kinds)
{
  const std::string suffix = std::string(T) == "float" ? "f32" : "f64";
  std::string s;
  for (const auto & kind : kinds)
  {
    const bool entry = kind == "entry" || kind == "cuda_entry";
    const auto fn = entry ? symbol : symbol + "_" + (kind == "cuda_status" ? "status" : kind);
    const auto type = kind == "range_align" ? "neml2_" + kind : fmt::format("neml2_{}_{}", kind, suffix);
    s += fmt::format("static_assert(std::is_same<decltype(&{}), {}>::value, \"{} does not have the type "
                     "kernel_abi.h declares\");\n",
                     fn, type, fn);
  }
  return s + "\n";
}

std::string
newton_settings_literal(const graph::NewtonSettings & s, Dtype dtype)
{
  std::vector<std::string> fields;
  const auto real = [&](double v) { return cpu_literal(v, dtype); };
  const auto integer = [](int v) { return std::to_string(v); };
  const auto line_search = [](graph::LineSearchKind v) { return std::to_string(static_cast<int>(v)); };
#define NEML2_LITERAL_Real real
#define NEML2_LITERAL_Int integer
#define NEML2_LITERAL_Bool integer
#define NEML2_LITERAL_LineSearch line_search
#define NEML2_LITERAL_FIELD(name, kind, ...) fields.push_back(NEML2_LITERAL_##kind(s.name));
  NEML2_NEWTON_SETTINGS(NEML2_LITERAL_FIELD)
#undef NEML2_LITERAL_FIELD
#undef NEML2_LITERAL_Real
#undef NEML2_LITERAL_Int
#undef NEML2_LITERAL_Bool
#undef NEML2_LITERAL_LineSearch
  return fmt::format("{{{}}}", fmt::join(fields, ", "));
}

std::vector<graph::NodeId>
emission_order(const Graph & g)
{
  const auto count = g.nodes().size();
  std::vector<graph::NodeId> order;
  order.reserve(count);
  for (const auto & n : g.nodes())
    if (n.op == OpKind::Solve || n.op == OpKind::LinSolve)
    {
      for (std::size_t id = 0; id < count; ++id)
        order.push_back(static_cast<graph::NodeId>(id));
      return order;
    }
  // Iterative post-order: a node is printed once its operands are (chains can be thousands deep).
  std::vector<bool> seen(count, false);
  std::vector<std::pair<graph::NodeId, int>> stack; // a node and its next operand to visit
  auto visit = [&](graph::NodeId root) {
    if (seen[static_cast<std::size_t>(root)])
      return;
    seen[static_cast<std::size_t>(root)] = true;
    stack.emplace_back(root, 0);
    while (!stack.empty())
    {
      auto & [id, next] = stack.back();
      const auto & n = g.node(id);
      if (next < graph::arity(n.op))
      {
        const auto arg = n.args[next++];
        if (!seen[static_cast<std::size_t>(arg)])
        {
          seen[static_cast<std::size_t>(arg)] = true;
          stack.emplace_back(arg, 0);
        }
        continue;
      }
      order.push_back(id);
      stack.pop_back();
    }
  };
  for (const auto & o : g.outputs())
    for (const auto c : o.components)
      visit(c);
  for (std::size_t id = 0; id < count; ++id) // what no output needs, as the graph has it
    visit(static_cast<graph::NodeId>(id));
  return order;
}

std::string
KernelEmitter::locals() const
{
  // Failed solves (per lane) and the largest residual norm among them, for the failure report;
  // the Newton updates of all solves and the most pieces one cut its step into, for the status.
  return fmt::format("  using namespace {};\n  {}::I failed_ = {{}};\n  {}::V worst_ = {{}};\n  {}::I its_ = {{}};\n"
                     "  {}::I pieces_ = {}::isplat(1);\n  (void)its_;\n  (void)pieces_;\n",
                     _f.ops, _f.policy, _f.policy, _f.policy, _f.policy, _f.policy);
}

void
KernelEmitter::origin(std::ostream & os, const Graph & g, graph::NodeId id)
{
  // A comment naming the model (and input-file line) a statement comes from, when it changes.
  const auto & origin = g.origin_of(id);
  if (origin.empty() || origin == _last_origin)
    return;
  os << "  // " << origin << "\n";
  _last_origin = origin;
}

void
KernelEmitter::local(std::ostream & os, const Graph & g, graph::NodeId id, const std::string & rhs) const
{
  os << fmt::format("  const {} v{} = {}; // {}\n", _f.value, id, rhs, node_comment(g, id));
}

std::string
KernelEmitter::list(const std::vector<graph::NodeId> & ids, std::size_t from, std::size_t count) const
{
  std::vector<std::string> v;
  for (std::size_t k = from; k < from + count; ++k)
    v.push_back(fmt::format("v{}", ids[k]));
  if (v.empty())
    v.push_back(_f.value + "{}"); // C++ has no zero-length arrays
  return fmt::format("{}", fmt::join(v, ", "));
}

void
KernelEmitter::solve(std::ostream & os, const Graph & g, graph::NodeId id, const std::string & prefix)
{
  const auto & sys = *g.systems()[static_cast<std::size_t>(g.node(id).arg)];
  const auto fn = system_functions(sys, fmt::format("{}_sys{}", prefix, id));
  _system_names[id] = fn;
  const auto & ops = g.operands(id);
  const auto n = static_cast<std::size_t>(sys.n), m = static_cast<std::size_t>(sys.m);
  const auto & V = _f.value;
  const auto how = mode(id);
  os << fmt::format("  // %{} solve: implicit system '{}', {} unknown(s), {} given{}\n", id, sys.name, n, m,
                    how == SolveMode::Save   ? ": the guess and givens to the chunk's scratch"
                    : how == SolveMode::Load ? ": solved by the chunk's stream (nt_stream)"
                                             : "");
  if (how == SolveMode::Save)
  {
    for (std::size_t k = 0; k < n + m; ++k)
      os << fmt::format("  scratch_store(sc.s{}_{} + {} * {}, off, nl, v{});\n", id, k < n ? "x" : "g",
                        k < n ? k : k - n, _chunk, ops[k]);
    return;
  }
  if (how == SolveMode::Load)
  {
    std::vector<std::string> x;
    for (std::size_t k = 0; k < n; ++k)
      x.push_back(fmt::format("scratch_load<V>(sc.s{}_x + {} * {}, off, nl)", id, k, _chunk));
    os << fmt::format("  {} s{}_x[{}] = {{{}}};\n", V, id, n, fmt::join(x, ", "));
    os << fmt::format("  neml2_ops::NtState<{}> s{};\n", _f.policy, id);
    os << fmt::format("  s{}.status = scratch_load<{}::I>(sc.s{}_status, off, nl);\n", id, _f.policy, id);
    os << fmt::format("  s{}.its = scratch_load<{}::I>(sc.s{}_its, off, nl);\n", id, _f.policy, id);
    os << fmt::format("  s{}.rn = scratch_load<V>(sc.s{}_rn, off, nl);\n", id, id);
  }
  else
    os << fmt::format("  {} s{}_x[{}] = {{{}}};\n", V, id, n, list(ops, 0, n));
  if (how == SolveMode::Solve || sys.max_substep_level > 0)
    os << fmt::format("  const {} s{}_g[{}] = {{{}}};\n", V, id, std::max<std::size_t>(m, 1), list(ops, n, m));
  if (how == SolveMode::Solve)
    os << fmt::format("  neml2_ops::NtState<{}> s{};\n", _f.policy, id);
  if (sys.max_substep_level > 0)
    os << fmt::format("  const {} s{}_x0[{}] = {{{}}};\n", V, id, n, list(ops, 0, n));
  if (how == SolveMode::Solve)
    os << fmt::format("  {}_solve{}(s{}_x, s{}_g, s{});\n", fn, _f.suffix, id, id, id);
  if (sys.max_substep_level > 0)
  {
    // Points whose step failed retry it in pieces (newton_ops.h, nt_substep).
    auto ints = [](const std::vector<int> & v) { return fmt::format("{}", fmt::join(v, ", ")); };
    os << fmt::format("  {{\n    const int role[{}] = {{{}}}, pair[{}] = {{{}}};\n", std::max<std::size_t>(m, 1),
                      m ? ints(sys.given_role) : "0", std::max<std::size_t>(m, 1), m ? ints(sys.given_pair) : "0");
    os << fmt::format("    const neml2_ops::NtSubsteps sub = {{role, pair, {}}};\n", sys.max_substep_level);
    os << fmt::format("    {}::I pieces;\n    {} work[{}];\n", _f.policy, V, 2 * n + m);
    os << fmt::format(
        "    neml2_ops::nt_substep<{}, {}>(s{}, s{}_x, s{}_x0, s{}_g, {}, sub, pieces, work,\n"
        "        []({} * x_, const {} * g_, neml2_ops::NtState<{}> & t_) {{ {}_solve{}(x_, g_, t_); }});\n",
        _f.policy, n, id, id, id, id, m, V, V, _f.policy, fn, _f.suffix);
    os << "    pieces_ = pieces > pieces_ ? pieces : pieces_;\n  }\n";
  }
  os << fmt::format("  neml2_ops::nt_record(s{}, failed_, worst_);\n", id);
  os << fmt::format("  its_ = its_ + s{}.its;\n", id);
}

void
KernelEmitter::lin_solve(std::ostream & os, const Graph & g, graph::NodeId id) const
{
  const auto & node = g.node(id);
  const auto n = static_cast<std::size_t>(node.arg), m = static_cast<std::size_t>(node.comp);
  const auto & ops = g.operands(id);
  const auto & V = _f.value;
  os << fmt::format("  // %{} linsolve {}x{}, {} rhs (NaN where singular)\n", id, n, n, m);
  os << fmt::format("  {} l{}_A[{}] = {{{}}};\n", V, id, n * n, list(ops, 0, n * n));
  os << fmt::format("  {} l{}_B[{}] = {{{}}};\n", V, id, n * m, list(ops, n * n, n * m));
  os << fmt::format("  {{\n    const auto regular = neml2_ops::nt_lu_solve<{}, {}, {}>(l{}_A, l{}_B);\n", _f.policy, n,
                    m, id, id);
  os << fmt::format("    for (int k = 0; k < {}; ++k)\n      l{}_B[k] = regular ? l{}_B[k] : "
                    "{}::splat(std::numeric_limits<{}>::quiet_NaN());\n  }}\n",
                    n * m, id, id, _f.policy, _f.scalar);
}

std::string
KernelEmitter::system_functions(const graph::ImplicitSystem & sys, const std::string & name)
{
  if (const auto done = _emitted->resolved.find(name); done != _emitted->resolved.end())
    return done->second;
  // The text is printed with a stand-in for its own name, so that the same system's text is the
  // same string in every kernel; systems nested in it are named (and shared) before it.
  const std::string fn = "@NEML2_SYSTEM@";
  const auto & V = _f.value;
  const auto x_or_g = [](int arg, int comp) {
    return arg == 0 ? fmt::format("x[{}]", comp) : fmt::format("g[{}]", arg - 1);
  };
  // A nested solve's failure shows in the outer solve's residual, so its count is not kept here.
  const bool nested = std::any_of(sys.newton.nodes().begin(), sys.newton.nodes().end(),
                                  [](const graph::Node & n) { return n.op == OpKind::Solve; });
  // `<fn>_eval` (r and J) and `<fn>_residual` (r alone, from the graph pruned to r: the same
  // operations on the same values, so the same bits), for the iterates where J goes unused.
  std::ostringstream f;
  // Solves nested in the system are named after `prefix` and their node: the pruned graph numbers
  // its nodes anew, so it names its own.
  const auto evaluation = [&](const Graph & g, const std::string & prefix, const std::string & what,
                              const std::string & signature) {
    std::ostringstream ev;
    KernelEmitter inner(_defs, _f, _emitted);
    inner.body(ev, g, prefix, x_or_g);
    f << fmt::format("// {} of implicit system '{}' ({} unknown(s): {})\n", what, sys.name, sys.n,
                     fmt::join(sys.unknown_names, ", "));
    f << fmt::format("{} void {}{}\n{{\n", _f.eval_fn, fn, signature);
    f << (nested ? locals() : fmt::format("  using namespace {};\n", _f.ops)) << "  (void)g;\n";
    f << ev.str();
    if (nested)
      f << "  (void)failed_;\n  (void)worst_;\n";
    const auto & outs = g.outputs();
    for (std::size_t k = 0; k < outs.size(); ++k)
      for (std::size_t i = 0; i < outs[k].components.size(); ++i)
        f << fmt::format("  {}[{}] = v{};\n", k == 0 ? "r" : "J", i, outs[k].components[i]);
    f << "}\n\n";
  };
  evaluation(sys.newton, name, "residual and Jacobian",
             fmt::format("_eval{}(const {} * x, const {} * g, {} * r, {} * J)", _f.suffix, V, V, V, V));
  Graph residual = sys.newton;
  residual.outputs().resize(1);
  evaluation(graph::prune(residual), name + "_r", "residual",
             fmt::format("_residual{}(const {} * x, const {} * g, {} * r)", _f.suffix, V, V, V));
  f << "// Newton's method (newton_ops.h), exactly as the eager interpreter iterates each point\n";
  f << fmt::format("{} void {}_solve{}({} * x, const {} * g, neml2_ops::NtState<{}> & s)\n{{\n", _f.fn, fn, _f.suffix,
                   V, V, _f.policy);
  f << fmt::format("  const neml2_ops::NtSettings<{}> o = {};\n", _f.scalar,
                   newton_settings_literal(sys.settings, sys.newton.dtype()));
  // F, piv: the factors of the last Newton direction, for the final update (nt_advance), which
  // may leave them in J: then J and F swap buffers. Lanes blend F with J lane by lane, so F starts
  // zeroed there; one point writes F whole before it reads it.
  const bool lanes = V != _f.scalar;
  f << fmt::format("  {} xe[{}], dx[{}] = {{}}, r[{}], jacobians[2][{}]{};\n  {} *J = jacobians[0], *F = "
                   "jacobians[1];\n  {}::I piv[{}]{};\n",
                   V, sys.n, sys.n, sys.n, sys.n * sys.n, lanes ? " = {}" : "", V, _f.policy, sys.n,
                   lanes ? " = {}" : "");
  f << fmt::format("  for (int i = 0; i < {}; ++i)\n    xe[i] = x[i];\n", sys.n);
  f << fmt::format("  do\n    neml2_ops::nt_round<{}, {}>(\n        s, x, xe, dx, J, r, F, piv, o,\n"
                   "        [&](const {} * x_, {} * r_, {} * J_) {{ {}_eval{}(x_, g, r_, J_); }},\n"
                   "        [&](const {} * x_, {} * r_) {{ {}_residual{}(x_, g, r_); }});\n"
                   "  while ({}::any(s.status == 0));\n}}\n\n",
                   _f.policy, sys.n, V, V, V, fn, _f.suffix, V, V, fn, _f.suffix, _f.policy);
  const auto [it, fresh] = _emitted->names.emplace(f.str(), name);
  if (fresh)
  {
    std::string text = f.str();
    for (std::size_t at; (at = text.find(fn)) != std::string::npos;)
      text.replace(at, fn.size(), name);
    _defs << text;
  }
  return _emitted->resolved[name] = it->second;
}
} // namespace neml2::codegen

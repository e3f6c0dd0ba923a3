// CodegenCpu: per-point straight-line C++ for each graph, plus its batched C-ABI entry.
#include "neml2/codegen/codegen_cpu.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <sstream>

#include <fmt/format.h>

#include "codegen_cpu_internal.h"
#include "neml2/base/error.h"
#include "neml2/codegen/scalar_ops_source.h"
#include "neml2/graph/implicit.h"

namespace neml2::codegen
{
using graph::Graph;
using graph::OpKind;

std::string
c_identifier(const std::string & name)
{
  std::string out = name;
  for (auto & ch : out)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_'))
      ch = '_';
  return out;
}

std::string
cpu_literal(double v, Dtype dtype)
{
  const bool f32 = dtype == Dtype::Float32;
  const char * T = f32 ? "float" : "double";
  if (std::isnan(v))
    return fmt::format("std::numeric_limits<{}>::quiet_NaN()", T);
  if (std::isinf(v))
    return fmt::format("{}std::numeric_limits<{}>::infinity()", v < 0 ? "-" : "", T);
  char buf[64];
  std::to_chars_result r{};
  const bool neg = std::signbit(v);
  if (f32)
    r = std::to_chars(buf, buf + sizeof(buf), std::fabs(static_cast<float>(v)), std::chars_format::hex);
  else
    r = std::to_chars(buf, buf + sizeof(buf), std::fabs(v), std::chars_format::hex);
  NEML2_ASSERT(r.ec == std::errc(), "cannot print constant {}", v);
  return fmt::format("{}0x{}{}", neg ? "-" : "", std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)),
                     f32 ? "f" : "");
}

// argument_label, output_label and node_comment are shared with codegen_cpu_lanes.cpp.
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

namespace
{
/// The right-hand side of node `id`'s line.
std::string
node_expression(const Graph & g, graph::NodeId id)
{
  const auto & n = g.node(id);
  // An elementwise op is a call of its scalar definition (scalar_ops.h, copied into the kernel).
  auto call = [&](const char * fn) {
    std::vector<std::string> args;
    for (int k = 0; k < graph::arity(n.op); ++k)
      args.push_back(fmt::format("v{}", n.args[k]));
    return fmt::format("{}({})", fn, fmt::join(args, ", "));
  };
  switch (n.op)
  {
#define NEML2_ELEMENTWISE_OP(e, name, ar, lanes) \
  case OpKind::e:                                \
    return call("op_" #name);
#include "neml2/graph/ops.def"
    case OpKind::Const:
      return cpu_literal(n.value, g.dtype());
    case OpKind::Input:
      return fmt::format("a{}[{}]", n.arg, n.comp);
    case OpKind::Part:
    {
      const auto & src = g.node(n.args[0]);
      if (src.op == OpKind::Solve)
      {
        const int nu = g.systems()[static_cast<std::size_t>(src.arg)]->n;
        return n.comp < nu ? fmt::format("s{}_x[{}]", n.args[0], n.comp) : fmt::format("s{}_its", n.args[0]);
      }
      return fmt::format("l{}_B[{}]", n.args[0], n.comp);
    }
    case OpKind::Solve:
    case OpKind::LinSolve:
      break; // multi-line: see StructuredEmitter
  }
  NEML2_UNREACHABLE("no code generation rule for op '{}'", graph::op_name(n.op));
}
} // namespace

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

namespace
{
/// Writes the straight-line body of a graph (one local per node). Implicit solves become calls
/// of per-system functions, written to `defs` first (recursively for nested systems), declared
/// with `fn` ("static inline" on CPU, "static __device__ inline" for CUDA).
class BodyEmitter
{
public:
  BodyEmitter(std::ostringstream & defs, const char * T, Dtype dtype, const char * fn = "static inline")
    : _defs(defs),
      _scalar_type(T),
      _dtype(dtype),
      _fn(fn)
  {
  }

  /// `input(arg, comp)` is the C expression of an argument component.
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
      else if (n.op == OpKind::Input)
        os << fmt::format("  const {} v{} = {}; // {}\n", _scalar_type, id, input(n.arg, n.comp), node_comment(g, nid));
      else
        os << fmt::format("  const {} v{} = {}; // {}\n", _scalar_type, id, node_expression(g, nid),
                          node_comment(g, nid));
    }
  }

private:
  std::string list(const std::vector<graph::NodeId> & ids, std::size_t from, std::size_t count)
  {
    std::vector<std::string> v;
    for (std::size_t k = from; k < from + count; ++k)
      v.push_back(fmt::format("v{}", ids[k]));
    if (v.empty())
      v.push_back(fmt::format("{}(0)", _scalar_type)); // C++ has no zero-length arrays
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
    os << fmt::format("  {} s{}_x[{}] = {{{}}};\n", _scalar_type, id, n, list(ops, 0, n));
    os << fmt::format("  const {} s{}_g[{}] = {{{}}};\n", _scalar_type, id, std::max<std::size_t>(m, 1),
                      list(ops, n, m));
    os << fmt::format("  double s{}_rn = 0;\n", id);
    os << fmt::format("  const int s{}_its = {}_solve(s{}_x, s{}_g, &s{}_rn);\n", id, fn, id, id, id);
    os << fmt::format("  if (s{}_its < 0)\n  {{\n    ++failed_;\n    if (!(s{}_rn <= worst_))\n      worst_ = "
                      "s{}_rn;\n  }}\n",
                      id, id, id);
  }

  void lin_solve(std::ostringstream & os, const Graph & g, graph::NodeId id)
  {
    const auto & node = g.node(id);
    const auto n = static_cast<std::size_t>(node.arg), m = static_cast<std::size_t>(node.comp);
    const auto & ops = g.operands(id);
    os << fmt::format("  // %{} linsolve {}x{}, {} rhs\n", id, n, n, m);
    os << fmt::format("  {} l{}_A[{}] = {{{}}};\n", _scalar_type, id, n * n, list(ops, 0, n * n));
    os << fmt::format("  {} l{}_B[{}] = {{{}}};\n", _scalar_type, id, n * m, list(ops, n * n, n * m));
    os << fmt::format("  if (!nt_lu_solve({}, {}, l{}_A, l{}_B))\n    for (int k = 0; k < {}; ++k)\n      l{}_B[k] = "
                      "std::numeric_limits<{}>::quiet_NaN();\n",
                      n, m, id, id, n * m, id, _scalar_type);
  }

  /// `<fn>_eval(x, g, r, J)` and `<fn>_solve(x, g, rn)` for one implicit system.
  void system_functions(const graph::ImplicitSystem & sys, const std::string & fn)
  {
    std::ostringstream ev;
    BodyEmitter inner(_defs, _scalar_type, _dtype, _fn);
    inner.body(ev, sys.newton, fn,
               [](int arg, int comp) { return arg == 0 ? fmt::format("x[{}]", comp) : fmt::format("g[{}]", arg - 1); });
    std::ostringstream f;
    f << fmt::format("// residual and Jacobian of implicit system '{}' ({} unknown(s): {})\n", sys.name, sys.n,
                     fmt::join(sys.unknown_names, ", "));
    f << fmt::format("{} void {}_eval(const {} * x, const {} * g, {} * r, {} * J)\n{{\n", _fn, fn, _scalar_type,
                     _scalar_type, _scalar_type, _scalar_type);
    f << "  using namespace neml2_ops;\n  (void)g;\n  int failed_ = 0;\n  double worst_ = 0;\n";
    f << ev.str();
    f << "  (void)failed_;\n  (void)worst_;\n";
    const auto & r = sys.newton.outputs()[0].components;
    const auto & J = sys.newton.outputs()[1].components;
    for (std::size_t i = 0; i < r.size(); ++i)
      f << fmt::format("  r[{}] = v{};\n", i, r[i]);
    for (std::size_t i = 0; i < J.size(); ++i)
      f << fmt::format("  J[{}] = v{};\n", i, J[i]);
    f << "}\n\n";
    const auto & s = sys.settings;
    f << fmt::format("// Newton's method per point, exactly as the eager interpreter iterates (newton_ops.h)\n");
    f << fmt::format("{} int {}_solve({} * x, const {} * g, double * rn)\n{{\n", _fn, fn, _scalar_type, _scalar_type);
    f << "  using namespace neml2_ops;\n";
    f << fmt::format("  const NtSettings<{}> o = {};\n", _scalar_type, newton_settings_literal(s, _dtype));
    f << fmt::format("  {} xe[{}], dx[{}], r[{}], J[{}];\n", _scalar_type, sys.n, sys.n, sys.n, sys.n * sys.n);
    f << fmt::format("  for (int i = 0; i < {}; ++i)\n    xe[i] = x[i];\n", sys.n);
    f << fmt::format("  NtState<{}> s;\n", _scalar_type);
    f << fmt::format("  do\n  {{\n    {}_eval(xe, g, r, J);\n    nt_advance(s, {}, x, xe, dx, J, r, o);\n  }} while "
                     "(s.status == 0);\n",
                     fn, sys.n);
    f << "  *rn = static_cast<double>(s.rn);\n  return s.status == 1 ? s.its : -1;\n}\n\n";
    _defs << f.str();
  }

  std::ostringstream & _defs;
  const char * _scalar_type;
  Dtype _dtype;
  const char * _fn;
};
} // namespace

std::string
generate_point_functions(const Kernel & k, Target target)
{
  const Graph & g = *k.graph;
  const char * T = g.dtype() == Dtype::Float64 ? "double" : "float";
  const auto point = k.symbol + "_point";
  const char * fn = target == Target::Cuda ? "static __device__ inline" : "static inline";
  std::ostringstream os, defs, body;
  BodyEmitter emitter(defs, T, g.dtype(), fn);
  emitter.body(body, g, k.symbol, [](int arg, int comp) { return fmt::format("a{}[{}]", arg, comp); });

  os << fmt::format("// ---- {}: {} argument(s), {} output(s), {} node(s)\n", k.symbol, g.arguments().size(),
                    g.outputs().size(), g.nodes().size());
  os << defs.str();
  os << "// Evaluates point p; returns the number of implicit solves that failed there (worst residual in *rn).\n";
  os << fmt::format("{} int {}(std::int64_t p, const {} * const * args, const std::int64_t * "
                    "arg_strides, {} * const * outs, double * rn)\n{{\n",
                    fn, point, T, T);
  os << "  using namespace neml2_ops;\n  int failed_ = 0;\n  double worst_ = 0;\n";
  for (std::size_t i = 0; i < g.arguments().size(); ++i)
  {
    const auto & a = g.arguments()[i];
    os << fmt::format("  const {} * a{} = args[{}] + p * arg_strides[{}] * {}; // {}\n", T, i, i, i, a.leaves.size(),
                      argument_label(a));
  }
  os << body.str();
  for (std::size_t j = 0; j < g.outputs().size(); ++j)
  {
    const auto & o = g.outputs()[j];
    os << fmt::format("  {} * o{} = outs[{}] + p * {}; // {}\n", T, j, j, o.components.size(), output_label(o));
    for (std::size_t c = 0; c < o.components.size(); ++c)
      os << fmt::format("  o{}[{}] = v{};\n", j, c, o.components[c]);
  }
  os << "  *rn = worst_;\n  return failed_;\n}\n\n";
  return os.str();
}

namespace
{
void emit_point_entry(std::ostringstream & os, const Kernel & k, const char * T);
void emit_status(std::ostringstream & os, const Kernel & k, const char * T);

void
emit_kernel(std::ostringstream & os, const Kernel & k, const char * T, bool lanes)
{
  os << generate_point_functions(k, Target::Cpu);
  if (lanes)
    emit_lanes_entry(os, k, T); // implicit solves: W points at a time (codegen_cpu_lanes.cpp)
  else
    emit_point_entry(os, k, T);
  emit_status(os, k, T);
  os << abi_checks(k.symbol, T, {"entry", "status"});
}

/// The batched entry of a kernel evaluated point by point.
void
emit_point_entry(std::ostringstream & os, const Kernel & k, const char * T)
{
  const auto point = k.symbol + "_point";
  os << "// Returns the number of points where an implicit solve failed (0 for explicit models).\n";
  os << fmt::format("extern \"C\" int {}(std::int64_t n, const {} * const * args, const std::int64_t * "
                    "arg_strides, {} * const * outs)\n{{\n",
                    k.symbol, T, T);
  os << "  if (n <= 0)\n    return 0;\n  int failed = 0;\n";
  os << fmt::format("  if (n < {}) // serial: no thread fork for small batches\n  {{\n", cpu_parallel_threshold);
  os << fmt::format("    for (std::int64_t p = 0; p < n; ++p)\n    {{\n      double rn;\n      failed += {}(p, args, "
                    "arg_strides, outs, &rn) > 0;\n    }}\n",
                    point);
  os << "    return failed;\n  }\n";
  os << "#pragma omp parallel for schedule(static) reduction(+ : failed)\n";
  os << fmt::format("  for (std::int64_t p = 0; p < n; ++p)\n  {{\n    double rn;\n    failed += {}(p, args, "
                    "arg_strides, outs, &rn) > 0;\n  }}\n",
                    point);
  os << "  return failed;\n}\n\n";
}

/// `<symbol>_status`: the per-point report after a failed call (always point by point).
void
emit_status(std::ostringstream & os, const Kernel & k, const char * T)
{
  const auto point = k.symbol + "_point";
  os << "// Per-point report after a failed call: status[p] = -1 where a solve failed, its residual norm in "
        "rnorm[p].\n";
  os << fmt::format("extern \"C\" void {}_status(std::int64_t n, const {} * const * args, const std::int64_t * "
                    "arg_strides, {} * const * outs, std::int32_t * status, double * rnorm)\n{{\n",
                    k.symbol, T, T);
  os << fmt::format("  for (std::int64_t p = 0; p < n; ++p)\n    status[p] = {}(p, args, arg_strides, outs, rnorm + p) "
                    "> 0 ? -1 : 0;\n}}\n\n",
                    point);
}
} // namespace

std::string
shared_ops_source()
{
  std::string s;
  s += "// ---- kernel_abi.h, copied verbatim: the C types of the entries below (checked by static_assert).\n";
  s += std::string(kernel_abi_source) + "\n";
  s += "// ---- end of kernel_abi.h\n\n";
  s += "// ---- scalar_ops.h, copied verbatim: the meaning of every op, shared with the eager interpreter.\n";
  s += std::string(scalar_ops_source) + "\n";
  s += "// ---- end of scalar_ops.h\n\n";
  s += "// ---- newton_ops.h, copied verbatim: per-point LU and Newton steps, shared with the eager interpreter.\n";
  s += std::string(newton_ops_source) + "\n";
  s += "// ---- end of newton_ops.h\n\n";
  return s;
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
#define NEML2_LITERAL_LineSearch line_search
#define NEML2_LITERAL_FIELD(name, kind, def) fields.push_back(NEML2_LITERAL_##kind(s.name));
  NEML2_NEWTON_SETTINGS(NEML2_LITERAL_FIELD)
#undef NEML2_LITERAL_FIELD
#undef NEML2_LITERAL_Real
#undef NEML2_LITERAL_Int
#undef NEML2_LITERAL_LineSearch
  return fmt::format("{{{}}}", fmt::join(fields, ", "));
}

std::string
abi_checks(const std::string & symbol, const char * T, const std::vector<std::string> & kinds)
{
  const std::string suffix = std::string(T) == "float" ? "f32" : "f64";
  std::string s;
  for (const auto & kind : kinds)
  {
    const auto fn = kind == "entry" || kind == "cuda_entry" ? symbol : symbol + "_status";
    s += fmt::format("static_assert(std::is_same<decltype(&{}), neml2_{}_{}>::value, \"{} does not have the type "
                     "kernel_abi.h declares\");\n",
                     fn, kind, suffix, fn);
  }
  return s + "\n";
}

const char *
library_scalar_type(const std::vector<Kernel> & kernels)
{
  NEML2_ASSERT(!kernels.empty(), "a kernel library needs at least one kernel");
  const Dtype dtype = kernels.front().graph->dtype();
  for (const auto & k : kernels)
  {
    NEML2_ASSERT(k.graph->dtype() == dtype, "kernels of one library must share a dtype");
  }
  return dtype == Dtype::Float64 ? "double" : "float";
}

bool
has_implicit_solve(const Graph & g)
{
  for (const auto & n : g.nodes())
    if (n.op == OpKind::Solve || n.op == OpKind::LinSolve || n.op == OpKind::Part)
      return true;
  return false;
}

const char *
cpu_kernel_form_name(CpuKernelForm form)
{
  switch (form)
  {
    case CpuKernelForm::Auto:
      return "auto";
    case CpuKernelForm::Points:
      return "points";
    case CpuKernelForm::Lanes:
      return "lanes";
  }
  NEML2_UNREACHABLE("unknown CpuKernelForm {}", static_cast<int>(form));
}

CpuKernelForm
parse_cpu_kernel_form(const std::string & name)
{
  for (auto f : {CpuKernelForm::Auto, CpuKernelForm::Points, CpuKernelForm::Lanes})
    if (name == cpu_kernel_form_name(f))
      return f;
  throw CompileError(fmt::format("unknown CPU kernel form '{}'; the forms are: auto, points, lanes", name));
}

namespace
{
/// Whether kernel `k` runs on SIMD lanes in `form`.
bool
on_lanes(const Kernel & k, CpuKernelForm form)
{
  switch (form)
  {
    case CpuKernelForm::Auto:
      return lanes_supported(*k.graph);
    case CpuKernelForm::Points:
      return false;
    case CpuKernelForm::Lanes:
      if (!lanes_possible(*k.graph))
        throw CompileError(fmt::format("kernel '{}' cannot run on SIMD lanes: one of its implicit solves uses the "
                                       "strong Wolfe line search, which has no lane form; use --cpu-kernels auto "
                                       "or points",
                                       k.symbol));
      return true;
  }
  NEML2_UNREACHABLE("unknown CpuKernelForm {}", static_cast<int>(form));
}
} // namespace

std::string
generate_cpu_source(const std::vector<Kernel> & kernels, const std::string & signature_symbol,
                    const std::string & signature, const std::string & header_comment, CpuKernelForm form)
{
  const char * T = library_scalar_type(kernels);
  std::vector<bool> lanes;
  for (const auto & k : kernels)
    lanes.push_back(on_lanes(k, form));

  std::ostringstream os;
  os << "// " << header_comment << "\n";
  os << "// Generated by neml2-compile; self-contained (C++17 standard library and OpenMP only). Do not edit.\n";
  os << "// Each kernel evaluates one material point with straight-line code; node ids (%N) refer to the\n";
  os << "// graph the kernel was generated from (neml2-inspect --graph).\n";
  os << "#include <cstdint>\n#include <limits>\n#include <type_traits>\n\n";
  os << shared_ops_source();
  if (std::find(lanes.begin(), lanes.end(), true) != lanes.end())
  {
    os << "// ---- lane_ops.h and newton_lanes.h, copied verbatim: the ops and Newton steps on W points at once.\n";
    os << "#define NEML2_KERNEL_SOURCE // their #includes of the headers above are for in-tree use\n";
    os << lane_ops_source << "\n" << newton_lanes_source << "\n";
    os << "// ---- end of lane_ops.h and newton_lanes.h\n\n";
    os << fmt::format("typedef neml2_lanes::Lanes<{}>::V V; // W = neml2_lanes::LaneTraits<V>::W points\n\n", T);
  }
  for (std::size_t i = 0; i < kernels.size(); ++i)
    emit_kernel(os, kernels[i], T, lanes[i]);
  os << fmt::format("extern \"C\" const char * {}(void)\n{{\n  return \"{}\";\n}}\n", signature_symbol, signature);
  return os.str();
}
} // namespace neml2::codegen

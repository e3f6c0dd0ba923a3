// CodegenCpu: per-point straight-line C++ for each graph, plus its batched C-ABI entry.
#include "neml2/codegen/codegen_cpu.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <sstream>

#include <fmt/format.h>

#include "codegen_cpu_internal.h"
#include "kernel_emitter.h"
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

namespace
{
/// The right-hand side of node `id`'s line, one point at a time.
std::string
point_expression(const Graph & g, graph::NodeId id)
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
    case OpKind::Part:
    {
      const auto & src = g.node(n.args[0]);
      if (src.op == OpKind::Solve)
      {
        const int nu = g.systems()[static_cast<std::size_t>(src.arg)]->n;
        return n.comp < nu ? fmt::format("s{}_x[{}]", n.args[0], n.comp)
                           : fmt::format("neml2_ops::nt_iterations(s{})", n.args[0]);
      }
      return fmt::format("l{}_B[{}]", n.args[0], n.comp);
    }
    case OpKind::Input:
    case OpKind::Solve:
    case OpKind::LinSolve:
      break; // written by KernelEmitter
  }
  NEML2_UNREACHABLE("no code generation rule for op '{}'", graph::op_name(n.op));
}
} // namespace

Flavour
point_flavour(Dtype dtype, Target target)
{
  const std::string T = dtype == Dtype::Float64 ? "double" : "float";
  const std::string fn = target == Target::Cuda ? "static __device__ inline" : "static inline";
  return {T, T, fmt::format("neml2_ops::PointPolicy<{}>", T), "neml2_ops", fn, fn, "", point_expression};
}

std::string
point_function_declaration(const Kernel & k, const std::string & scalar)
{
  return fmt::format("int {}_point(std::int64_t p, const {} * const * args, const std::int64_t * arg_strides, {} * "
                     "const * outs, double * rn, std::int32_t * its, std::int32_t * pieces)",
                     k.symbol, scalar, scalar);
}

std::string
generate_point_functions(const Kernel & k, Target target, PointLinkage linkage)
{
  EmittedSystems own;
  return generate_point_functions(k, target, linkage, own);
}

std::string
generate_point_functions(const Kernel & k, Target target, PointLinkage linkage, EmittedSystems & unit)
{
  const Graph & g = *k.graph;
  const auto flavour = point_flavour(g.dtype(), target);
  const auto & T = flavour.scalar;
  std::ostringstream os, defs, body;
  KernelEmitter emitter(defs, flavour, &unit);
  emitter.body(body, g, k.symbol, [](int arg, int comp) { return fmt::format("a{}[{}]", arg, comp); });

  os << fmt::format("// ---- {}: {} argument(s), {} output(s), {} node(s)\n", k.symbol, g.arguments().size(),
                    g.outputs().size(), g.nodes().size());
  os << defs.str();
  os << "// Evaluates point p; returns the number of implicit solves that failed there (worst residual in *rn),\n"
        "// with the Newton updates of its solves in *its and the most pieces one cut its step into in *pieces.\n";
  // Called from another translation unit of the library: an external name, hidden from the
  // library's exports.
  const std::string linkage_text =
      linkage == PointLinkage::Library ? std::string("__attribute__((visibility(\"hidden\")))") : flavour.fn;
  os << fmt::format("{} {}\n{{\n", linkage_text, point_function_declaration(k, T));
  os << emitter.locals();
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
  os << "  *rn = static_cast<double>(worst_);\n  *its = failed_ > 0 ? -1 : its_;\n  *pieces = failed_ > 0 ? 0 : "
        "pieces_;\n  return failed_;\n}\n\n";
  return os.str();
}

namespace
{
/// `<symbol>_unit(u, ...)` for a kernel walked point by point: unit u is point u; returns 1 where
/// an implicit solve failed.
void
emit_point_unit(std::ostringstream & os, const Kernel & k, const char * T)
{
  os << "// Unit u of the batched entry: point u; returns 1 where an implicit solve failed.\n";
  os << fmt::format("static inline int {}_unit(std::int64_t u, {})\n{{\n  (void)n;\n  double rn;\n  std::int32_t its, "
                    "pieces;\n  return {}_point(u, args, arg_strides, outs, &rn, &its, &pieces) > 0;\n}}\n\n",
                    k.symbol, entry_parameters(T), k.symbol);
}

/// The batched entry: units (points, or tiles of W points on lanes) serially for small batches,
/// else across OpenMP threads. `units` is the C expression of their count.
void
emit_entry(std::ostringstream & os, const Kernel & k, const char * T, const std::string & units)
{
  os << "// Returns the number of points where an implicit solve failed (0 for explicit models).\n";
  os << "// Returns -1 for invalid arguments (n < 0, a null array or pointer).\n";
  os << fmt::format("extern \"C\" int {}({})\n{{\n", k.symbol, entry_parameters(T));
  os << entry_argument_checks(k, "return -1;", "return 0;");
  os << fmt::format("  const std::int64_t units = {};\n  int failed = 0;\n", units);
  os << fmt::format("  if (n < {}) // serial: no thread fork for small batches\n  {{\n", cpu_parallel_threshold);
  os << fmt::format("    for (std::int64_t u = 0; u < units; ++u)\n      failed += {}_unit(u, n, args, arg_strides, "
                    "outs);\n    return failed;\n  }}\n",
                    k.symbol);
  os << "#pragma omp parallel for schedule(static) reduction(+ : failed)\n";
  os << fmt::format("  for (std::int64_t u = 0; u < units; ++u)\n    failed += {}_unit(u, n, args, arg_strides, "
                    "outs);\n  return failed;\n}}\n\n",
                    k.symbol);
}

/// `<symbol>_range`: points [first, last) on the calling thread (the runtime's thread team calls it
/// on blocks of a batch), `width` points per unit, or all in one `<symbol>_block` call where
/// `block` is set; and `<symbol>_range_align`: `width`, the alignment its ranges must have
/// (kernel_abi.h).
void
emit_range(std::ostringstream & os, const Kernel & k, const char * T, const std::string & width, bool block)
{
  os << fmt::format("extern \"C\" int {}_range(std::int64_t n, std::int64_t first, std::int64_t last, {})\n{{\n",
                    k.symbol, entry_data_parameters(T));
  os << fmt::format("  const std::int64_t w = {};\n", width);
  os << "  if (first < 0 || first > last || last > n || first % w != 0 || (last != n && last % w != 0))\n"
        "    return -1;\n";
  os << entry_argument_checks(k, "return -1;", "return 0;");
  if (block)
    os << fmt::format("  return {}_block(first, last, args, arg_strides, outs);\n}}\n\n", k.symbol);
  else
    os << fmt::format("  int failed = 0;\n  for (std::int64_t u = first / w; u < (last + w - 1) / w; ++u)\n    failed "
                      "+= {}_unit(u, n, args, arg_strides, outs);\n  return failed;\n}}\n\n",
                      k.symbol);
  os << fmt::format("extern \"C\" std::int64_t {}_range_align(void)\n{{\n  return {};\n}}\n\n", k.symbol, width);
}

/// `<symbol>_status`: the per-point report (always point by point, across OpenMP threads).
void
emit_status(std::ostringstream & os, const Kernel & k, const char * T)
{
  os << "// Per-point report: iterations[p] = the Newton updates of point p's solves, or -1 where one failed\n"
        "// (its residual norm in rnorm[p]); substeps[p] = the most pieces one of them cut its step into.\n";
  os << fmt::format("extern \"C\" void {}_status({}, std::int32_t * iterations, std::int32_t * substeps, double * "
                    "rnorm)\n{{\n",
                    k.symbol, entry_parameters(T));
  os << "  if (!iterations || !substeps || !rnorm)\n    return;\n" << entry_argument_checks(k, "return;", "return;");
  os << "#pragma omp parallel for schedule(static) if (n >= " << cpu_parallel_threshold << ")\n";
  os << fmt::format("  for (std::int64_t p = 0; p < n; ++p)\n  {{\n    rnorm[p] = 0;\n    {}_point(p, args, "
                    "arg_strides, outs, rnorm + p, iterations + p, substeps + p);\n  }}\n}}\n\n",
                    k.symbol);
}

/// Kernel `k` point by point, whole: its point functions, entries and ABI checks.
void
emit_point_kernel(std::ostringstream & os, const Kernel & k, const char * T, EmittedSystems & unit)
{
  os << generate_point_functions(k, Target::Cpu, PointLinkage::Unit, unit);
  emit_point_unit(os, k, T);
  emit_entry(os, k, T, "n");
  emit_range(os, k, T, "1", false);
  emit_status(os, k, T);
  os << abi_checks(k.symbol, T, {"entry", "range", "range_align", "status"});
}

/// The part of kernel `k` on lanes that the points translation unit holds: its point functions
/// (`<symbol>_point` for the lanes unit's small chunks) and the per-point report.
void
emit_lane_kernel_points(std::ostringstream & os, const Kernel & k, const char * T, EmittedSystems & unit)
{
  os << generate_point_functions(k, Target::Cpu, PointLinkage::Library, unit);
  emit_status(os, k, T);
  os << abi_checks(k.symbol, T, {"status"});
}

/// The rest of kernel `k` on lanes, in the lanes translation unit: the lane functions and the
/// batched entries.
void
emit_lane_kernel_lanes(std::ostringstream & os, const Kernel & k, const char * T, EmittedSystems & unit)
{
  os << "// Defined in the points translation unit of this library.\n"
     << "__attribute__((visibility(\"hidden\"))) " << point_function_declaration(k, T) << ";\n\n";
  emit_lane_unit(os, k, unit); // implicit solves: W points at a time (codegen_cpu_lanes.cpp)
  const auto chunk = k.symbol + "_chunk";
  emit_entry(os, k, T, fmt::format("(n + {} - 1) / {}", chunk, chunk));
  emit_range(os, k, T, "neml2_lanes::LaneTraits<V>::W", true);
  os << abi_checks(k.symbol, T, {"entry", "range", "range_align"});
}
} // namespace

namespace
{
/// A header's text as copied into a generated source: without `#pragma once`, which compilers
/// warn about outside a header.
std::string
copied(const char * header)
{
  std::string text = header;
  for (std::size_t at; (at = text.find("#pragma once\n")) != std::string::npos;)
    text.erase(at, sizeof("#pragma once\n") - 1);
  return text;
}
} // namespace

std::string
shared_ops_source()
{
  std::string s;
  s += "#define NEML2_KERNEL_SOURCE // the #includes of neml2 headers in the text below are for in-tree use\n\n";
  s += "// ---- kernel_abi.h, copied verbatim: the C types of the entries below (checked by static_assert).\n";
  s += copied(kernel_abi_source) + "\n";
  s += "// ---- end of kernel_abi.h\n\n";
  s += "// ---- math_pow.h, copied verbatim: float64 pow, shared with the eager interpreter.\n";
  s += copied(math_pow_source) + "\n";
  s += "// ---- end of math_pow.h\n\n";
  s += "// ---- scalar_ops.h, copied verbatim: the meaning of every op, shared with the eager interpreter.\n";
  s += copied(scalar_ops_source) + "\n";
  s += "// ---- end of scalar_ops.h\n\n";
  s += "// ---- newton_ops.h, copied verbatim: per-point LU and Newton steps, shared with the eager interpreter.\n";
  s += copied(newton_ops_source) + "\n";
  s += "// ---- end of newton_ops.h\n\n";
  return s;
}

std::string
cpu_unit_prelude(std::size_t unit)
{
  NEML2_ASSERT(unit < 2, "a CPU kernel library has two translation units, not {}", unit + 1);
  const char * guard = unit == 0 ? "NEML2_KERNEL_PRELUDE_POINTS" : "NEML2_KERNEL_PRELUDE_LANES";
  std::string s = fmt::format("#ifndef {} // the copied headers: read precompiled where neml2-compile could\n"
                              "#define {}\n\n",
                              guard, guard);
  s += "#include <cstdint>\n#include <limits>\n#include <type_traits>\n\n";
  s += shared_ops_source();
  if (unit == 1)
  {
    s += "// ---- lane_ops.h and newton_lanes.h, copied verbatim: the ops and Newton steps on W points at once.\n";
    s += copied(lane_ops_source) + "\n" + copied(newton_lanes_source) + "\n";
    s += "// ---- end of lane_ops.h and newton_lanes.h\n\n";
  }
  return s + fmt::format("#endif // {}\n\n", guard);
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
      return true;
  }
  NEML2_UNREACHABLE("unknown CpuKernelForm {}", static_cast<int>(form));
}
} // namespace

std::vector<std::string>
generate_cpu_sources(const std::vector<Kernel> & kernels, const std::string & signature_symbol,
                     const std::string & signature, const std::string & header_comment, CpuKernelForm form)
{
  const char * T = library_scalar_type(kernels);
  std::vector<bool> lanes;
  for (const auto & k : kernels)
    lanes.push_back(on_lanes(k, form));
  const bool any_lanes = std::find(lanes.begin(), lanes.end(), true) != lanes.end();

  auto prologue = [&](std::ostringstream & os, const char * part, std::size_t unit) {
    os << "// " << header_comment << "\n";
    os << "// " << part << "\n";
    os << "// Generated by neml2-compile; self-contained (C++17 standard library and OpenMP only). Do not edit.\n";
    os << "// Each kernel evaluates one material point with straight-line code; node ids (%N) refer to the\n";
    os << "// graph the kernel was generated from (neml2-inspect --graph).\n";
    os << cpu_unit_prelude(unit);
  };
  std::ostringstream points, on_lanes_tu;
  prologue(points,
           any_lanes ? "Translation unit 1 of 2: the kernels point by point (the other holds their SIMD-lane form)."
                     : "One translation unit: every kernel point by point.",
           0);
  if (any_lanes)
  {
    prologue(on_lanes_tu, "Translation unit 2 of 2: the kernels on SIMD lanes, with their batched entries.", 1);
    on_lanes_tu << fmt::format("typedef neml2_lanes::Lanes<{}>::V V; // W = neml2_lanes::LaneTraits<V>::W points\n\n",
                               T);
  }
  // Kernels of a library that solve the same system (a jvp and a jacobian entry) share its
  // functions within each unit: the compiler optimises them once.
  EmittedSystems points_systems, lanes_systems;
  for (std::size_t i = 0; i < kernels.size(); ++i)
    if (lanes[i])
    {
      emit_lane_kernel_points(points, kernels[i], T, points_systems);
      emit_lane_kernel_lanes(on_lanes_tu, kernels[i], T, lanes_systems);
    }
    else
      emit_point_kernel(points, kernels[i], T, points_systems);
  points << fmt::format("extern \"C\" const char * {}(void)\n{{\n  return \"{}\";\n}}\n", signature_symbol, signature);
  if (!any_lanes)
    return {points.str()};
  return {points.str(), on_lanes_tu.str()};
}
} // namespace neml2::codegen

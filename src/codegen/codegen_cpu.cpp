// CodegenCpu: per-point straight-line C++ for each graph, plus its batched C-ABI entry.
#include "neml2/codegen/codegen_cpu.h"

#include <charconv>
#include <cmath>
#include <sstream>

#include <fmt/format.h>

#include "neml2/base/error.h"
#include "neml2/codegen/scalar_ops_source.h"

namespace neml2::codegen
{
using graph::Graph;
using graph::no_node;
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

/// The right-hand side of node `id`'s line.
std::string
node_expression(const Graph & g, graph::NodeId id)
{
  const auto & n = g.node(id);
  auto v = [&](int k) { return fmt::format("v{}", n.args[k]); };
  switch (n.op)
  {
    case OpKind::Const:
      return cpu_literal(n.value, g.dtype());
    case OpKind::Input:
      return fmt::format("a{}[{}]", n.arg, n.comp);
    case OpKind::Neg:
    case OpKind::Sqrt:
    case OpKind::Exp:
    case OpKind::Log:
    case OpKind::Sin:
    case OpKind::Cos:
    case OpKind::Tanh:
    case OpKind::Abs:
    case OpKind::Sign:
      return fmt::format("op_{}({})", graph::op_name(n.op), v(0));
    case OpKind::Add:
    case OpKind::Sub:
    case OpKind::Mul:
    case OpKind::Div:
    case OpKind::Pow:
    case OpKind::Max:
    case OpKind::Min:
    case OpKind::Gt:
      return fmt::format("op_{}({}, {})", graph::op_name(n.op), v(0), v(1));
    case OpKind::Select:
      return fmt::format("op_{}({}, {}, {})", graph::op_name(n.op), v(0), v(1), v(2));
    case OpKind::Part:
    case OpKind::Solve:
    case OpKind::LinSolve:
      break; // structured nodes (implicit solves): refused by generate_cpu_source
  }
  NEML2_ASSERT(false, "no code generation rule for op '{}'", graph::op_name(n.op));
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

void
emit_kernel(std::ostringstream & os, const Kernel & k, const char * T)
{
  const Graph & g = *k.graph;
  const auto point = k.symbol + "_point";
  os << fmt::format("// ---- {}: {} argument(s), {} output(s), {} node(s)\n", k.symbol, g.arguments().size(),
                    g.outputs().size(), g.nodes().size());
  os << fmt::format("static inline void {}(std::int64_t p, const {} * const * args, const std::int64_t * "
                    "arg_strides, {} * const * outs)\n{{\n",
                    point, T, T);
  os << "  using namespace neml2_ops;\n";
  for (std::size_t i = 0; i < g.arguments().size(); ++i)
  {
    const auto & a = g.arguments()[i];
    os << fmt::format("  const {} * a{} = args[{}] + p * arg_strides[{}] * {}; // {}\n", T, i, i, i, a.leaves.size(),
                      argument_label(a));
  }
  for (std::size_t id = 0; id < g.nodes().size(); ++id)
  {
    const auto nid = static_cast<graph::NodeId>(id);
    os << fmt::format("  const {} v{} = {}; // {}\n", T, id, node_expression(g, nid), node_comment(g, nid));
  }
  for (std::size_t j = 0; j < g.outputs().size(); ++j)
  {
    const auto & o = g.outputs()[j];
    os << fmt::format("  {} * o{} = outs[{}] + p * {}; // {}\n", T, j, j, o.components.size(), output_label(o));
    for (std::size_t c = 0; c < o.components.size(); ++c)
      os << fmt::format("  o{}[{}] = v{};\n", j, c, o.components[c]);
  }
  os << "}\n\n";
  os << fmt::format("extern \"C\" int {}(std::int64_t n, const {} * const * args, const std::int64_t * "
                    "arg_strides, {} * const * outs)\n{{\n",
                    k.symbol, T, T);
  os << "  if (n <= 0)\n    return 0;\n";
  os << fmt::format("  if (n < {}) // serial: no thread fork for small batches\n  {{\n", cpu_parallel_threshold);
  os << fmt::format("    for (std::int64_t p = 0; p < n; ++p)\n      {}(p, args, arg_strides, outs);\n", point);
  os << "    return 0;\n  }\n";
  os << "#pragma omp parallel for schedule(static)\n";
  os << fmt::format("  for (std::int64_t p = 0; p < n; ++p)\n    {}(p, args, arg_strides, outs);\n", point);
  os << "  return 0;\n}\n\n";
}
} // namespace

bool
has_implicit_solve(const Graph & g)
{
  for (const auto & n : g.nodes())
    if (n.op == OpKind::Solve || n.op == OpKind::LinSolve || n.op == OpKind::Part)
      return true;
  return false;
}

std::string
generate_cpu_source(const std::vector<Kernel> & kernels,
                    const std::string & signature_symbol,
                    const std::string & signature,
                    const std::string & header_comment)
{
  NEML2_ASSERT(!kernels.empty(), "generate_cpu_source() needs at least one kernel");
  const Dtype dtype = kernels.front().graph->dtype();
  for (const auto & k : kernels)
  {
    NEML2_ASSERT(k.graph->dtype() == dtype, "kernels of one library must share a dtype");
    if (has_implicit_solve(*k.graph))
      throw CompileError(fmt::format("kernel '{}' contains an implicit solve (ImplicitUpdate), which the CPU code "
                                     "generator does not support yet",
                                     k.symbol));
  }
  const char * T = dtype == Dtype::Float64 ? "double" : "float";

  std::ostringstream os;
  os << "// " << header_comment << "\n";
  os << "// Generated by neml2-compile; self-contained (C++17 standard library and OpenMP only). Do not edit.\n";
  os << "// Each kernel evaluates one material point with straight-line code; node ids (%N) refer to the\n";
  os << "// graph the kernel was generated from (neml2-inspect --graph).\n";
  os << "#include <cstdint>\n#include <limits>\n\n";
  os << "// ---- scalar_ops.h, copied verbatim: the meaning of every op, shared with the eager interpreter.\n";
  os << scalar_ops_source << "\n";
  os << "// ---- end of scalar_ops.h\n\n";
  for (const auto & k : kernels)
    emit_kernel(os, k, T);
  os << fmt::format("extern \"C\" const char * {}(void)\n{{\n  return \"{}\";\n}}\n", signature_symbol, signature);
  return os.str();
}
} // namespace neml2::codegen

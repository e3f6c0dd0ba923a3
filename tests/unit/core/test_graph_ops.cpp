// The op-table test: walks every op of ops.def and checks, for each elementwise op, against its
// scalar definition (op_<name>, scalar_ops.h): constant folding and the eager interpreter (float64
// and float32), its SIMD lane form (lane_ops.h) bit for bit on edge values and random operands, its
// forward derivative rule against central finite differences (STYLE.md #8), and its code in
// generated kernels: one CPU library holding all ops, run per point and on SIMD lanes, and one CUDA
// library where a GPU is present.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <type_traits>

#include "neml2/codegen/codegen_cpu.h"
#include "neml2/codegen/codegen_cuda.h"
#include "neml2/codegen/compiler.h"
#include "neml2/codegen/cuda_compiler.h"
#include "neml2/graph/autodiff.h"
#include "neml2/graph/implicit.h"
#include "neml2/graph/lane_ops.h"
#include "neml2/graph/newton_lanes.h"
#include "neml2/graph/scalar_ops.h"
#include "neml2/runtime/cuda_api.h"
#include "test_compile_util.h"
#include "test_graph_eval.h"

using namespace neml2;
using namespace neml2::graph;

namespace
{
/// Where an operand is sampled: uniformly in [lo, hi), or from {0, 1} when `boolean`.
struct Domain
{
  double lo = 0, hi = 0;
  bool boolean = false;
};

/// How to test one op: its arity, operand domains, the scalar definition in both precisions,
/// where finite differences are invalid (kinks and jumps), and whether it is a math-library
/// function (CUDA's libdevice rounds those differently, within a few ulp).
struct OpCase
{
  int arity = 0; ///< 0: a leaf op (Const, Input) or a structured op, nothing to check here
  Domain dom[3];
  double (*f64)(double, double, double) = nullptr;
  float (*f32)(float, float, float) = nullptr;
  bool (*kink)(double, double, double) = nullptr;
  bool libm = false;
  /// Structured ops (implicit solves and their results) are not scalar functions of their
  /// operands; they are tested with the implicit solves.
  bool structured = false;
};

bool
near(double x, double y)
{
  return std::abs(x - y) < 1e-3;
}

// clang-format off
#define NEML2_UNARY(fn, lo, hi, kink_, libm_)                                                      \
  OpCase{1, {{lo, hi}}, [](double a, double, double) { return neml2_ops::fn(a); },                \
         [](float a, float, float) { return neml2_ops::fn(a); }, kink_, libm_}
#define NEML2_BINARY(fn, a_lo, a_hi, b_lo, b_hi, kink_, libm_)                                     \
  OpCase{2, {{a_lo, a_hi}, {b_lo, b_hi}}, [](double a, double b, double) { return neml2_ops::fn(a, b); }, \
         [](float a, float b, float) { return neml2_ops::fn(a, b); }, kink_, libm_}

// One function per op, named after its enum: an op added to ops.def without a case here does
// not compile (the table below is generated from ops.def).
OpCase case_Const() { return {}; }
OpCase case_Input() { return {}; }
[[maybe_unused]] OpCase case_Part() { OpCase c; c.structured = true; return c; }
[[maybe_unused]] OpCase case_Solve() { OpCase c; c.structured = true; return c; }
[[maybe_unused]] OpCase case_LinSolve() { OpCase c; c.structured = true; return c; }
OpCase case_Neg() { return NEML2_UNARY(op_neg, -3, 3, nullptr, false); }
OpCase case_Sqrt() { return NEML2_UNARY(op_sqrt, 0.1, 4, nullptr, false); }
OpCase case_Exp() { return NEML2_UNARY(op_exp, -3, 3, nullptr, true); }
OpCase case_Log() { return NEML2_UNARY(op_log, 0.1, 4, nullptr, true); }
OpCase case_Sin() { return NEML2_UNARY(op_sin, -4, 4, nullptr, true); }
OpCase case_Cos() { return NEML2_UNARY(op_cos, -4, 4, nullptr, true); }
OpCase case_Tanh() { return NEML2_UNARY(op_tanh, -3, 3, nullptr, true); }
OpCase case_Abs() { return NEML2_UNARY(op_abs, -3, 3, [](double a, double, double) { return near(a, 0); }, false); }
OpCase case_Sign() { return NEML2_UNARY(op_sign, -3, 3, [](double a, double, double) { return near(a, 0); }, false); }
OpCase case_Add() { return NEML2_BINARY(op_add, -3, 3, -3, 3, nullptr, false); }
OpCase case_Sub() { return NEML2_BINARY(op_sub, -3, 3, -3, 3, nullptr, false); }
OpCase case_Mul() { return NEML2_BINARY(op_mul, -3, 3, -3, 3, nullptr, false); }
OpCase case_Div() { return NEML2_BINARY(op_div, -3, 3, 0.5, 3, nullptr, false); }
OpCase case_Pow() { return NEML2_BINARY(op_pow, 0.2, 3, -2.5, 2.5, nullptr, true); }
OpCase case_Max() { return NEML2_BINARY(op_max, -3, 3, -3, 3, [](double a, double b, double) { return near(a, b); }, false); }
OpCase case_Min() { return NEML2_BINARY(op_min, -3, 3, -3, 3, [](double a, double b, double) { return near(a, b); }, false); }
OpCase case_Gt() { return NEML2_BINARY(op_gt, -3, 3, -3, 3, [](double a, double b, double) { return near(a, b); }, false); }
OpCase case_Select()
{
  return {3, {{0, 1, true}, {-3, 3}, {-3, 3}},
          [](double c, double a, double b) { return neml2_ops::op_select(c, a, b); },
          [](float c, float a, float b) { return neml2_ops::op_select(c, a, b); }, nullptr, false};
}
// Finite differences are invalid across the branch cut (y = 0, x < 0) and near the origin.
OpCase case_Atan2() { return NEML2_BINARY(op_atan2, -3, 3, -3, 3, [](double y, double x, double) { return (near(y, 0) && x < 0) || y * y + x * x < 0.01; }, true); }
#undef NEML2_UNARY
#undef NEML2_BINARY

const OpCase op_cases[] = {
#define NEML2_OP(e, n, a) case_##e(),
#include "neml2/graph/ops.def"
};
static_assert(std::size(op_cases) == num_ops, "one test case per op of ops.def");
// clang-format on

/// Random operand tuples of op `k` (fixed seed per op), away from kinks when `smooth`.
std::vector<std::array<double, 3>>
points(int k, std::size_t n, bool smooth)
{
  const auto & c = op_cases[k];
  std::mt19937_64 rng(1000 + static_cast<unsigned>(k));
  std::vector<std::array<double, 3>> pts;
  while (pts.size() < n)
  {
    std::array<double, 3> x = {0, 0, 0};
    for (int i = 0; i < c.arity; ++i)
      x[i] = c.dom[i].boolean ? static_cast<double>(rng() % 2)
                              : std::uniform_real_distribution<double>(c.dom[i].lo, c.dom[i].hi)(rng);
    if (smooth && c.kink && c.kink(x[0], x[1], x[2]))
      continue;
    pts.push_back(x);
  }
  return pts;
}

/// The expected result of op `k` in `dtype`: operands rounded to the dtype first.
double
expected(int k, Dtype dtype, const std::array<double, 3> & x)
{
  const auto & c = op_cases[k];
  if (dtype == Dtype::Float64)
    return c.f64(x[0], x[1], x[2]);
  return static_cast<double>(c.f32(static_cast<float>(x[0]), static_cast<float>(x[1]), static_cast<float>(x[2])));
}

/// y = op(x0, x1, ...) over scalar Variable arguments x0, x1, ...
Graph
op_graph(OpKind op, Dtype dtype)
{
  Graph g(dtype);
  NodeId leaf[3] = {no_node, no_node, no_node};
  for (int i = 0; i < arity(op); ++i)
  {
    g.add_argument(fmt::format("x{}", i), ArgKind::Variable, TypeKind::Scalar, {});
    leaf[i] = g.arguments().back().leaves[0];
  }
  const auto y = g.apply(op, leaf[0], leaf[1], leaf[2]);
  g.add_output({"y", OutputKind::Value, "", TypeKind::Scalar, {}, {y}});
  return g;
}

/// Bitwise equality (so -0 and 0 differ), NaN equal to NaN.
bool
same(double a, double b)
{
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b) || (a != a && b != b);
}

class OpTable : public testing::TestWithParam<int>
{
protected:
  OpKind op() const { return static_cast<OpKind>(GetParam()); }
  const OpCase & c() const { return op_cases[GetParam()]; }
};

std::string
op_label(const testing::TestParamInfo<int> & info)
{
  return std::string(op_name(static_cast<OpKind>(info.param)));
}
} // namespace

TEST(OpTableCoverage, EveryOpHasATestCase)
{
  for (int k = 0; k < num_ops; ++k)
  {
    const auto op = static_cast<OpKind>(k);
    const bool leaf = op == OpKind::Const || op == OpKind::Input || op_cases[k].structured;
    EXPECT_EQ(leaf, !is_elementwise(op)) << "test case of op '" << op_name(op) << "'";
    EXPECT_EQ(op_cases[k].arity, leaf ? 0 : arity(op)) << "test case of op '" << op_name(op) << "'";
    if (!leaf)
    {
      EXPECT_TRUE(op_cases[k].f64 && op_cases[k].f32) << op_name(op);
    }
  }
}

TEST_P(OpTable, FoldingMatchesScalarDefinition)
{
  if (c().arity == 0)
    GTEST_SKIP() << "leaf or structured op";
  for (auto dtype : {Dtype::Float64, Dtype::Float32})
    for (const auto & x : points(GetParam(), 64, false))
    {
      Graph g(dtype);
      NodeId a[3] = {no_node, no_node, no_node};
      for (int i = 0; i < c().arity; ++i)
        a[i] = g.constant(x[i]);
      const auto r = g.apply(op(), a[0], a[1], a[2]);
      const double want = expected(GetParam(), dtype, x);
      ASSERT_TRUE(g.is_constant(r)) << "constant operands must fold";
      EXPECT_TRUE(same(g.node(r).value, want)) << dtype_name(dtype) << " " << x[0] << " " << x[1] << " " << x[2];
      // fold() itself rounds operands to the dtype
      EXPECT_TRUE(same(fold(op(), dtype, x[0], x[1], x[2]), want)) << dtype_name(dtype);
    }
}

TEST_P(OpTable, InterpreterMatchesScalarDefinition)
{
  if (c().arity == 0)
    GTEST_SKIP() << "leaf or structured op";
  const std::int64_t n = 300; // several chunks, the last one partial
  const auto pts = points(GetParam(), static_cast<std::size_t>(n), false);
  for (auto dtype : {Dtype::Float64, Dtype::Float32})
    for (bool first_uniform : {false, true})
    {
      const auto g = op_graph(op(), dtype);
      std::vector<test::ArgValues> args(static_cast<std::size_t>(c().arity));
      for (int i = 0; i < c().arity; ++i)
      {
        args[i].uniform = first_uniform && i == 0;
        for (std::int64_t p = 0; p < (args[i].uniform ? 1 : n); ++p)
          args[i].values.push_back(pts[static_cast<std::size_t>(p)][i]);
      }
      const auto y = test::interpret(g, n, args)[0];
      for (std::int64_t p = 0; p < n; ++p)
      {
        auto x = pts[static_cast<std::size_t>(p)];
        if (first_uniform)
          x[0] = pts[0][0];
        ASSERT_TRUE(same(y[static_cast<std::size_t>(p)], expected(GetParam(), dtype, x)))
            << dtype_name(dtype) << " point " << p << (first_uniform ? " (first operand uniform)" : "");
      }
    }
}

TEST_P(OpTable, DerivativeMatchesCentralDifferences)
{
  if (c().arity == 0)
    GTEST_SKIP() << "leaf or structured op";
  const int ar = c().arity;
  const std::int64_t n = 200;
  const auto pts = points(GetParam(), static_cast<std::size_t>(n), true);
  std::vector<std::pair<std::string, std::string>> pairs;
  for (int i = 0; i < ar; ++i)
    pairs.emplace_back("y", fmt::format("x{}", i));

  std::vector<std::vector<double>> J[2];
  for (auto dtype : {Dtype::Float64, Dtype::Float32})
  {
    const auto g = with_jacobian(op_graph(op(), dtype), pairs);
    ASSERT_EQ(g.outputs().size(), static_cast<std::size_t>(ar + 1));
    std::vector<test::ArgValues> args(static_cast<std::size_t>(ar));
    for (int i = 0; i < ar; ++i)
      for (const auto & x : pts)
        args[i].values.push_back(x[i]);
    J[dtype == Dtype::Float32] = test::interpret(g, n, args);
  }
  for (std::int64_t p = 0; p < n; ++p)
  {
    const auto x = pts[static_cast<std::size_t>(p)];
    for (int i = 0; i < ar; ++i)
    {
      auto xp = x, xm = x;
      const double h = 1e-6 * std::max(1.0, std::abs(x[i]));
      xp[i] += h;
      xm[i] -= h;
      const double fd = (c().f64(xp[0], xp[1], xp[2]) - c().f64(xm[0], xm[1], xm[2])) / (2 * h);
      const double d64 = J[0][static_cast<std::size_t>(i + 1)][static_cast<std::size_t>(p)];
      const double d32 = J[1][static_cast<std::size_t>(i + 1)][static_cast<std::size_t>(p)];
      EXPECT_NEAR(d64, fd, 1e-6 * std::max(1.0, std::abs(fd)))
          << "d y / d x" << i << " at (" << x[0] << ", " << x[1] << ", " << x[2] << ")";
      EXPECT_NEAR(d32, d64, 1e-4 * std::max(1.0, std::abs(d64))) << "float32 derivative, d y / d x" << i;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllOps, OpTable, testing::Range(0, num_ops), op_label);

// d(a^b)/db = a^b log(a) is 0 x (-inf) at a = 0: the rule gives the limit, 0, as PyTorch does,
// rather than a NaN that would poison a parameter Jacobian (e.g. a p-norm's exponent at zero).
TEST(PowDerivative, ExponentDerivativeAtAZeroBaseIsZero)
{
  const auto g = with_jacobian(op_graph(OpKind::Pow, Dtype::Float64), {{"y", "x0"}, {"y", "x1"}});
  std::vector<test::ArgValues> args(2);
  args[0].values = {0.0, 0.0, 2.0};
  args[1].values = {2.5, 0.5, 3.0};
  const auto out = test::interpret(g, 3, args);
  EXPECT_EQ(out[2][0], 0.0);
  EXPECT_EQ(out[2][1], 0.0);
  EXPECT_NEAR(out[2][2], 8 * std::log(2.0), 1e-14);
  EXPECT_EQ(out[1][0], 0.0); // d/da 0^2.5 = 2.5 0^1.5
}

namespace
{
/// Operands where implementations tend to differ: signed zeros, ±1, tiny and huge values,
/// subnormals, infinities and NaN, and a few ordinary values.
template <typename T>
std::vector<T>
edge_values()
{
  using L = std::numeric_limits<T>;
  return {T(0),     -T(0),           T(1),      -T(1),    T(0.5),        -T(1.5),        T(2),          T(3.25),
          L::min(), L::denorm_min(), -L::max(), L::max(), L::infinity(), -L::infinity(), L::quiet_NaN()};
}

/// Operand tuples of op `k`: every combination of edge values (per operand), then random
/// operands from the op's domains.
template <typename T>
std::vector<std::array<T, 3>>
edge_and_random_points(int k)
{
  const auto e = edge_values<T>();
  const int ar = op_cases[k].arity;
  std::vector<std::array<T, 3>> pts;
  const std::size_t ne = e.size(), combos = ar == 1 ? ne : (ar == 2 ? ne * ne : ne * ne * ne);
  for (std::size_t i = 0; i < combos; ++i)
    pts.push_back({e[i % ne], e[(i / ne) % ne], e[(i / ne / ne) % ne]});
  for (const auto & x : points(k, 256, false))
    pts.push_back({static_cast<T>(x[0]), static_cast<T>(x[1]), static_cast<T>(x[2])});
  return pts;
}

/// The lane form of op `op` as SIMD kernels compute it (see codegen_cpu_lanes.cpp): its vector form
/// lane_<name> where ops.def says Vector, else its scalar definition on each lane.
template <typename V>
V
lane_form(OpKind op, V a, V b, V c)
{
  using T = typename neml2_lanes::LaneTraits<V>::T;
  switch (op)
  {
#define NEML2_LANE_ARGS_1 (a)
#define NEML2_LANE_ARGS_2 (a, b)
#define NEML2_LANE_ARGS_3 (a, b, c)
#define NEML2_LANE_FN_Vector(n) neml2_lanes::lane_##n
#define NEML2_LANE_FN_PerLane(n) neml2_lanes::lanewise<neml2_ops::op_##n<T>>
#define NEML2_ELEMENTWISE_OP(e, n, ar, lanes) \
  case OpKind::e:                             \
    return NEML2_LANE_FN_##lanes(n) NEML2_LANE_ARGS_##ar;
#include "neml2/graph/ops.def"
#undef NEML2_LANE_ARGS_1
#undef NEML2_LANE_ARGS_2
#undef NEML2_LANE_ARGS_3
#undef NEML2_LANE_FN_Vector
#undef NEML2_LANE_FN_PerLane
    case OpKind::Const:
    case OpKind::Input:
    case OpKind::Part:
    case OpKind::Solve:
    case OpKind::LinSolve:
      break;
  }
  ADD_FAILURE() << "no lane form for op '" << op_name(op) << "'";
  return V{};
}

/// The lane form of op `k` against its scalar definition, lane by lane, bit for bit (NaN too).
template <typename T>
void
check_lanes(int k)
{
  using V = typename neml2_lanes::Lanes<T>::V;
  constexpr int W = neml2_lanes::LaneTraits<V>::W;
  const auto op = static_cast<OpKind>(k);
  const auto pts = edge_and_random_points<T>(k);
  // Lane l of tile t takes point t + l * 7 (mod n), so neighbouring lanes mix different operands.
  for (std::size_t t = 0; t < pts.size(); ++t)
  {
    V a{}, b{}, c{};
    for (int l = 0; l < W; ++l)
    {
      const auto & x = pts[(t + static_cast<std::size_t>(l) * 7) % pts.size()];
      a[l] = x[0], b[l] = x[1], c[l] = x[2];
    }
    const V r = lane_form(op, a, b, c);
    for (int l = 0; l < W; ++l)
    {
      T want;
      if constexpr (std::is_same_v<T, double>)
        want = op_cases[k].f64(a[l], b[l], c[l]);
      else
        want = op_cases[k].f32(a[l], b[l], c[l]);
      const T got = r[l];
      ASSERT_EQ(std::memcmp(&got, &want, sizeof(T)), 0)
          << op_name(op) << "(" << a[l] << ", " << b[l] << ", " << c[l] << ") in lane " << l << " of " << W << ": "
          << got << " vs " << want;
    }
  }
}
} // namespace

TEST_P(OpTable, LanesMatchScalarDefinition)
{
  if (c().arity == 0)
    GTEST_SKIP() << "leaf or structured op";
  check_lanes<double>(GetParam());
  check_lanes<float>(GetParam());
}

// ---- Generated kernels: one library with every elementwise op, built once per flavour.

namespace
{
/// Every elementwise op on per-point scalar arguments x0, x1, x2 (one output component per op,
/// listed in `ops`), plus a trivial implicit solve: a graph with one makes the CPU generator emit
/// the whole kernel on SIMD lanes too (its `_status` entry still runs point by point).
Graph
all_ops_graph(std::vector<OpKind> & ops)
{
  Graph g(Dtype::Float64);
  NodeId x[3];
  for (int i = 0; i < 3; ++i)
    x[i] = g.arguments()[static_cast<std::size_t>(
                             g.add_argument(fmt::format("x{}", i), ArgKind::Variable, TypeKind::Scalar, {}))]
               .leaves[0];
  Output out{"ops", OutputKind::Value, "", std::nullopt, {}, {}};
  for (int k = 0; k < num_ops; ++k)
  {
    const auto op = static_cast<OpKind>(k);
    if (!is_elementwise(op))
      continue;
    ops.push_back(op);
    const int n = arity(op);
    out.components.push_back(g.apply(op, x[0], n > 1 ? x[1] : no_node, n > 2 ? x[2] : no_node));
  }
  out.base_shape = {static_cast<std::int64_t>(out.components.size())};
  g.add_output(out);

  // r(u; s) = u - s, solved for u from the guess 0 with s = 1.
  Graph r(Dtype::Float64);
  r.add_argument("u", ArgKind::Variable, TypeKind::Scalar, {});
  r.add_argument("s", ArgKind::Variable, TypeKind::Scalar, {});
  r.add_output({"r",
                OutputKind::Value,
                "",
                TypeKind::Scalar,
                {},
                {r.apply(OpKind::Sub, r.arguments()[0].leaves[0], r.arguments()[1].leaves[0])}});
  const auto sys = make_implicit_system(r, {true, false}, {0}, "trivial", {});
  const auto S = g.solve(sys, {g.constant(0.0), g.constant(1.0)});
  g.add_output({"u", OutputKind::Value, "", TypeKind::Scalar, {}, {g.part(S, 0)}});
  return g;
}

/// The operands of the kernels: every triple of edge values, then random values.
std::vector<std::vector<double>>
kernel_operands()
{
  const auto e = edge_values<double>();
  std::vector<std::vector<double>> x(3);
  for (std::size_t i = 0; i < e.size() * e.size() * e.size(); ++i)
    for (std::size_t k = 0; k < 3; ++k)
      x[k].push_back(e[(i / (k == 0 ? 1 : (k == 1 ? e.size() : e.size() * e.size()))) % e.size()]);
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(-4.0, 4.0);
  for (int i = 0; i < 500; ++i)
    for (auto & xk : x)
      xk.push_back(u(rng));
  return x;
}

/// Checks column `c` (op `op`) of kernel output `got` (n points, nc columns) against the op's
/// scalar definition; `tol(want)` is the allowed difference (0: bit for bit, any NaN equal to NaN).
void
check_column(const std::string & flavour, OpKind op, std::size_t c, std::size_t nc, const std::vector<double> & got,
             const std::vector<std::vector<double>> & x, double rel_tol)
{
  const auto & oc = op_cases[static_cast<int>(op)];
  for (std::size_t p = 0; p < x[0].size(); ++p)
  {
    const double a = got[p * nc + c], b = oc.f64(x[0][p], x[1][p], x[2][p]);
    if (same(a, b))
      continue;
    const bool close =
        std::isfinite(a) && std::isfinite(b) && std::fabs(a - b) <= rel_tol * std::max(std::fabs(b), 1.0);
    ASSERT_TRUE(close) << flavour << ": " << op_name(op) << "(" << x[0][p] << ", " << x[1][p] << ", " << x[2][p]
                       << ") = " << a << ", scalar definition " << b;
  }
}

/// Builds the op-table kernel with `compiler` and checks its SIMD-lane and per-point forms against
/// the scalar definitions, bit for bit.
void
check_op_table_kernel(const codegen::Compiler & compiler)
{
  std::vector<OpKind> ops;
  const auto g = all_ops_graph(ops);
  const auto units = codegen::generate_cpu_sources({{"k", &g}}, "k_signature", "sig", "op table");
  const auto src_text = test::joined(units);
  ASSERT_NE(src_text.find("static inline int k_lanes("), std::string::npos) << "no SIMD form of the kernel";
  for (auto op : ops) // each op appears in its lane form (the per-point form is in every kernel)
  {
    const auto n = std::string(op_name(op));
    const auto lane = has_vector_lanes(op) ? "lane_" + n + "(v" : "lanewise<neml2_ops::op_" + n + "<double>>(v";
    EXPECT_NE(src_text.find(lane), std::string::npos) << lane;
    EXPECT_NE(src_text.find(" = op_" + n + "(v"), std::string::npos) << n;
  }
  test::TempDir dir;
  const aoti::SharedLibrary kernel(
      test::build_units(units, dir.path(), compiler)); // as the runtime loads kernels (OpenMP pinned)
  auto lanes = reinterpret_cast<test::KernelFn>(kernel.symbol("k"));
  using StatusFn = void (*)(std::int64_t, const double * const *, const std::int64_t *, double * const *,
                            std::int32_t *, std::int32_t *, double *);
  auto per_point = reinterpret_cast<StatusFn>(kernel.symbol("k_status"));
  ASSERT_TRUE(lanes && per_point);

  const auto x = kernel_operands();
  const auto n = static_cast<std::int64_t>(x[0].size());
  const double * args[] = {x[0].data(), x[1].data(), x[2].data()};
  const std::int64_t strides[] = {1, 1, 1};
  const auto nc = ops.size();
  for (bool on_lanes : {true, false})
  {
    std::vector<double> got(nc * x[0].size()), u(x[0].size());
    double * outs[] = {got.data(), u.data()};
    if (on_lanes)
      ASSERT_EQ(lanes(n, args, strides, outs), 0);
    else
    {
      std::vector<std::int32_t> iterations(x[0].size()), substeps(x[0].size());
      std::vector<double> rnorm(x[0].size());
      per_point(n, args, strides, outs, iterations.data(), substeps.data(), rnorm.data());
      for (std::size_t p = 0; p < x[0].size(); ++p)
        ASSERT_TRUE(iterations[p] >= 0 && substeps[p] == 1) << "point " << p << " of a solve that converges";
    }
    for (std::size_t c = 0; c < nc; ++c)
      check_column(on_lanes ? "SIMD lanes" : "per point", ops[c], c, nc, got, x, 0.0);
    EXPECT_EQ(u[0], 1.0) << "the trivial solve";
  }
}

} // namespace

TEST(OpTableKernels, PerPointAndLaneKernelsMatchScalarDefinitions)
{
  check_op_table_kernel(codegen::find_cpu_compiler());
}

// A kernel's copies of lane_ops.h and newton_ops.h are template instances that this process's
// neml2 libraries may hold too, for the same vector type but built for another instruction set
// (the libraries are built for baseline x86-64): a 32-byte vector is passed in memory there and in
// a register in an AVX2 kernel. Kernels link with -Bsymbolic so that they call their own copies.
// Without it, AVX2 kernels called the eager library's lane_pow and crashed. Built here for AVX2
// (-march=haswell after -march=native) wherever the host runs it, AVX-512 hosts included.
TEST(OpTableKernels, KernelsBuiltForAvx2CallTheirOwnLaneOps)
{
  if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma"))
    GTEST_SKIP() << "this CPU has no AVX2 and FMA, so an AVX2 kernel cannot run here";
  auto compiler = codegen::find_cpu_compiler();
  compiler.flags.push_back("-march=haswell");
  check_op_table_kernel(compiler);
}

namespace
{
/// Operands (a, b, c) of c - a b rounded once (the LU's update in newton_ops.h): every triple of
/// edge values, then random ones whose product nearly cancels c, where an unfused
/// c - a b (two roundings) gives other bits.
template <typename T>
std::vector<std::array<T, 3>>
fnma_operands()
{
  const auto e = edge_values<T>();
  static_assert(sizeof(std::array<T, 3>) == 3 * sizeof(T), "the kernels read the triples as one array");
  std::vector<std::array<T, 3>> x;
  for (auto a : e)
    for (auto b : e)
      for (auto c : e)
        x.push_back({a, b, c});
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<T> u(-4, 4);
  for (int i = 0; i < 512; ++i)
  {
    const T a = u(rng), b = u(rng);
    x.push_back({a, b, a * b * (T(1) + u(rng) * std::numeric_limits<T>::epsilon())});
  }
  return x;
}

template <typename T>
void
check_fnma(const std::vector<std::array<T, 3>> & x, const std::vector<T> & got, const char * flavour)
{
  int unfused_differs = 0;
  for (std::size_t p = 0; p < x.size(); ++p)
  {
    const auto [a, b, c] = x[p];
    const T want = std::fma(-a, b, c);
    ASSERT_TRUE(same(got[p], want)) << flavour << ": fnma(" << a << ", " << b << ", " << c << ") = " << got[p]
                                    << ", std::fma(-a, b, c) = " << want;
    unfused_differs += !same(c - a * b, want);
  }
  EXPECT_GT(unfused_differs, 50) << "the operands should tell a fused from an unfused update";
}
} // namespace

// newton_ops.h's LU updates with P::fnma: std::fma for one point, lane_fnma (the FMA instruction
// where the build has one) on SIMD lanes. Both must be std::fma's bits, here and in a kernel built
// with the kernels' flags (-march of the host), or eager and compiled solves would drift apart.
TEST(OpTableKernels, FusedUpdateOfTheLuIsStdFmaOnLanesAndPoints)
{
  const auto xd = fnma_operands<double>();
  const auto xf = fnma_operands<float>();
  { // this build's lane width and instructions
    std::vector<double> got(xd.size());
    using V = neml2_lanes::Lanes<double>::V;
    for (std::size_t p = 0; p < xd.size(); ++p)
    {
      V a = {}, b = {}, c = {};
      a[0] = xd[p][0], b[0] = xd[p][1], c[0] = xd[p][2];
      got[p] = neml2_lanes::lane_fnma(a, b, c)[0];
    }
    check_fnma(xd, got, "this build, lanes");
    for (std::size_t p = 0; p < xd.size(); ++p)
      got[p] = neml2_ops::PointPolicy<double>::fnma(xd[p][0], xd[p][1], xd[p][2]);
    check_fnma(xd, got, "this build, one point");
  }
  std::vector<OpKind> ops;
  const auto g = all_ops_graph(ops); // has a solve, so its source holds lane_ops.h and newton_lanes.h
  auto units = codegen::generate_cpu_sources({{"k", &g}}, "k_signature", "sig", "op table");
  ASSERT_EQ(units.size(), 2u);
  auto & src_text = units[1]; // the lanes' unit
  ASSERT_NE(src_text.find("struct LanePolicy"), std::string::npos);
  src_text += R"(
template <typename T>
static void fnma_all(int n, const T * x, T * lanes, T * point)
{
  using V = typename neml2_lanes::Lanes<T>::V;
  constexpr int W = neml2_lanes::LaneTraits<V>::W;
  for (int p0 = 0; p0 < n; p0 += W)
  {
    V a = {}, b = {}, c = {};
    for (int l = 0; l < W && p0 + l < n; ++l)
      a[l] = x[3 * (p0 + l)], b[l] = x[3 * (p0 + l) + 1], c[l] = x[3 * (p0 + l) + 2];
    const V r = neml2_lanes::LanePolicy<V>::fnma(a, b, c);
    for (int l = 0; l < W && p0 + l < n; ++l)
      lanes[p0 + l] = r[l];
  }
  for (int p = 0; p < n; ++p)
    point[p] = neml2_ops::PointPolicy<T>::fnma(x[3 * p], x[3 * p + 1], x[3 * p + 2]);
}
extern "C" void fnma_f64(int n, const double * x, double * lanes, double * point) { fnma_all(n, x, lanes, point); }
extern "C" void fnma_f32(int n, const float * x, float * lanes, float * point) { fnma_all(n, x, lanes, point); }
)";
  test::TempDir dir;
  const aoti::SharedLibrary kernel(test::build_units(units, dir.path()));
  auto f64 = reinterpret_cast<void (*)(int, const double *, double *, double *)>(kernel.symbol("fnma_f64"));
  auto f32 = reinterpret_cast<void (*)(int, const float *, float *, float *)>(kernel.symbol("fnma_f32"));
  ASSERT_TRUE(f64 && f32);
  std::vector<double> lanes_d(xd.size()), point_d(xd.size());
  f64(static_cast<int>(xd.size()), xd.data()->data(), lanes_d.data(), point_d.data());
  check_fnma(xd, lanes_d, "kernel, lanes (float64)");
  check_fnma(xd, point_d, "kernel, one point (float64)");
  std::vector<float> lanes_f(xf.size()), point_f(xf.size());
  f32(static_cast<int>(xf.size()), xf.data()->data(), lanes_f.data(), point_f.data());
  check_fnma(xf, lanes_f, "kernel, lanes (float32)");
  check_fnma(xf, point_f, "kernel, one point (float32)");
}

TEST(OpTableKernels, CudaKernelMatchesScalarDefinitions)
{
  // Built wherever nvcc is (every op must compile for the device), run only where a GPU is.
  codegen::Compiler nvcc;
  try
  {
    nvcc = codegen::find_cuda_compiler();
  }
  catch (const CompileError & e)
  {
    GTEST_SKIP() << "nvcc not available, the CUDA op kernel is neither built nor run: " << e.what();
  }
  std::vector<OpKind> ops;
  const auto g = all_ops_graph(ops);
  test::TempDir dir;
  const auto src = dir.path() / "k.cu", lib = dir.path() / "k.so";
  std::ofstream(src) << codegen::generate_cuda_source({{"k", &g}}, "k_signature", "sig", "op table");
  codegen::build_shared_library(nvcc, {src.string()}, lib.string(), "");
  const auto so = std::make_shared<aoti::SharedLibrary>(lib.string());
  aoti::CudaApi api(so);
  if (const auto [gpus, err] = api.device_count(); gpus == 0)
    GTEST_SKIP() << "the CUDA op kernel was built but not run, no CUDA GPU: " << api.error_string(err);
  using Fn =
      int (*)(std::int64_t, const double * const *, const std::int64_t *, double * const *, std::int32_t *, void *);
  auto fn = reinterpret_cast<Fn>(so->symbol("k"));

  const auto x = kernel_operands();
  const auto n = static_cast<std::int64_t>(x[0].size());
  const auto nc = ops.size();
  std::vector<aoti::DeviceBuffer> dx;
  for (const auto & xk : x)
  {
    dx.emplace_back(api, xk.size() * sizeof(double));
    api.memcpy(dx.back().get(), xk.data(), dx.back().size(), aoti::CopyKind::HostToDevice);
  }
  aoti::DeviceBuffer dout(api, nc * x[0].size() * sizeof(double)), du(api, x[0].size() * sizeof(double));
  const double * args[] = {static_cast<double *>(dx[0].get()), static_cast<double *>(dx[1].get()),
                           static_cast<double *>(dx[2].get())};
  double * outs[] = {static_cast<double *>(dout.get()), static_cast<double *>(du.get())};
  const std::int64_t strides[] = {1, 1, 1};
  api.check(fn(n, args, strides, outs, nullptr, nullptr), "op table kernel");
  std::vector<double> got(nc * x[0].size());
  api.memcpy(got.data(), dout.get(), dout.size(), aoti::CopyKind::DeviceToHost);
  api.synchronize();
  // Exact and correctly rounded ops match bit for bit; math-library functions come from CUDA's
  // libdevice, within a few ulp of glibc's.
  for (std::size_t c = 0; c < nc; ++c)
    check_column("CUDA", ops[c], c, nc, got, x, op_cases[static_cast<int>(ops[c])].libm ? 1e-15 : 0.0);
}

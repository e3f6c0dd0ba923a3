// The op-table test: walks every op of ops.def and checks constant folding and the eager
// interpreter against the op's scalar definition (float64 and float32), and its forward
// derivative rule against central finite differences (STYLE.md #8).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <bit>
#include <cmath>
#include <random>

#include "neml2/graph/autodiff.h"
#include "neml2/graph/scalar_ops.h"
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

/// How to test one op: its arity, operand domains, the scalar definition in both precisions
/// and where finite differences are invalid (kinks and jumps).
struct OpCase
{
  int arity = 0; ///< 0: a leaf op (Const, Input) or a structured op, nothing to check here
  Domain dom[3];
  double (*f64)(double, double, double) = nullptr;
  float (*f32)(float, float, float) = nullptr;
  bool (*kink)(double, double, double) = nullptr;
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
#define NEML2_UNARY(fn, lo, hi, kink_)                                                             \
  OpCase{1, {{lo, hi}}, [](double a, double, double) { return neml2_ops::fn(a); },                \
         [](float a, float, float) { return neml2_ops::fn(a); }, kink_}
#define NEML2_BINARY(fn, a_lo, a_hi, b_lo, b_hi, kink_)                                            \
  OpCase{2, {{a_lo, a_hi}, {b_lo, b_hi}}, [](double a, double b, double) { return neml2_ops::fn(a, b); }, \
         [](float a, float b, float) { return neml2_ops::fn(a, b); }, kink_}

// One function per op, named after its enum: an op added to ops.def without a case here does
// not compile (the table below is generated from ops.def).
OpCase case_Const() { return {}; }
OpCase case_Input() { return {}; }
[[maybe_unused]] OpCase case_Part() { OpCase c; c.structured = true; return c; }
[[maybe_unused]] OpCase case_Solve() { OpCase c; c.structured = true; return c; }
[[maybe_unused]] OpCase case_LinSolve() { OpCase c; c.structured = true; return c; }
OpCase case_Neg() { return NEML2_UNARY(op_neg, -3, 3, nullptr); }
OpCase case_Sqrt() { return NEML2_UNARY(op_sqrt, 0.1, 4, nullptr); }
OpCase case_Exp() { return NEML2_UNARY(op_exp, -3, 3, nullptr); }
OpCase case_Log() { return NEML2_UNARY(op_log, 0.1, 4, nullptr); }
OpCase case_Sin() { return NEML2_UNARY(op_sin, -4, 4, nullptr); }
OpCase case_Cos() { return NEML2_UNARY(op_cos, -4, 4, nullptr); }
OpCase case_Tanh() { return NEML2_UNARY(op_tanh, -3, 3, nullptr); }
OpCase case_Abs() { return NEML2_UNARY(op_abs, -3, 3, [](double a, double, double) { return near(a, 0); }); }
OpCase case_Sign() { return NEML2_UNARY(op_sign, -3, 3, [](double a, double, double) { return near(a, 0); }); }
OpCase case_Add() { return NEML2_BINARY(op_add, -3, 3, -3, 3, nullptr); }
OpCase case_Sub() { return NEML2_BINARY(op_sub, -3, 3, -3, 3, nullptr); }
OpCase case_Mul() { return NEML2_BINARY(op_mul, -3, 3, -3, 3, nullptr); }
OpCase case_Div() { return NEML2_BINARY(op_div, -3, 3, 0.5, 3, nullptr); }
OpCase case_Pow() { return NEML2_BINARY(op_pow, 0.2, 3, -2.5, 2.5, nullptr); }
OpCase case_Max() { return NEML2_BINARY(op_max, -3, 3, -3, 3, [](double a, double b, double) { return near(a, b); }); }
OpCase case_Min() { return NEML2_BINARY(op_min, -3, 3, -3, 3, [](double a, double b, double) { return near(a, b); }); }
OpCase case_Gt() { return NEML2_BINARY(op_gt, -3, 3, -3, 3, [](double a, double b, double) { return near(a, b); }); }
OpCase case_Select()
{
  return {3, {{0, 1, true}, {-3, 3}, {-3, 3}},
          [](double c, double a, double b) { return neml2_ops::op_select(c, a, b); },
          [](float c, float a, float b) { return neml2_ops::op_select(c, a, b); }, nullptr};
}
#undef NEML2_UNARY
#undef NEML2_BINARY

const OpCase op_cases[] = {
#define NEML2_OP(e, a, n) case_##e(),
#include "neml2/graph/ops.def"
#undef NEML2_OP
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

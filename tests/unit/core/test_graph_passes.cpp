// Graph construction (hash-consing CSE, constant folding, exact simplifications) and the
// whole-graph passes: prune, bake, with_jvp, to_text, structural_hash; and the symbolic tensor
// algebra's structural zeros (sym::sparse_dot).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

#include "neml2/graph/autodiff.h"
#include "neml2/graph/passes.h"
#include "neml2/graph/scalar_ops.h"
#include "neml2/graph/sym_r2_ops.h"
#include "neml2/graph/sym_tensor_ops.h"
#include "test_graph_eval.h"

using namespace neml2;
using namespace neml2::graph;

namespace
{
NodeId
leaf(Graph & g, const std::string & name, ArgKind kind = ArgKind::Variable)
{
  g.add_argument(name, kind, TypeKind::Scalar, {});
  return g.arguments().back().leaves[0];
}

void
output(Graph & g, const std::string & name, NodeId id)
{
  g.add_output({name, OutputKind::Value, "", TypeKind::Scalar, {}, {id}});
}

/// y = E / (1 + nu) * x + sqrt(E) * nu - max(x, nu): parameters E and nu, variable x.
Graph
parameterised(Dtype dtype)
{
  Graph g(dtype);
  const auto x = leaf(g, "x");
  const auto E = leaf(g, "E", ArgKind::Parameter);
  const auto nu = leaf(g, "nu", ArgKind::Parameter);
  auto t = g.apply(OpKind::Div, E, g.apply(OpKind::Add, g.constant(1.0), nu));
  auto y = g.apply(OpKind::Add, g.apply(OpKind::Mul, t, x), g.apply(OpKind::Mul, g.apply(OpKind::Sqrt, E), nu));
  y = g.apply(OpKind::Sub, y, g.apply(OpKind::Max, x, nu));
  output(g, "y", y);
  return g;
}
} // namespace

TEST(GraphBuild, HashConsingSharesIdenticalNodes)
{
  Graph g;
  const auto x = leaf(g, "x"), y = leaf(g, "y");
  const auto a = g.apply(OpKind::Add, x, y);
  const auto n = g.nodes().size();
  EXPECT_EQ(g.apply(OpKind::Add, x, y), a);
  EXPECT_EQ(g.nodes().size(), n) << "no new node for a repeated op";
  EXPECT_NE(g.apply(OpKind::Add, y, x), a) << "operand order is part of the key";
  EXPECT_NE(g.apply(OpKind::Sub, x, y), a);
  EXPECT_EQ(g.constant(2.0), g.constant(2.0));
  EXPECT_NE(g.constant(0.0), g.constant(-0.0)) << "constants are keyed by their bits";
  EXPECT_EQ(g.apply(OpKind::Exp, x), g.apply(OpKind::Exp, x));
}

TEST(GraphBuild, ConstantsFoldWithTheGraphsDtype)
{
  Graph g;
  const auto s = g.apply(OpKind::Add, g.constant(0.1), g.constant(0.2));
  ASSERT_TRUE(g.is_constant(s));
  EXPECT_EQ(g.node(s).value, 0.1 + 0.2);
  const auto e = g.apply(OpKind::Exp, g.apply(OpKind::Mul, g.constant(2.0), g.constant(3.0)));
  ASSERT_TRUE(g.is_constant(e));
  EXPECT_EQ(g.node(e).value, std::exp(6.0));

  Graph f(Dtype::Float32);
  EXPECT_EQ(f.node(f.constant(0.1)).value, static_cast<double>(0.1f)) << "constants are rounded to float32";
  const auto fs = f.apply(OpKind::Add, f.constant(0.1), f.constant(0.2));
  EXPECT_EQ(f.node(fs).value, static_cast<double>(0.1f + 0.2f));
}

TEST(GraphBuild, OnlyExactSimplifications)
{
  Graph g;
  const auto x = leaf(g, "x"), c = leaf(g, "c");
  const auto one = g.constant(1.0), zero = g.constant(0.0);
  EXPECT_EQ(g.apply(OpKind::Mul, x, one), x);
  EXPECT_EQ(g.apply(OpKind::Mul, one, x), x);
  EXPECT_EQ(g.apply(OpKind::Div, x, one), x);
  EXPECT_EQ(g.apply(OpKind::Neg, g.apply(OpKind::Neg, x)), x);
  EXPECT_EQ(g.apply(OpKind::Pow, x, one), x);
  EXPECT_EQ(g.apply(OpKind::Sub, x, zero), x);
  const auto quarter = g.apply(OpKind::Div, x, g.constant(4.0));
  EXPECT_EQ(g.node(quarter).op, OpKind::Mul) << "x / 4 is x * 0.25";
  EXPECT_TRUE(g.is_constant(g.node(quarter).args[1], 0.25));
  EXPECT_EQ(g.node(g.apply(OpKind::Div, x, g.constant(-0.5))).op, OpKind::Mul);
  const auto y = g.apply(OpKind::Exp, x);
  EXPECT_EQ(g.apply(OpKind::Select, one, x, y), x);
  EXPECT_EQ(g.apply(OpKind::Select, zero, x, y), y);
  EXPECT_EQ(g.apply(OpKind::Select, c, y, y), y);
  // Not exact for every value (x = inf, NaN or -0), so kept.
  EXPECT_FALSE(g.is_constant(g.apply(OpKind::Mul, x, zero)));
  EXPECT_NE(g.apply(OpKind::Add, x, zero), x);
  EXPECT_NE(g.apply(OpKind::Sub, x, x), zero);
  EXPECT_NE(g.apply(OpKind::Sub, x, g.constant(-0.0)), x) << "-0 - (-0) is +0";
  EXPECT_EQ(g.node(g.apply(OpKind::Div, x, g.constant(3.0))).op, OpKind::Div) << "1 / 3 is not a double";
  EXPECT_EQ(g.node(g.apply(OpKind::Div, x, g.constant(0x1p-1023))).op, OpKind::Div) << "only normal powers of two";
  Graph f(Dtype::Float32);
  const auto xf = leaf(f, "x");
  EXPECT_EQ(f.node(f.apply(OpKind::Div, xf, f.constant(0x1p127))).op, OpKind::Div) << "2^-127 is subnormal in float";
  EXPECT_EQ(f.node(f.apply(OpKind::Div, xf, f.constant(0x1p126))).op, OpKind::Mul);
  EXPECT_EQ(g.node(g.apply(OpKind::Pow, x, g.constant(2.5))).op, OpKind::Pow);
}

TEST(GraphBuild, PowByAWholeConstantIsOpPowsMultiplications)
{
  // op_pow multiplies out whole exponents 2..16; the graph does the same multiplications as nodes,
  // so x^7 and x^6 share x^2, x^3 (and x^6): four multiplications for both.
  for (auto dtype : {Dtype::Float64, Dtype::Float32})
  {
    Graph g(dtype);
    const auto x = leaf(g, "x");
    const auto before = g.nodes().size();
    const auto p7 = g.apply(OpKind::Pow, x, g.constant(7.0));
    const auto p6 = g.apply(OpKind::Pow, x, g.constant(6.0));
    const auto p16 = g.apply(OpKind::Pow, x, g.constant(16.0));
    int muls = 0, pows = 0;
    for (std::size_t i = before; i < g.nodes().size(); ++i)
    {
      muls += g.nodes()[i].op == OpKind::Mul;
      pows += g.nodes()[i].op == OpKind::Pow;
    }
    EXPECT_EQ(pows, 0);
    EXPECT_EQ(muls, 4 + 3) << "x^2 x^3 x^6 x^7, then x^4 x^8 x^16";
    for (double k : {17.0, -2.0, 0.5})
      EXPECT_EQ(g.node(g.apply(OpKind::Pow, x, g.constant(k))).op, OpKind::Pow) << k;
    output(g, "p7", p7);
    output(g, "p6", p6);
    output(g, "p16", p16);
    // Bit for bit what op_pow gives with the exponent as a run-time value.
    std::vector<double> xs = {0.0, -0.0, 1e300, -1e-300, std::numeric_limits<double>::infinity()};
    std::mt19937_64 rng(29);
    std::uniform_real_distribution<double> u(-4.0, 4.0);
    for (int i = 0; i < 300; ++i)
      xs.push_back(dtype == Dtype::Float32 ? static_cast<double>(static_cast<float>(u(rng))) : u(rng));
    const auto y = test::interpret(g, static_cast<std::int64_t>(xs.size()), {{xs}});
    for (std::size_t i = 0; i < xs.size(); ++i)
      for (auto [o, k] : {std::pair{0, 7.0}, {1, 6.0}, {2, 16.0}})
      {
        const double want =
            dtype == Dtype::Float32
                ? static_cast<double>(neml2_ops::op_pow(static_cast<float>(xs[i]), static_cast<float>(k)))
                : neml2_ops::op_pow(xs[i], k);
        EXPECT_EQ(std::bit_cast<std::uint64_t>(y[static_cast<std::size_t>(o)][i]), std::bit_cast<std::uint64_t>(want))
            << dtype_name(dtype) << " " << xs[i] << "^" << k;
      }
  }
}

TEST(GraphBuild, NegationsFoldIntoTheirUsers)
{
  // a + (-y) -> a - y, (-x) + b -> b - x, a - (-y) -> a + y, (-x)(-y) -> xy, (-x) 3 -> x (-3):
  // no Neg node left, and the results bit for bit those of the unfolded expressions, signed
  // zeros and infinities included (NaN stays NaN).
  Graph g(Dtype::Float64);
  const auto x = leaf(g, "x"), y = leaf(g, "y");
  const auto nx = g.apply(OpKind::Neg, x), ny = g.apply(OpKind::Neg, y);
  const NodeId folded[] = {g.apply(OpKind::Add, x, ny),
                           g.apply(OpKind::Add, nx, y),
                           g.apply(OpKind::Sub, x, ny),
                           g.apply(OpKind::Mul, nx, ny),
                           g.apply(OpKind::Mul, nx, g.constant(3.0)),
                           g.apply(OpKind::Mul, g.constant(-0.5), ny)};
  const OpKind expected[] = {OpKind::Sub, OpKind::Sub, OpKind::Add, OpKind::Mul, OpKind::Mul, OpKind::Mul};
  for (std::size_t i = 0; i < std::size(folded); ++i)
  {
    EXPECT_EQ(g.node(folded[i]).op, expected[i]) << i;
    for (const auto arg : g.node(folded[i]).args)
      EXPECT_TRUE(arg == no_node || g.node(arg).op != OpKind::Neg) << i;
    output(g, fmt::format("e{}", i), folded[i]);
  }
  EXPECT_EQ(g.node(g.apply(OpKind::Mul, nx, g.constant(std::nan("")))).op, OpKind::Mul);

  const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> xs = {0.0, -0.0, 0.0, 1.5, inf, -inf, nan, 2.0, -0.0};
  std::vector<double> ys = {0.0, 0.0, -0.0, 1.5, inf, 3.0, 1.0, nan, -0.0};
  std::mt19937_64 rng(31);
  std::uniform_real_distribution<double> u(-4.0, 4.0);
  for (int i = 0; i < 200; ++i)
    xs.push_back(u(rng)), ys.push_back(u(rng));
  const auto out = test::interpret(g, static_cast<std::int64_t>(xs.size()), {{xs}, {ys}});
  for (std::size_t i = 0; i < xs.size(); ++i)
  {
    // The unfolded expressions, evaluated in C++ with the same IEEE operations.
    volatile double a = xs[i], b = ys[i];
    const double want[] = {a + (-b), (-a) + b, a - (-b), (-a) * (-b), (-a) * 3.0, -0.5 * (-b)};
    // (A NaN's sign is not specified by IEEE for these operations: only that it is a NaN.)
    for (std::size_t e = 0; e < std::size(want); ++e)
      if (std::isnan(want[e]))
        EXPECT_TRUE(std::isnan(out[e][i])) << "expression " << e << " at x = " << xs[i] << ", y = " << ys[i];
      else
        EXPECT_EQ(std::bit_cast<std::uint64_t>(out[e][i]), std::bit_cast<std::uint64_t>(want[e]))
            << "expression " << e << " at x = " << xs[i] << ", y = " << ys[i];
  }
}

TEST(GraphBuild, MultiplicationByMinusOneIsANegation)
{
  // x (-1) and (-1) x are -x exactly; as a Neg node they fold into sums: y + x (-1) is y - x.
  Graph g(Dtype::Float64);
  const auto x = leaf(g, "x"), y = leaf(g, "y");
  const auto m1 = g.constant(-1.0);
  const auto right = g.apply(OpKind::Mul, x, m1), left = g.apply(OpKind::Mul, m1, x);
  EXPECT_EQ(g.node(right).op, OpKind::Neg);
  EXPECT_EQ(left, right);
  const auto sum = g.apply(OpKind::Add, y, right);
  EXPECT_EQ(g.node(sum).op, OpKind::Sub);
  output(g, "sum", sum);
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> xs = {0.0, -0.0, 0.0, 1.5, inf, -inf, 2.0, -0.0, 0.1};
  const std::vector<double> ys = {0.0, 0.0, -0.0, 1.5, 1.0, 3.0, inf, -0.0, 0.3};
  const auto out = test::interpret(g, static_cast<std::int64_t>(xs.size()), {{xs}, {ys}});
  for (std::size_t i = 0; i < xs.size(); ++i)
  {
    volatile double a = xs[i], b = ys[i], minus_one = -1.0;
    EXPECT_EQ(std::bit_cast<std::uint64_t>(out[0][i]), std::bit_cast<std::uint64_t>(b + a * minus_one))
        << "x = " << xs[i] << ", y = " << ys[i];
  }
}

TEST(GraphBuild, PowByOneIsTheIdentityInTheCLibrary)
{
  // What the pow(x, 1) -> x simplification relies on, over random bit patterns and special values.
  std::mt19937_64 rng(3);
  volatile double one = 1.0; // not a compile-time constant: the library's pow is called
  volatile float onef = 1.0f;
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> xs = {0.0, -0.0, 1e-310, -1e-310, std::numeric_limits<double>::max(), inf, -inf};
  for (int i = 0; i < 200000; ++i)
    xs.push_back(std::bit_cast<double>(rng()));
  for (double x : xs)
  {
    if (std::isnan(x))
      continue;
    ASSERT_EQ(std::bit_cast<std::uint64_t>(neml2_ops::op_pow(x, static_cast<double>(one))),
              std::bit_cast<std::uint64_t>(x))
        << x;
  }
  for (int i = 0; i < 200000; ++i)
  {
    const auto x = std::bit_cast<float>(static_cast<std::uint32_t>(rng()));
    if (std::isnan(x))
      continue;
    ASSERT_EQ(std::bit_cast<std::uint32_t>(neml2_ops::op_pow(x, static_cast<float>(onef))),
              std::bit_cast<std::uint32_t>(x))
        << x;
  }
}

TEST(GraphBuild, DivisionByAPowerOfTwoIsMultiplicationByItsReciprocal)
{
  // What the x / 2^k -> x * 2^-k simplification relies on, subnormal and special values included.
  std::mt19937_64 rng(5);
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> xs = {0.0, -0.0, 1e-310, -5e-324, std::numeric_limits<double>::max(), inf, -inf};
  for (int i = 0; i < 100000; ++i)
    xs.push_back(std::bit_cast<double>(rng()));
  for (double c : {2.0, 0.5, -4.0, 0x1p-1022, 0x1p1022, -0x1p-1000})
  {
    volatile double vc = c, inverse = 1.0 / c; // run time division, not folded by the compiler
    for (double x : xs)
    {
      if (std::isnan(x))
        continue;
      ASSERT_EQ(std::bit_cast<std::uint64_t>(x / vc), std::bit_cast<std::uint64_t>(x * inverse)) << x << " / " << c;
    }
  }
  for (float c : {2.0f, 0.25f, 0x1p126f, -0x1p-126f})
  {
    volatile float vc = c, inverse = 1.0f / c;
    for (int i = 0; i < 100000; ++i)
    {
      const auto x = std::bit_cast<float>(static_cast<std::uint32_t>(rng()));
      if (std::isnan(x))
        continue;
      ASSERT_EQ(std::bit_cast<std::uint32_t>(x / vc), std::bit_cast<std::uint32_t>(x * inverse)) << x << " / " << c;
    }
  }
}

TEST(GraphBuild, OperandChecks)
{
  Graph g;
  const auto x = leaf(g, "x");
  EXPECT_THROW((void)g.apply(OpKind::Add, x), std::logic_error) << "missing operand";
  EXPECT_THROW((void)g.apply(OpKind::Neg, x, x), std::logic_error) << "extra operand";
  EXPECT_THROW((void)g.apply(OpKind::Neg, 1000), std::logic_error) << "not a node";
  EXPECT_THROW((void)g.apply(OpKind::Const, x), std::logic_error);
  EXPECT_THROW(g.add_argument("x", ArgKind::Variable, TypeKind::Scalar, {}), std::logic_error) << "duplicate";
  EXPECT_THROW(g.add_output({"y", OutputKind::Value, "", TypeKind::SR2, {6}, {x}}), std::logic_error);
}

TEST(GraphPasses, PruneDropsDeadNodesKeepsArguments)
{
  Graph g;
  const auto x = leaf(g, "x"), unused = leaf(g, "unused");
  const auto dead = g.apply(OpKind::Exp, g.apply(OpKind::Sin, unused));
  (void)dead;
  const auto y = g.apply(OpKind::Mul, x, g.apply(OpKind::Cos, x));
  output(g, "y", y);
  const auto p = prune(g);
  ASSERT_EQ(p.arguments().size(), 2u);
  EXPECT_EQ(p.arguments()[1].name, "unused");
  EXPECT_EQ(p.nodes().size(), 4u) << to_text(p); // 2 inputs, cos, mul
  for (const auto & n : p.nodes())
    EXPECT_TRUE(n.op != OpKind::Sin && n.op != OpKind::Exp);
  for (std::size_t i = 0; i < p.nodes().size(); ++i)
    for (auto a : p.nodes()[i].args)
      EXPECT_LT(a, static_cast<NodeId>(i)) << "topological order";
  const std::vector<test::ArgValues> args = {{{0.3, -1.2, 2.0}}, {{1, 2, 3}}};
  EXPECT_EQ(test::interpret(p, 3, args), test::interpret(g, 3, args));
}

TEST(GraphPasses, BakeIsBitIdenticalToTheUnbakedGraph)
{
  for (auto dtype : {Dtype::Float64, Dtype::Float32})
  {
    const auto g = parameterised(dtype);
    const double E = 200e3, nu = 0.3;
    const auto b = bake(g, [&](const Argument & a) -> std::optional<std::vector<double>> {
      if (a.name == "E")
        return std::vector<double>{E};
      if (a.name == "nu")
        return std::vector<double>{nu};
      return std::nullopt;
    });
    ASSERT_EQ(b.arguments().size(), 1u);
    EXPECT_EQ(b.arguments()[0].name, "x");
    EXPECT_LT(b.nodes().size(), g.nodes().size()) << "the parameter-only subexpressions fold";
    std::vector<double> x;
    for (int i = 0; i < 200; ++i)
      x.push_back(-1.0 + 0.013 * i);
    const auto yb = test::interpret(b, 200, {{x}});
    const auto yg = test::interpret(g, 200, {{x}, {{E}, true}, {{nu}, true}});
    ASSERT_EQ(yb[0].size(), yg[0].size());
    for (std::size_t i = 0; i < x.size(); ++i)
      EXPECT_EQ(std::bit_cast<std::uint64_t>(yb[0][i]), std::bit_cast<std::uint64_t>(yg[0][i]))
          << dtype_name(dtype) << " point " << i;
  }
}

TEST(GraphPasses, BakeChecksTheComponentCount)
{
  const auto g = parameterised(Dtype::Float64);
  EXPECT_THROW(bake(g,
                    [](const Argument & a) -> std::optional<std::vector<double>> {
                      return a.name == "E" ? std::optional(std::vector<double>{1, 2}) : std::nullopt;
                    }),
               std::logic_error);
}

TEST(GraphPasses, JvpIsJacobianTimesDirection)
{
  const auto g = parameterised(Dtype::Float64);
  const auto J = with_jacobian(g, {{"y", "x"}, {"y", "E"}});
  const auto V = with_jvp(g, {"x", "E"});
  ASSERT_EQ(V.arguments().size(), 5u); // x, E, nu, and the tangents of x and E
  const int tx = V.find_argument("x", ArgKind::Tangent), tE = V.find_argument("E", ArgKind::Tangent);
  ASSERT_GE(tx, 0);
  ASSERT_GE(tE, 0);
  const std::vector<double> x = {-0.5, 0.1, 0.7}, E = {100, 200, 300}, nu = {0.2, 0.3, 0.4}, vx = {1, -2, 0.5},
                            vE = {0.1, 0.2, -0.3};
  const auto j = test::interpret(J, 3, {{x}, {E}, {nu}});
  std::vector<test::ArgValues> vargs(5);
  vargs[0] = {x};
  vargs[1] = {E};
  vargs[2] = {nu};
  vargs[static_cast<std::size_t>(tx)] = {vx};
  vargs[static_cast<std::size_t>(tE)] = {vE};
  const auto v = test::interpret(V, 3, vargs);
  const int ty = V.find_output("y", OutputKind::Tangent);
  ASSERT_GE(ty, 0);
  for (std::size_t p = 0; p < 3; ++p)
    EXPECT_NEAR(v[static_cast<std::size_t>(ty)][p], j[1][p] * vx[p] + j[2][p] * vE[p], 1e-12);
}

namespace
{
/// Nodes of `g` with op `k`.
std::size_t
count_ops(const Graph & g, OpKind k)
{
  std::size_t n = 0;
  for (const auto & node : g.nodes())
    n += node.op == k;
  return n;
}

/// Variables x0 .. x(n-1), scalar leaves of `g`.
std::vector<NodeId>
variables(Graph & g, int n)
{
  std::vector<NodeId> x;
  for (int i = 0; i < n; ++i)
    x.push_back(leaf(g, fmt::format("x{}", i)));
  return x;
}

/// The Jacobian pairs of output y and x0 .. x(n-1).
std::vector<std::pair<std::string, std::string>>
y_wrt_variables(int n)
{
  std::vector<std::pair<std::string, std::string>> pairs;
  for (int i = 0; i < n; ++i)
    pairs.emplace_back("y", fmt::format("x{}", i));
  return pairs;
}
} // namespace

TEST(GraphPasses, JacobianFactorsTheChainRule)
{
  // y = f12(...f1(s)) of s = x0 + ... + x15: forward mode multiplied each of the 16 directions
  // through each of the 12 links (192 multiplications); factored, the links multiply one scale
  // and each direction is multiplied once.
  constexpr int nx = 16, links = 12;
  Graph g(Dtype::Float64);
  const auto x = variables(g, nx);
  const auto p = leaf(g, "p", ArgKind::Parameter);
  NodeId s = x[0];
  for (int i = 1; i < nx; ++i)
    s = g.apply(OpKind::Add, s, x[static_cast<std::size_t>(i)]);
  // Links, in turn: sin, exp, negation, tanh, cos, and v p / (p + 2).
  NodeId y = s;
  const OpKind unary[] = {OpKind::Sin, OpKind::Exp, OpKind::Neg, OpKind::Tanh, OpKind::Cos};
  for (int link = 0; link < links; ++link)
    y = link % 6 < 5 ? g.apply(unary[link % 6], y)
                     : g.apply(OpKind::Div, g.apply(OpKind::Mul, y, p), g.apply(OpKind::Add, p, g.constant(2.0)));
  output(g, "y", y);
  const auto J = with_jacobian(g, y_wrt_variables(nx));
  EXPECT_LE(count_ops(J, OpKind::Mul), count_ops(prune(g), OpKind::Mul) + std::size_t{3 * links + nx}) << to_text(J);

  // The derivatives: every direction sees the same chain, d y / d xi = d y / d s.
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(-0.2, 0.2);
  const std::int64_t n = 20;
  std::vector<test::ArgValues> args(nx + 1);
  for (auto & a : args)
    for (std::int64_t q = 0; q < n; ++q)
      a.values.push_back(u(rng));
  for (std::int64_t q = 0; q < n; ++q)
    args[nx].values[static_cast<std::size_t>(q)] += 1.5; // p away from -2
  const auto out = test::interpret(J, n, args);
  auto y_at = [&](std::int64_t q, double ds) {
    double v = ds;
    for (int i = 0; i < nx; ++i)
      v += args[static_cast<std::size_t>(i)].values[static_cast<std::size_t>(q)];
    const double pv = args[nx].values[static_cast<std::size_t>(q)];
    for (int link = 0; link < links; ++link)
      switch (link % 6)
      {
        case 0:
          v = std::sin(v);
          break;
        case 1:
          v = std::exp(v);
          break;
        case 2:
          v = -v;
          break;
        case 3:
          v = std::tanh(v);
          break;
        case 4:
          v = std::cos(v);
          break;
        default:
          v = v * pv / (pv + 2.0);
          break;
      }
    return v;
  };
  for (std::int64_t q = 0; q < n; ++q)
  {
    const double h = 1e-6, fd = (y_at(q, h) - y_at(q, -h)) / (2 * h);
    for (int i = 0; i < nx; ++i)
      EXPECT_NEAR(out[static_cast<std::size_t>(1 + i)][static_cast<std::size_t>(q)], fd, 1e-8)
          << "d y / d x" << i << " at point " << q;
  }
}

TEST(GraphPasses, JacobianKeepsASumOfTwoTangentsFactored)
{
  // y = exp(sin(exp(sin(p s + q w)))) with s = x0 + ... + x31, w = x0^2 + ... + x31^2: in direction
  // xi the tangent of p s + q w is p + xi (2 q), two terms whose scales (1 and 2 q, the same in
  // every direction) the four links multiply: 8 nodes for all directions. Multiplying the sum out
  // first would cost one more multiplication per direction at the end.
  constexpr int nx = 32, links = 4;
  Graph g(Dtype::Float64);
  const auto x = variables(g, nx);
  const auto p = leaf(g, "p", ArgKind::Parameter), q = leaf(g, "q", ArgKind::Parameter);
  NodeId sum = x[0], squares = g.apply(OpKind::Mul, x[0], x[0]);
  for (std::size_t i = 1; i < nx; ++i)
  {
    sum = g.apply(OpKind::Add, sum, x[i]);
    squares = g.apply(OpKind::Add, squares, g.apply(OpKind::Mul, x[i], x[i]));
  }
  NodeId y = g.apply(OpKind::Add, g.apply(OpKind::Mul, p, sum), g.apply(OpKind::Mul, q, squares));
  for (int link = 0; link < links; ++link)
    y = g.apply(link % 2 == 0 ? OpKind::Sin : OpKind::Exp, y);
  output(g, "y", y);
  const auto J = with_jacobian(g, y_wrt_variables(nx));
  EXPECT_LE(count_ops(J, OpKind::Mul), count_ops(prune(g), OpKind::Mul) + std::size_t{2 * links + nx + 4})
      << to_text(J);
  // The same blocks with those of the parameters asked for too: the same bits.
  auto pairs = y_wrt_variables(nx);
  pairs.emplace_back("y", "p");
  pairs.emplace_back("y", "q");
  const auto Jp = with_jacobian(g, pairs);

  // d y / d xi = y'(z) (p + 2 q xi) with z = p s + q w, checked by central differences in z.
  const std::int64_t n = 5;
  std::vector<test::ArgValues> args(nx + 2);
  for (std::size_t i = 0; i < args.size(); ++i)
    for (std::int64_t k = 0; k < n; ++k)
      args[i].values.push_back(0.01 * static_cast<double>(i) - 0.004 * static_cast<double>(k * k) + 0.03);
  const auto out = test::interpret(J, n, args), out_p = test::interpret(Jp, n, args);
  for (std::size_t i = 0; i <= nx; ++i)
    for (std::int64_t k = 0; k < n; ++k)
      EXPECT_EQ(std::bit_cast<std::uint64_t>(out[i][static_cast<std::size_t>(k)]),
                std::bit_cast<std::uint64_t>(out_p[i][static_cast<std::size_t>(k)]))
          << "output " << i << " at point " << k << " with and without the parameters' blocks";
  for (std::int64_t k = 0; k < n; ++k)
  {
    const auto at = [&](std::size_t i) { return args[i].values[static_cast<std::size_t>(k)]; };
    double z = 0;
    for (std::size_t i = 0; i < nx; ++i)
      z += at(nx) * at(i) + at(nx + 1) * at(i) * at(i);
    const auto chain = [](double v) { return std::exp(std::sin(std::exp(std::sin(v)))); };
    const double h = 1e-6, dy_dz = (chain(z + h) - chain(z - h)) / (2 * h);
    for (std::size_t i = 0; i < nx; ++i)
      EXPECT_NEAR(out[1 + i][static_cast<std::size_t>(k)], dy_dz * (at(nx) + 2 * at(nx + 1) * at(i)), 1e-8)
          << "d y / d x" << i << " at point " << k;
  }
}

TEST(GraphPasses, JacobianOfAGuardedSqrtIsZeroWhereTheGuardIsOff)
{
  // y = select(u > 0, sqrt(select(u > 0, u, 0)), 0) * 3 with u = x0^2 + ... + x7^2: sqrt's
  // derivative 0.5 / sqrt(0) is infinite where the guard is off. The inner select zeroes every
  // direction there; the outer one selects the factored scale instead of each direction, which
  // must still give +0 (0 x 0), not 0 x infinity = NaN, and costs one select, not eight.
  constexpr int nx = 8;
  Graph g(Dtype::Float64);
  const auto x = variables(g, nx);
  NodeId u = g.apply(OpKind::Mul, x[0], x[0]);
  for (int i = 1; i < nx; ++i)
    u = g.apply(OpKind::Add, u, g.apply(OpKind::Mul, x[static_cast<std::size_t>(i)], x[static_cast<std::size_t>(i)]));
  const auto zero = g.constant(0.0);
  const auto on = g.apply(OpKind::Gt, u, zero);
  const auto root = g.apply(OpKind::Sqrt, g.apply(OpKind::Select, on, u, zero));
  output(g, "y", g.apply(OpKind::Mul, g.apply(OpKind::Select, on, root, zero), g.constant(3.0)));
  const auto J = with_jacobian(g, y_wrt_variables(nx));
  EXPECT_LE(count_ops(J, OpKind::Select), 2u + nx + 1) << to_text(J);

  std::vector<test::ArgValues> args(nx);
  for (int i = 0; i < nx; ++i)
    args[static_cast<std::size_t>(i)].values = {0.0, 0.1 * (i + 1), -0.3 + 0.05 * i};
  const auto out = test::interpret(J, 3, args);
  for (int i = 0; i < nx; ++i)
  {
    EXPECT_EQ(std::bit_cast<std::uint64_t>(out[static_cast<std::size_t>(1 + i)][0]), std::bit_cast<std::uint64_t>(0.0))
        << "d y / d x" << i << " at x = 0: " << out[static_cast<std::size_t>(1 + i)][0];
    for (std::size_t q = 1; q < 3; ++q)
    {
      double uq = 0;
      for (int k = 0; k < nx; ++k)
        uq += args[static_cast<std::size_t>(k)].values[q] * args[static_cast<std::size_t>(k)].values[q];
      const double want = 3.0 * args[static_cast<std::size_t>(i)].values[q] / std::sqrt(uq); // 3 x / |x|
      EXPECT_NEAR(out[static_cast<std::size_t>(1 + i)][q], want, 1e-13) << "d y / d x" << i << " at point " << q;
    }
  }
}

TEST(GraphPasses, ToTextMentionsOpsAndOutputs)
{
  const auto g = with_jacobian(parameterised(Dtype::Float32), {{"y", "x"}});
  const auto text = to_text(g);
  for (const char * s :
       {"float32", "arg variable x", "arg parameter E", "div", "sqrt", "max", "output y", "d(y)/d(x)", "const 1"})
    EXPECT_NE(text.find(s), std::string::npos) << s << " not in\n" << text;
}

TEST(GraphPasses, StructuralHash)
{
  const auto h = structural_hash(parameterised(Dtype::Float64));
  EXPECT_EQ(h.size(), 16u);
  EXPECT_EQ(h, structural_hash(parameterised(Dtype::Float64))) << "deterministic";
  EXPECT_NE(h, structural_hash(parameterised(Dtype::Float32))) << "the dtype is part of it";

  auto with_constant = [](double c) {
    Graph g;
    const auto x = leaf(g, "x");
    output(g, "y", g.apply(OpKind::Mul, x, g.constant(c)));
    return structural_hash(g);
  };
  EXPECT_EQ(with_constant(2.0), with_constant(2.0));
  EXPECT_NE(with_constant(2.0), with_constant(2.0000000001));

  auto with_type = [](TypeKind k) {
    Graph g;
    g.add_argument("v", ArgKind::Variable, k, {3});
    const auto & l = g.arguments()[0].leaves;
    g.add_output({"y", OutputKind::Value, "", k, {3}, {l[0], l[1], l[2]}});
    return structural_hash(g);
  };
  EXPECT_NE(with_type(TypeKind::Vec), with_type(TypeKind::WR2)) << "argument and output types are part of it";
}

TEST(SymAlgebra, StructuralZerosCostNoNodes)
{
  // a : b with b a constant holding zeros of both signs: only the three nonzero terms are nodes,
  // and for finite a the value is the dense sum's, bit for bit.
  Graph g;
  sym::SR2 a;
  for (std::size_t i = 0; i < 6; ++i)
    a[i] = sym::Sym(&g, leaf(g, fmt::format("a{}", i)));
  const double w[6] = {0.5, 0.0, -0.0, 2.0, 0.0, -3.0};
  sym::SR2 b;
  for (std::size_t i = 0; i < 6; ++i)
    b[i] = sym::Sym::constant(&g, w[i]);
  const auto before = g.nodes().size();
  const auto d = sym::inner(a, b);
  EXPECT_EQ(g.nodes().size() - before, 3u + 2u) << "three products, two sums";
  EXPECT_TRUE(g.is_constant(sym::inner(a, sym::SR2::zeros(&g)).id(), 0.0)) << "no term left: the constant 0";
  // W E with W a skew matrix (zero diagonal): two products per component, not three.
  sym::R2 W, E;
  for (std::size_t i = 0; i < 9; ++i)
  {
    W[i] = i % 4 == 0 ? sym::Sym::constant(&g, 0.0) : sym::Sym(&g, leaf(g, fmt::format("W{}", i)));
    E[i] = sym::Sym(&g, leaf(g, fmt::format("E{}", i)));
  }
  const auto before_matmul = g.nodes().size();
  const auto WE = sym::matmul(W, E);
  int muls = 0;
  for (std::size_t i = before_matmul; i < g.nodes().size(); ++i)
    muls += g.nodes()[i].op == OpKind::Mul;
  EXPECT_EQ(muls, 18);
  output(g, "d", d.id());
  output(g, "WE01", WE[1].id());
  std::mt19937_64 rng(31);
  std::uniform_real_distribution<double> u(-2.0, 2.0);
  std::vector<test::ArgValues> args(g.arguments().size());
  for (auto & arg : args)
    for (int p = 0; p < 100; ++p)
      arg.values.push_back(u(rng));
  const auto y = test::interpret(g, 100, args);
  const auto at = [&](const std::string & name, std::size_t p) {
    return args[static_cast<std::size_t>(g.find_argument(name, ArgKind::Variable))].values[p];
  };
  for (std::size_t p = 0; p < 100; ++p)
  {
    double dense = at("a0", p) * w[0];
    for (std::size_t i = 1; i < 6; ++i)
      dense = dense + at(fmt::format("a{}", i), p) * w[i];
    EXPECT_EQ(std::bit_cast<std::uint64_t>(y[0][p]), std::bit_cast<std::uint64_t>(dense)) << p;
    // (W E)_01 = W00 E01 + W01 E11 + W02 E21, W00 = 0.
    const double we = ((0.0 * at("E1", p)) + at("W1", p) * at("E4", p)) + at("W2", p) * at("E7", p);
    EXPECT_EQ(std::bit_cast<std::uint64_t>(y[1][p]), std::bit_cast<std::uint64_t>(we)) << p;
  }
  // What the dense sum would not do: a NaN facing a zero weight does not reach the result.
  std::vector<test::ArgValues> one(g.arguments().size(), test::ArgValues{{1.0}});
  one[static_cast<std::size_t>(g.find_argument("a1", ArgKind::Variable))].values = {
      std::numeric_limits<double>::quiet_NaN()};
  EXPECT_EQ(test::interpret(g, 1, one)[0][0], 0.5 + 2.0 - 3.0);
}

// The eager interpreter against a node-by-node reference: batch sizes around the chunk size
// and past the parallel threshold, uniform (stride 0) and per-point (stride 1) arguments, both
// dtypes, and a random DAG that exercises scratch-slot reuse.
#include <gtest/gtest.h>

#include <bit>
#include <random>

#include <fmt/format.h>

#include "test_graph_eval.h"

using namespace neml2;
using namespace neml2::graph;

namespace
{
/// Arguments e (6 components) and s (scalar). Outputs: y_i = s e_i + exp(-e_i) (varying),
/// u = s * 2 + 1 (depends on s only), c = 3 (a constant), id = e (the leaves themselves).
Graph
small_graph(Dtype dtype)
{
  Graph g(dtype);
  g.add_argument("e", ArgKind::Variable, TypeKind::SR2, {6});
  g.add_argument("s", ArgKind::Variable, TypeKind::Scalar, {});
  const auto e = g.arguments()[0].leaves;
  const auto s = g.arguments()[1].leaves[0];
  std::vector<NodeId> y;
  for (auto ei : e)
    y.push_back(g.apply(OpKind::Add, g.apply(OpKind::Mul, s, ei), g.apply(OpKind::Exp, g.apply(OpKind::Neg, ei))));
  g.add_output({"y", OutputKind::Value, "", TypeKind::SR2, {6}, y});
  g.add_output({"u",
                OutputKind::Value,
                "",
                TypeKind::Scalar,
                {},
                {g.apply(OpKind::Add, g.apply(OpKind::Mul, s, g.constant(2.0)), g.constant(1.0))}});
  g.add_output({"c", OutputKind::Value, "", TypeKind::Scalar, {}, {g.constant(3.0)}});
  g.add_output({"id", OutputKind::Value, "", TypeKind::SR2, {6}, e});
  return g;
}

std::vector<double>
random_values(std::size_t n, unsigned seed)
{
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-2, 2);
  std::vector<double> v(n);
  for (auto & x : v)
    x = u(rng);
  return v;
}

void
expect_bitwise(const std::vector<std::vector<double>> & got, const std::vector<std::vector<double>> & want,
               const std::string & what)
{
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t o = 0; o < got.size(); ++o)
  {
    ASSERT_EQ(got[o].size(), want[o].size()) << what << ", output " << o;
    for (std::size_t i = 0; i < got[o].size(); ++i)
      ASSERT_EQ(std::bit_cast<std::uint64_t>(got[o][i]), std::bit_cast<std::uint64_t>(want[o][i]))
          << what << ", output " << o << ", value " << i << ": " << got[o][i] << " vs " << want[o][i];
  }
}

/// A random DAG of `size` ops over `nargs` scalar arguments with `nout` outputs (fixed seed).
Graph
random_dag(Dtype dtype, int nargs, int size, int nout, unsigned seed)
{
  std::mt19937_64 rng(seed);
  Graph g(dtype);
  std::vector<NodeId> pool;
  for (int i = 0; i < nargs; ++i)
  {
    g.add_argument(fmt::format("a{}", i), ArgKind::Variable, TypeKind::Scalar, {});
    pool.push_back(g.arguments().back().leaves[0]);
  }
  pool.push_back(g.constant(0.5));
  const OpKind ops[] = {OpKind::Add, OpKind::Sub, OpKind::Mul, OpKind::Sin,    OpKind::Cos, OpKind::Tanh,
                        OpKind::Max, OpKind::Min, OpKind::Gt,  OpKind::Select, OpKind::Abs, OpKind::Neg};
  auto pick = [&] {
    // favour recent nodes so that values die and scratch slots get reused
    const auto n = pool.size();
    const auto back = std::min<std::size_t>(n, 1 + rng() % 12);
    return rng() % 4 == 0 ? pool[rng() % n] : pool[n - back];
  };
  for (int i = 0; i < size; ++i)
  {
    const auto op = ops[rng() % std::size(ops)];
    const NodeId a = pick(), b = arity(op) > 1 ? pick() : no_node, c = arity(op) > 2 ? pick() : no_node;
    pool.push_back(g.apply(op, a, b, c));
  }
  for (int k = 0; k < nout; ++k)
    g.add_output({fmt::format("o{}", k),
                  OutputKind::Value,
                  "",
                  TypeKind::Scalar,
                  {},
                  {pool[pool.size() - 1 - static_cast<std::size_t>(k) * 7 % pool.size()]}});
  return g;
}
} // namespace

TEST(Interpreter, BatchSizesAroundChunksAndParallelThreshold)
{
  for (auto dtype : {Dtype::Float64, Dtype::Float32})
  {
    const auto g = small_graph(dtype);
    for (std::int64_t n : {0, 1, 127, 128, 129, 5000})
    {
      const std::vector<test::ArgValues> args = {{random_values(static_cast<std::size_t>(n) * 6, 1)},
                                                 {random_values(static_cast<std::size_t>(n), 2)}};
      const auto got = test::interpret(g, n, args);
      expect_bitwise(got, test::reference(g, n, args), fmt::format("{} n = {}", dtype_name(dtype), n));
    }
  }
}

TEST(Interpreter, UniformAndPerPointArguments)
{
  for (auto dtype : {Dtype::Float64, Dtype::Float32})
  {
    const auto g = small_graph(dtype);
    for (std::int64_t n : {1, 129, 5000})
      for (int mode = 0; mode < 3; ++mode) // 0: s uniform, 1: e uniform, 2: both uniform
      {
        const bool eu = mode >= 1, su = mode != 1;
        const std::vector<test::ArgValues> args = {{random_values(eu ? 6 : static_cast<std::size_t>(n) * 6, 3), eu},
                                                   {random_values(su ? 1 : static_cast<std::size_t>(n), 4), su}};
        const auto got = test::interpret(g, n, args);
        expect_bitwise(got, test::reference(g, n, args), fmt::format("{} n = {} mode {}", dtype_name(dtype), n, mode));
        if (mode == 2) // everything uniform: every point equal
        {
          for (std::int64_t p = 1; p < n; ++p)
            ASSERT_EQ(got[0][static_cast<std::size_t>(p * 6)], got[0][0]);
        }
      }
  }
}

TEST(Interpreter, RandomDagReusesScratchCorrectly)
{
  for (auto dtype : {Dtype::Float64, Dtype::Float32})
    for (unsigned seed : {1u, 2u, 3u})
    {
      const auto g = random_dag(dtype, 4, 400, 9, seed);
      for (std::int64_t n : {129, 5000})
      {
        std::vector<test::ArgValues> args;
        for (unsigned i = 0; i < 4; ++i)
          args.push_back({random_values(i == 2 ? 1 : static_cast<std::size_t>(n), 10 + i), i == 2});
        expect_bitwise(test::interpret(g, n, args), test::reference(g, n, args),
                       fmt::format("{} seed {} n = {}", dtype_name(dtype), seed, n));
      }
    }
}

TEST(Interpreter, ChecksArgumentAndOutputCounts)
{
  const auto g = small_graph(Dtype::Float64);
  std::vector<double> e(6), s(1), y(6), u(1), c(1), id(6);
  std::vector<eager::ArgView> one = {{e.data(), 1}};
  std::vector<void *> outs = {y.data(), u.data(), c.data(), id.data()};
  EXPECT_THROW(eager::interpret(g, 1, one, outs), std::logic_error);
  std::vector<eager::ArgView> two = {{e.data(), 1}, {s.data(), 1}};
  std::vector<void *> three = {y.data(), u.data(), c.data()};
  EXPECT_THROW(eager::interpret(g, 1, two, three), std::logic_error);
  EXPECT_NO_THROW(eager::interpret(g, 1, two, outs));
}

// Test helpers for graphs: run the eager interpreter on plain vectors, and a point-by-point
// reference evaluator built on graph::fold (the shared scalar definitions).
#pragma once

#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "neml2/eager/interpreter.h"
#include "neml2/graph/graph.h"

namespace neml2::test
{
/// Values of one argument: n * ncomp per-point values (point-major), or ncomp when uniform.
struct ArgValues
{
  std::vector<double> values;
  bool uniform = false;
};

template <typename T>
std::vector<std::vector<double>>
interpret_as(const graph::Graph & g, std::int64_t n, const std::vector<ArgValues> & args)
{
  std::vector<std::vector<T>> in;
  std::vector<eager::ArgView> views;
  for (const auto & a : args)
    in.emplace_back(a.values.begin(), a.values.end());
  for (std::size_t i = 0; i < args.size(); ++i)
    views.push_back({in[i].data(), args[i].uniform ? 0 : 1});
  std::vector<std::vector<T>> out;
  std::vector<void *> ptrs;
  for (const auto & o : g.outputs())
    out.emplace_back(static_cast<std::size_t>(n) * o.components.size() + 1, T(-12345));
  for (auto & o : out)
    ptrs.push_back(o.data());
  eager::interpret(g, n, views, ptrs);
  std::vector<std::vector<double>> res;
  for (auto & o : out)
  {
    EXPECT_EQ(o.back(), T(-12345)) << "the interpreter wrote past the end of an output";
    o.pop_back();
    res.emplace_back(o.begin(), o.end());
  }
  return res;
}

/// Runs `g` with the eager interpreter in its dtype; returns each output's n * ncomp values.
inline std::vector<std::vector<double>>
interpret(const graph::Graph & g, std::int64_t n, const std::vector<ArgValues> & args)
{
  return g.dtype() == Dtype::Float64 ? interpret_as<double>(g, n, args) : interpret_as<float>(g, n, args);
}

/// The same computed node by node, point by point, with graph::fold.
inline std::vector<std::vector<double>>
reference(const graph::Graph & g, std::int64_t n, const std::vector<ArgValues> & args)
{
  const auto round = [&](double v) {
    return g.dtype() == Dtype::Float32 ? static_cast<double>(static_cast<float>(v)) : v;
  };
  std::vector<std::vector<double>> res;
  for (const auto & o : g.outputs())
    res.emplace_back(static_cast<std::size_t>(n) * o.components.size());
  std::vector<double> v(g.nodes().size());
  for (std::int64_t p = 0; p < n; ++p)
  {
    for (std::size_t i = 0; i < g.nodes().size(); ++i)
    {
      const auto & node = g.nodes()[i];
      if (node.op == graph::OpKind::Const)
        v[i] = node.value;
      else if (node.op == graph::OpKind::Input)
      {
        const auto & a = args[static_cast<std::size_t>(node.arg)];
        const auto nc = static_cast<std::int64_t>(g.arguments()[static_cast<std::size_t>(node.arg)].leaves.size());
        v[i] = round(a.values[static_cast<std::size_t>((a.uniform ? 0 : p) * nc + node.comp)]);
      }
      else
      {
        double x[3] = {0, 0, 0};
        for (int k = 0; k < graph::arity(node.op); ++k)
          x[k] = v[static_cast<std::size_t>(node.args[k])];
        v[i] = graph::fold(node.op, g.dtype(), x[0], x[1], x[2]);
      }
    }
    for (std::size_t oi = 0; oi < g.outputs().size(); ++oi)
    {
      const auto & comps = g.outputs()[oi].components;
      for (std::size_t c = 0; c < comps.size(); ++c)
        res[oi][static_cast<std::size_t>(p) * comps.size() + c] = v[static_cast<std::size_t>(comps[c])];
    }
  }
  return res;
}
} // namespace neml2::test

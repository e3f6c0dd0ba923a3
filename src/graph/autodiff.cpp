// Forward-mode AD: one derivative rule per op, applied node by node in topological order.
#include "neml2/graph/autodiff.h"

#include "neml2/base/error.h"
#include "neml2/graph/implicit.h"
#include "neml2/graph/passes.h"

namespace neml2::graph
{
namespace
{
/// Tangent arithmetic where no_node means an exact zero, so zero blocks cost nothing.
struct TangentAlgebra
{
  Graph & g;

  NodeId op(OpKind k, NodeId a, NodeId b = no_node, NodeId c = no_node) { return g.apply(k, a, b, c); }
  NodeId add(NodeId a, NodeId b)
  {
    if (a == no_node)
      return b;
    if (b == no_node)
      return a;
    return op(OpKind::Add, a, b);
  }
  NodeId sub(NodeId a, NodeId b)
  {
    if (b == no_node)
      return a;
    if (a == no_node)
      return op(OpKind::Neg, b);
    return op(OpKind::Sub, a, b);
  }
  NodeId neg(NodeId t) { return t == no_node ? no_node : op(OpKind::Neg, t); }
  NodeId mul(NodeId t, NodeId f) { return t == no_node ? no_node : op(OpKind::Mul, t, f); }
  NodeId select(NodeId c, NodeId ta, NodeId tb)
  {
    if (ta == no_node && tb == no_node)
      return no_node;
    auto zero = g.constant(0.0);
    return op(OpKind::Select, c, ta == no_node ? zero : ta, tb == no_node ? zero : tb);
  }
};

bool
all_zero(const std::vector<NodeId> & t)
{
  for (auto x : t)
    if (x != no_node)
      return false;
  return true;
}
} // namespace

namespace
{
using PartTangents = std::vector<std::vector<NodeId>>; // [result][direction]

/// Solves A Y = RHS for the directions where RHS is not identically zero; returns the
/// tangents of the n results in every direction (zero elsewhere).
std::optional<PartTangents>
solve_directions(Graph & g, int n, const std::vector<NodeId> & A, const std::vector<std::vector<NodeId>> & rhs,
                 std::size_t ndir)
{
  std::vector<std::size_t> dirs;
  for (std::size_t k = 0; k < ndir; ++k)
    for (int i = 0; i < n; ++i)
      if (rhs[static_cast<std::size_t>(i)][k] != no_node)
      {
        dirs.push_back(k);
        break;
      }
  if (dirs.empty())
    return std::nullopt;
  const int m = static_cast<int>(dirs.size());
  std::vector<NodeId> ops = A;
  const NodeId zero = g.constant(0.0);
  for (int i = 0; i < n; ++i)
    for (auto k : dirs)
    {
      auto t = rhs[static_cast<std::size_t>(i)][k];
      ops.push_back(t == no_node ? zero : t);
    }
  const NodeId L = g.lin_solve(n, m, ops);
  PartTangents out(static_cast<std::size_t>(n), std::vector<NodeId>(ndir, no_node));
  for (int i = 0; i < n; ++i)
    for (int c = 0; c < m; ++c)
      out[static_cast<std::size_t>(i)][dirs[static_cast<std::size_t>(c)]] = g.part(L, i * m + c);
  return out;
}

/// Implicit function theorem: at the solution x of r(x; g) = 0, dx = -J^{-1} (dr/dg) dg.
std::optional<PartTangents>
solve_tangents(Graph & g, NodeId S, const Tangents & tan, std::size_t ndir)
{
  const auto sys = g.systems()[static_cast<std::size_t>(g.node(S).arg)];
  const auto ops = g.operands(S); // copy: the graph grows below
  const int n = sys->n, m = sys->m;
  bool any = false;
  for (int j = 0; j < m; ++j)
    for (auto t : tan[static_cast<std::size_t>(ops[static_cast<std::size_t>(n + j)])])
      any = any || t != no_node;
  if (!any)
    return std::nullopt;
  std::vector<std::vector<NodeId>> args;
  args.emplace_back();
  for (int i = 0; i < n; ++i)
    args.back().push_back(g.part(S, i));
  for (int j = 0; j < m; ++j)
    args.push_back({ops[static_cast<std::size_t>(n + j)]});
  const auto outs = inline_graph(g, sys->ift, args); // J (n x n), B (n x m)
  TangentAlgebra d{g};
  std::vector<std::vector<NodeId>> rhs(static_cast<std::size_t>(n), std::vector<NodeId>(ndir, no_node));
  for (int i = 0; i < n; ++i)
    for (std::size_t k = 0; k < ndir; ++k)
    {
      NodeId acc = no_node;
      for (int j = 0; j < m; ++j)
      {
        auto t = tan[static_cast<std::size_t>(ops[static_cast<std::size_t>(n + j)])][k];
        acc = d.add(acc, d.mul(t, outs[1][static_cast<std::size_t>(i * m + j)]));
      }
      rhs[static_cast<std::size_t>(i)][k] = d.neg(acc);
    }
  return solve_directions(g, n, outs[0], rhs, ndir);
}

/// y = A^{-1} B: dy = A^{-1} (dB - dA y).
std::optional<PartTangents>
lin_solve_tangents(Graph & g, NodeId L, const Tangents & tan, std::size_t ndir)
{
  const int n = g.node(L).arg, m = g.node(L).comp;
  const auto ops = g.operands(L);
  TangentAlgebra d{g};
  auto t_of = [&](int k, std::size_t dir) {
    return tan[static_cast<std::size_t>(ops[static_cast<std::size_t>(k)])][dir];
  };
  std::vector<NodeId> A(ops.begin(), ops.begin() + std::ptrdiff_t{n} * n);
  // Each column c of B is its own set of directions: solve per column.
  std::vector<std::vector<std::vector<NodeId>>> rhs_cols(static_cast<std::size_t>(m));
  bool any = false;
  for (int c = 0; c < m; ++c)
  {
    auto & rhs = rhs_cols[static_cast<std::size_t>(c)];
    rhs.assign(static_cast<std::size_t>(n), std::vector<NodeId>(ndir, no_node));
    for (int i = 0; i < n; ++i)
      for (std::size_t k = 0; k < ndir; ++k)
      {
        NodeId acc = t_of(n * n + i * m + c, k);
        for (int j = 0; j < n; ++j)
          acc = d.sub(acc, d.mul(t_of(i * n + j, k), g.part(L, j * m + c)));
        rhs[static_cast<std::size_t>(i)][k] = acc;
        any = any || acc != no_node;
      }
  }
  if (!any)
    return std::nullopt;
  PartTangents out(static_cast<std::size_t>(n * m), std::vector<NodeId>(ndir, no_node));
  for (int c = 0; c < m; ++c)
    if (auto t = solve_directions(g, n, A, rhs_cols[static_cast<std::size_t>(c)], ndir))
      for (int i = 0; i < n; ++i)
        out[static_cast<std::size_t>(i * m + c)] = (*t)[static_cast<std::size_t>(i)];
  return out;
}
} // namespace

Tangents
forward_tangents(Graph & g, std::size_t ndir, const std::unordered_map<NodeId, std::vector<NodeId>> & seeds)
{
  const std::size_t n = g.nodes().size(); // nodes appended below need no tangents
  Tangents tan(n, std::vector<NodeId>(ndir, no_node));
  TangentAlgebra d{g};
  // Tangents of the results of structured nodes, filled when the node is reached.
  std::unordered_map<NodeId, std::vector<std::vector<NodeId>>> parts;
  for (std::size_t i = 0; i < n; ++i)
  {
    const Node node = g.node(static_cast<NodeId>(i)); // copy: apply() may grow the node list
    const auto r = static_cast<NodeId>(i);
    const OriginScope origin(g, std::string(g.origin_of(r))); // a tangent comes from where its node does
    if (auto it = seeds.find(r); it != seeds.end())
    {
      NEML2_ASSERT(it->second.size() == ndir, "seed of node {} has the wrong direction count", i);
      tan[i] = it->second;
      continue;
    }
    if (node.op == OpKind::Input || node.op == OpKind::Const)
      continue;
    if (node.op == OpKind::Part)
    {
      if (auto it = parts.find(node.args[0]); it != parts.end())
        tan[i] = it->second[static_cast<std::size_t>(node.comp)];
      continue;
    }
    if (node.op == OpKind::Solve)
    {
      if (auto t = solve_tangents(g, r, tan, ndir))
      {
        t->emplace_back(ndir, no_node); // the iteration count is piecewise constant
        parts[r] = std::move(*t);
      }
      continue;
    }
    if (node.op == OpKind::LinSolve)
    {
      if (auto t = lin_solve_tangents(g, r, tan, ndir))
        parts[r] = std::move(*t);
      continue;
    }
    const NodeId a = node.args[0], b = node.args[1], c = node.args[2];
    static const std::vector<NodeId> none;
    const auto & ta = tan[static_cast<std::size_t>(a)];
    const auto & tb = b == no_node ? none : tan[static_cast<std::size_t>(b)];
    const auto & tc = c == no_node ? none : tan[static_cast<std::size_t>(c)];
    const bool za = all_zero(ta), zb = tb.empty() || all_zero(tb), zc = tc.empty() || all_zero(tc);
    if (za && zb && zc)
      continue;
    auto & out = tan[i];
    auto each = [&](auto rule) {
      for (std::size_t k = 0; k < ndir; ++k)
        out[k] = rule(ta[k], tb.empty() ? no_node : tb[k], tc.empty() ? no_node : tc[k]);
    };
    switch (node.op)
    {
      case OpKind::Const:
      case OpKind::Input:
      case OpKind::Part:
      case OpKind::Solve:
      case OpKind::LinSolve:
      case OpKind::Sign:
      case OpKind::Gt:
        break; // piecewise constant (or handled above): zero derivative
      case OpKind::Neg:
        each([&](NodeId x, NodeId, NodeId) { return d.neg(x); });
        break;
      // Quotients below multiply every direction by one reciprocal: a division costs several
      // multiplications (a Jacobian of n columns would divide n times by the same value).
      case OpKind::Sqrt: // d sqrt(a) = da (0.5 / sqrt(a))
      {
        auto f = d.op(OpKind::Div, g.constant(0.5), r);
        each([&](NodeId x, NodeId, NodeId) { return d.mul(x, f); });
        break;
      }
      case OpKind::Exp:
        each([&](NodeId x, NodeId, NodeId) { return d.mul(x, r); });
        break;
      case OpKind::Log: // da (1 / a)
      {
        auto f = d.op(OpKind::Div, g.constant(1.0), a);
        each([&](NodeId x, NodeId, NodeId) { return d.mul(x, f); });
        break;
      }
      case OpKind::Sin:
      {
        auto f = d.op(OpKind::Cos, a);
        each([&](NodeId x, NodeId, NodeId) { return d.mul(x, f); });
        break;
      }
      case OpKind::Cos:
      {
        auto f = d.op(OpKind::Neg, d.op(OpKind::Sin, a));
        each([&](NodeId x, NodeId, NodeId) { return d.mul(x, f); });
        break;
      }
      case OpKind::Tanh: // 1 - tanh^2
      {
        auto f = d.op(OpKind::Sub, g.constant(1.0), d.op(OpKind::Mul, r, r));
        each([&](NodeId x, NodeId, NodeId) { return d.mul(x, f); });
        break;
      }
      case OpKind::Abs:
      {
        auto f = d.op(OpKind::Sign, a);
        each([&](NodeId x, NodeId, NodeId) { return d.mul(x, f); });
        break;
      }
      case OpKind::Add:
        each([&](NodeId x, NodeId y, NodeId) { return d.add(x, y); });
        break;
      case OpKind::Sub:
        each([&](NodeId x, NodeId y, NodeId) { return d.sub(x, y); });
        break;
      case OpKind::Mul: // da b + a db
        each([&](NodeId x, NodeId y, NodeId) { return d.add(d.mul(x, b), d.mul(y, a)); });
        break;
      case OpKind::Div: // (da - r db) (1 / b)
      {
        auto f = d.op(OpKind::Div, g.constant(1.0), b);
        each([&](NodeId x, NodeId y, NodeId) { return d.mul(d.sub(x, d.mul(y, r)), f); });
        break;
      }
      case OpKind::Pow: // da b a^(b-1) + db r log(a)
      {
        NodeId fa = no_node, fb = no_node;
        if (!za)
          fa = d.op(OpKind::Mul, b, d.op(OpKind::Pow, a, d.op(OpKind::Sub, b, g.constant(1.0))));
        if (!zb) // at a = 0, r log(a) is 0 (-inf): the limit of a^b log(a) is 0 for b > 0, as PyTorch gives
          fb = d.op(OpKind::Select, d.op(OpKind::Gt, d.op(OpKind::Abs, a), g.constant(0.0)),
                    d.op(OpKind::Mul, r, d.op(OpKind::Log, a)), g.constant(0.0));
        each([&](NodeId x, NodeId y, NodeId) { return d.add(d.mul(x, fa), d.mul(y, fb)); });
        break;
      }
      case OpKind::Max: // follows op_max: a where a > b, else b
      {
        auto cnd = d.op(OpKind::Gt, a, b);
        each([&](NodeId x, NodeId y, NodeId) { return d.select(cnd, x, y); });
        break;
      }
      case OpKind::Min: // follows op_min: a where b > a, else b
      {
        auto cnd = d.op(OpKind::Gt, b, a);
        each([&](NodeId x, NodeId y, NodeId) { return d.select(cnd, x, y); });
        break;
      }
      case OpKind::Select:
        each([&](NodeId, NodeId y, NodeId z) { return d.select(a, y, z); });
        break;
      case OpKind::Atan2: // atan2(a, b): (b da - a db) / (a^2 + b^2)
      {
        auto f =
            d.op(OpKind::Div, g.constant(1.0), d.op(OpKind::Add, d.op(OpKind::Mul, a, a), d.op(OpKind::Mul, b, b)));
        each([&](NodeId x, NodeId y, NodeId) { return d.mul(d.sub(d.mul(x, b), d.mul(y, a)), f); });
        break;
      }
    }
  }
  return tan;
}

namespace
{
const Argument &
find_wrt(const Graph & g, const std::string & name, int & index)
{
  index = g.find_argument(name, ArgKind::Variable);
  if (index < 0)
    index = g.find_argument(name, ArgKind::Parameter);
  NEML2_ASSERT(index >= 0, "no argument named '{}' to differentiate against", name);
  return g.arguments()[static_cast<std::size_t>(index)];
}
} // namespace

Graph
with_jacobian(const Graph & g0, const std::vector<std::pair<std::string, std::string>> & pairs)
{
  Graph g = g0;
  // One direction per component of each distinct argument, in order of first mention.
  std::vector<int> args;
  std::unordered_map<int, std::size_t> offset;
  std::size_t ndir = 0;
  for (const auto & [out, wrt] : pairs)
  {
    int idx = -1;
    const auto & arg = find_wrt(g, wrt, idx);
    if (offset.count(idx))
      continue;
    offset[idx] = ndir;
    args.push_back(idx);
    ndir += arg.leaves.size();
  }
  std::unordered_map<NodeId, std::vector<NodeId>> seeds;
  const NodeId one = g.constant(1.0);
  for (int idx : args)
  {
    const auto & leaves = g.arguments()[static_cast<std::size_t>(idx)].leaves;
    for (std::size_t k = 0; k < leaves.size(); ++k)
    {
      auto & s = seeds[leaves[k]];
      if (s.empty())
        s.assign(ndir, no_node);
      s[offset[idx] + k] = one;
    }
  }
  auto tan = forward_tangents(g, ndir, seeds);
  const NodeId zero = g.constant(0.0);
  for (const auto & [out, wrt] : pairs)
  {
    const int oi = g.find_output(out);
    NEML2_ASSERT(oi >= 0, "no output named '{}' to differentiate", out);
    int ai = -1;
    const auto & arg = find_wrt(g, wrt, ai);
    const Output o = g.outputs()[static_cast<std::size_t>(oi)];
    Output block;
    block.name = out;
    block.kind = OutputKind::Derivative;
    block.wrt = wrt;
    block.base_shape = o.base_shape;
    block.base_shape.insert(block.base_shape.end(), arg.base_shape.begin(), arg.base_shape.end());
    for (auto c : o.components)
      for (std::size_t k = 0; k < arg.leaves.size(); ++k)
      {
        auto t = tan[static_cast<std::size_t>(c)][offset[ai] + k];
        block.components.push_back(t == no_node ? zero : t);
      }
    g.add_output(std::move(block));
  }
  return prune(g);
}

Graph
with_jvp(const Graph & g0, const std::vector<std::string> & wrt)
{
  Graph g = g0;
  std::unordered_map<NodeId, std::vector<NodeId>> seeds;
  for (const auto & name : wrt)
  {
    int idx = -1;
    const Argument arg = find_wrt(g, name, idx);
    const int t = g.add_argument(arg.name, ArgKind::Tangent, arg.type, arg.base_shape);
    const auto & tleaves = g.arguments()[static_cast<std::size_t>(t)].leaves;
    for (std::size_t k = 0; k < arg.leaves.size(); ++k)
      seeds[arg.leaves[k]] = {tleaves[k]};
  }
  auto tan = forward_tangents(g, 1, seeds);
  const NodeId zero = g.constant(0.0);
  const auto values = g.outputs();
  for (const auto & o : values)
  {
    if (o.kind != OutputKind::Value)
      continue;
    Output t = o;
    t.kind = OutputKind::Tangent;
    for (auto & c : t.components)
    {
      auto x = tan[static_cast<std::size_t>(c)][0];
      c = x == no_node ? zero : x;
    }
    g.add_output(std::move(t));
  }
  return prune(g);
}
} // namespace neml2::graph

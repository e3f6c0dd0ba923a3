// Forward-mode AD: one derivative rule per op, applied node by node in topological order.
//
// In each direction a tangent is kept as a short sum of terms, base x scale, both nodes: the rules
// that multiply a tangent by a value of the primal graph (x f, -x, x / b, exp, sqrt, ...) multiply
// the scales, and the directions that flow through the same chain share those scale nodes
// (hash-consing), so a chain of k rules costs about k + ndir multiplications instead of k ndir:
// the factored chain rule a hand-derived Jacobian writes. A sum of tangents joins their terms;
// terms are multiplied out where a select needs one value, where a sum grows past a few terms or
// feeds several nodes, and for the outputs. The products are rounded differently from the
// unfactored ones; the eager interpreter and every backend evaluate the same graph, and each
// direction is built from its own terms alone, so results agree bit for bit whichever blocks are
// asked for together.
#include "neml2/graph/autodiff.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "neml2/base/error.h"
#include "neml2/graph/implicit.h"
#include "neml2/graph/passes.h"

namespace neml2::graph
{
namespace
{
bool
all_zero(const std::vector<NodeId> & t)
{
  for (auto x : t)
    if (x != no_node)
      return false;
  return true;
}

/// One term of a tangent in one direction: `base` times `scale` (no_node: 1), both nodes.
struct Term
{
  NodeId base;
  NodeId scale;
};

/// The tangent of one node: per direction, a short sum of terms (an empty sum is the exact zero);
/// no directions at all where the node's tangent is zero in every one.
struct ScaledTangent
{
  std::vector<std::vector<Term>> dirs;
  bool zero() const { return dirs.empty(); }
};

/// The tangents of a graph's nodes while forward_tangents walks it. Each direction's terms are
/// built from that direction's alone, so a direction's nodes are the same whichever other
/// directions are taken along (a Jacobian block is bit-identical alone or with others); the scales
/// they share are one node each (hash-consing).
class ForwardMode
{
public:
  /// A sum of more terms than this is multiplied out into one node.
  static constexpr std::size_t max_terms = 4;

  ForwardMode(Graph & g, std::size_t ndir)
    : _g(g),
      _ndir(ndir),
      _zero(g.constant(0.0)),
      _tan(g.nodes().size()),
      _users(g.nodes().size(), 0)
  {
    for (std::size_t i = 0; i < g.nodes().size(); ++i)
    {
      const auto & node = g.node(static_cast<NodeId>(i));
      if (node.op == OpKind::Solve || node.op == OpKind::LinSolve)
        for (const auto x : g.operands(static_cast<NodeId>(i)))
          ++_users[static_cast<std::size_t>(x)];
      else
        for (int k = 0; k < arity(node.op); ++k)
          ++_users[static_cast<std::size_t>(node.args[k])];
    }
  }

  std::size_t ndir() const { return _ndir; }
  const ScaledTangent & operator[](NodeId id) const { return _tan[static_cast<std::size_t>(id)]; }

  /// Sets node `id`'s tangent. Sums are multiplied out here where more than one node uses it, so
  /// that its users share them instead of each multiplying them out.
  void set(NodeId id, ScaledTangent t)
  {
    if (_users[static_cast<std::size_t>(id)] > 1)
      for (auto & sum : t.dirs)
        if (sum.size() > 1)
          sum = {{value(sum), no_node}};
    _tan[static_cast<std::size_t>(id)] = std::move(t);
  }

  /// A tangent from one node per direction (no_node: zero in that direction).
  ScaledTangent vector(const std::vector<NodeId> & v) const
  {
    NEML2_ASSERT(v.size() == _ndir, "a tangent needs one entry per direction");
    if (all_zero(v))
      return {};
    ScaledTangent t;
    t.dirs.resize(_ndir);
    for (std::size_t k = 0; k < _ndir; ++k)
      if (v[k] != no_node)
        t.dirs[k] = {{v[k], no_node}};
    return t;
  }

  /// The tangent multiplied out: one node per direction, no_node where it is zero.
  std::vector<NodeId> directions(const ScaledTangent & t)
  {
    std::vector<NodeId> out(_ndir, no_node);
    if (!t.zero())
      for (std::size_t k = 0; k < _ndir; ++k)
        out[k] = value(t.dirs[k]);
    return out;
  }

  /// t f for a value f of the primal graph: one node per distinct scale.
  ScaledTangent times(ScaledTangent t, NodeId f)
  {
    for (auto & sum : t.dirs)
      for (auto & term : sum)
        term = normalized({term.base, term.scale == no_node ? f : _g.apply(OpKind::Mul, term.scale, f)});
    return t;
  }

  ScaledTangent neg(ScaledTangent t)
  {
    for (auto & sum : t.dirs)
      for (auto & term : sum)
        term = normalized({term.base, term.scale == no_node ? _g.constant(-1.0) : _g.apply(OpKind::Neg, term.scale)});
    return t;
  }

  /// a + b (`subtract`: a - b, as a + (-b): the sign goes into b's scales). Terms of one base add
  /// their scales; a sum of too many terms is multiplied out.
  ScaledTangent add(const ScaledTangent & a, const ScaledTangent & b, bool subtract = false)
  {
    if (b.zero())
      return a;
    auto nb = subtract ? neg(b) : b;
    if (a.zero())
      return nb;
    ScaledTangent out = a;
    for (std::size_t k = 0; k < _ndir; ++k)
    {
      auto & sum = out.dirs[k];
      for (const auto & term : nb.dirs[k])
      {
        auto same = std::find_if(sum.begin(), sum.end(), [&](const Term & t) { return t.base == term.base; });
        if (same == sum.end())
          sum.push_back(term);
        else
          same->scale = _g.apply(OpKind::Add, scale_node(same->scale), scale_node(term.scale));
      }
      if (sum.size() > max_terms)
        sum = {{value(sum), no_node}};
    }
    return out;
  }

  /// select(c, a, b) in each direction: the branch not taken contributes nothing, not even a NaN
  /// or an infinity (guards select away the derivative where it does not exist).
  ScaledTangent select(NodeId c, const ScaledTangent & a, const ScaledTangent & b)
  {
    if (a.zero() && b.zero())
      return {};
    ScaledTangent out;
    out.dirs.resize(_ndir);
    for (std::size_t k = 0; k < _ndir; ++k)
    {
      const auto & x = a.zero() ? out.dirs[k] : a.dirs[k]; // (an empty sum)
      const auto & y = b.zero() ? out.dirs[k] : b.dirs[k];
      if (x.empty() && y.empty())
        continue;
      // Terms whose bases c already selected are +0 wherever c is false: selecting their scales
      // gives the same numbers (+0 times +0 there) with one select per scale, not per direction.
      if (y.empty() && std::all_of(x.begin(), x.end(), [&](const Term & t) { return guarded(t.base, c); }))
      {
        out.dirs[k] = x;
        for (auto & term : out.dirs[k])
          term.scale = _g.apply(OpKind::Select, c, scale_node(term.scale), _zero);
        continue;
      }
      const auto vx = value(x), vy = value(y);
      out.dirs[k] = {{_g.apply(OpKind::Select, c, vx == no_node ? _zero : vx, vy == no_node ? _zero : vy), no_node}};
    }
    return out;
  }

private:
  NodeId scale_node(NodeId scale) { return scale == no_node ? _g.constant(1.0) : scale; }

  /// 1 x s is s (exactly): the scale becomes the base. A seed's base is 1 in every direction, and
  /// its first factor (a value of the primal graph) is shared by the directions where a scale
  /// holding one direction's own value would not be (x_k x_k has the tangent x_k 2, not 1 (2 x_k)).
  Term normalized(Term t) const
  {
    if (t.scale != no_node && _g.is_constant(t.base, 1.0))
      return {t.scale, no_node};
    return t;
  }

  /// Whether node `x` is select(c, ., +0).
  bool guarded(NodeId x, NodeId c) const
  {
    const auto & n = _g.node(x);
    return n.op == OpKind::Select && n.args[0] == c && _g.is_constant(n.args[2], 0.0) &&
           !std::signbit(_g.node(n.args[2]).value);
  }

  /// A sum of terms as one node (no_node for the empty sum).
  NodeId value(const std::vector<Term> & sum)
  {
    NodeId acc = no_node;
    for (const auto & term : sum)
    {
      const auto x = term.scale == no_node ? term.base : _g.apply(OpKind::Mul, term.base, term.scale);
      acc = acc == no_node ? x : _g.apply(OpKind::Add, acc, x);
    }
    return acc;
  }

  Graph & _g;
  std::size_t _ndir;
  NodeId _zero;
  std::vector<ScaledTangent> _tan; // per node of the primal graph
  std::vector<int> _users;         // per node of the primal graph: how many nodes use it
};
} // namespace

namespace
{
using PartTangents = std::vector<ScaledTangent>; // per result

/// Solves A Y = RHS for the directions where RHS is not identically zero; returns the
/// tangents of the n results (zero in the other directions).
std::optional<PartTangents>
solve_directions(Graph & g, ForwardMode & fm, int n, const std::vector<NodeId> & A,
                 const std::vector<ScaledTangent> & rhs_tangents)
{
  const std::size_t ndir = fm.ndir();
  std::vector<std::vector<NodeId>> rhs;
  for (const auto & t : rhs_tangents)
    rhs.push_back(fm.directions(t));
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
  PartTangents out;
  for (int i = 0; i < n; ++i)
  {
    std::vector<NodeId> v(ndir, no_node);
    for (int c = 0; c < m; ++c)
      v[dirs[static_cast<std::size_t>(c)]] = g.part(L, i * m + c);
    out.push_back(fm.vector(v));
  }
  return out;
}

/// Implicit function theorem: at the solution x of r(x; g) = 0, dx = -J^{-1} (dr/dg) dg.
std::optional<PartTangents>
solve_tangents(Graph & g, ForwardMode & fm, NodeId S)
{
  const auto sys = g.systems()[static_cast<std::size_t>(g.node(S).arg)];
  const auto ops = g.operands(S); // copy: the graph grows below
  const int n = sys->n, m = sys->m;
  auto given = [&](int j) { return fm[ops[static_cast<std::size_t>(n + j)]]; };
  bool any = false;
  for (int j = 0; j < m; ++j)
    any = any || !given(j).zero();
  if (!any)
    return std::nullopt;
  std::vector<std::vector<NodeId>> args;
  args.emplace_back();
  for (int i = 0; i < n; ++i)
    args.back().push_back(g.part(S, i));
  for (int j = 0; j < m; ++j)
    args.push_back({ops[static_cast<std::size_t>(n + j)]});
  const auto outs = inline_graph(g, sys->ift, args); // J (n x n), B (n x m)
  std::vector<ScaledTangent> rhs;
  for (int i = 0; i < n; ++i)
  {
    ScaledTangent acc;
    for (int j = 0; j < m; ++j)
      acc = fm.add(acc, fm.times(given(j), outs[1][static_cast<std::size_t>(i * m + j)]));
    rhs.push_back(fm.neg(acc));
  }
  return solve_directions(g, fm, n, outs[0], rhs);
}

/// y = A^{-1} B: dy = A^{-1} (dB - dA y).
std::optional<PartTangents>
lin_solve_tangents(Graph & g, ForwardMode & fm, NodeId L)
{
  const int n = g.node(L).arg, m = g.node(L).comp;
  const auto ops = g.operands(L);
  auto t_of = [&](int k) { return fm[ops[static_cast<std::size_t>(k)]]; };
  std::vector<NodeId> A(ops.begin(), ops.begin() + std::ptrdiff_t{n} * n);
  // Each column c of B is its own set of directions: solve per column.
  std::vector<std::vector<ScaledTangent>> rhs_cols(static_cast<std::size_t>(m));
  bool any = false;
  for (int c = 0; c < m; ++c)
    for (int i = 0; i < n; ++i)
    {
      ScaledTangent acc = t_of(n * n + i * m + c);
      for (int j = 0; j < n; ++j)
        acc = fm.add(acc, fm.times(t_of(i * n + j), g.part(L, j * m + c)), /*subtract=*/true);
      rhs_cols[static_cast<std::size_t>(c)].push_back(acc);
      any = any || !acc.zero();
    }
  if (!any)
    return std::nullopt;
  PartTangents out(static_cast<std::size_t>(n * m));
  for (int c = 0; c < m; ++c)
    if (auto t = solve_directions(g, fm, n, A, rhs_cols[static_cast<std::size_t>(c)]))
      for (int i = 0; i < n; ++i)
        out[static_cast<std::size_t>(i * m + c)] = (*t)[static_cast<std::size_t>(i)];
  return out;
}
} // namespace

Tangents
forward_tangents(Graph & g, std::size_t ndir, const Tangents & seeds, const std::vector<NodeId> & wanted)
{
  const std::size_t n = g.nodes().size(); // nodes appended below need no tangents
  ForwardMode fm(g, ndir);
  // Tangents of the results of structured nodes, filled when the node is reached.
  std::unordered_map<NodeId, PartTangents> parts;
  for (std::size_t i = 0; i < n; ++i)
  {
    const Node node = g.node(static_cast<NodeId>(i)); // copy: apply() may grow the node list
    const auto r = static_cast<NodeId>(i);
    const OriginScope origin(g, std::string(g.origin_of(r))); // a tangent comes from where its node does
    if (auto it = seeds.find(r); it != seeds.end())
    {
      NEML2_ASSERT(it->second.size() == ndir, "seed of node {} has the wrong direction count", i);
      fm.set(r, fm.vector(it->second));
      continue;
    }
    if (node.op == OpKind::Input || node.op == OpKind::Const)
      continue;
    if (node.op == OpKind::Part)
    {
      if (auto it = parts.find(node.args[0]); it != parts.end())
        fm.set(r, it->second[static_cast<std::size_t>(node.comp)]);
      continue;
    }
    if (node.op == OpKind::Solve)
    {
      if (auto t = solve_tangents(g, fm, r))
      {
        t->emplace_back(); // the iteration count is piecewise constant
        parts[r] = std::move(*t);
      }
      continue;
    }
    if (node.op == OpKind::LinSolve)
    {
      if (auto t = lin_solve_tangents(g, fm, r))
        parts[r] = std::move(*t);
      continue;
    }
    const NodeId a = node.args[0], b = node.args[1], c = node.args[2];
    const ScaledTangent ta = fm[a], tb = b == no_node ? ScaledTangent{} : fm[b],
                        tc = c == no_node ? ScaledTangent{} : fm[c];
    if (ta.zero() && tb.zero() && tc.zero())
      continue;
    auto unary = [&](NodeId f) { fm.set(r, fm.times(ta, f)); };
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
        fm.set(r, fm.neg(ta));
        break;
      // Quotients multiply by one reciprocal: the scale then stays a product.
      case OpKind::Sqrt: // d sqrt(a) = da (0.5 / sqrt(a))
        unary(g.apply(OpKind::Div, g.constant(0.5), r));
        break;
      case OpKind::Exp:
        unary(r);
        break;
      case OpKind::Log: // da (1 / a)
        unary(g.apply(OpKind::Div, g.constant(1.0), a));
        break;
      case OpKind::Sin:
        unary(g.apply(OpKind::Cos, a));
        break;
      case OpKind::Cos:
        unary(g.apply(OpKind::Neg, g.apply(OpKind::Sin, a)));
        break;
      case OpKind::Tanh: // 1 - tanh^2
        unary(g.apply(OpKind::Sub, g.constant(1.0), g.apply(OpKind::Mul, r, r)));
        break;
      case OpKind::Abs:
        unary(g.apply(OpKind::Sign, a));
        break;
      case OpKind::Add:
        fm.set(r, fm.add(ta, tb));
        break;
      case OpKind::Sub:
        fm.set(r, fm.add(ta, tb, /*subtract=*/true));
        break;
      case OpKind::Mul: // da b + a db
        fm.set(r, fm.add(fm.times(ta, b), fm.times(tb, a)));
        break;
      case OpKind::Div: // (da - r db) (1 / b)
        fm.set(r, fm.times(fm.add(ta, fm.times(tb, r), /*subtract=*/true), g.apply(OpKind::Div, g.constant(1.0), b)));
        break;
      case OpKind::Pow: // da b a^(b-1) + db r log(a)
      {
        ScaledTangent da, db;
        if (!ta.zero())
          da = fm.times(ta, g.apply(OpKind::Mul, b, g.apply(OpKind::Pow, a, g.apply(OpKind::Sub, b, g.constant(1.0)))));
        if (!tb.zero()) // at a = 0, r log(a) is 0 (-inf): the limit of a^b log(a) is 0 for b > 0, as PyTorch gives
          db = fm.times(tb, g.apply(OpKind::Select, g.apply(OpKind::Gt, g.apply(OpKind::Abs, a), g.constant(0.0)),
                                    g.apply(OpKind::Mul, r, g.apply(OpKind::Log, a)), g.constant(0.0)));
        fm.set(r, fm.add(da, db));
        break;
      }
      case OpKind::Max: // follows op_max: a where a > b, else b
        fm.set(r, fm.select(g.apply(OpKind::Gt, a, b), ta, tb));
        break;
      case OpKind::Min: // follows op_min: a where b > a, else b
        fm.set(r, fm.select(g.apply(OpKind::Gt, b, a), ta, tb));
        break;
      case OpKind::Select:
        fm.set(r, fm.select(a, tb, tc));
        break;
      case OpKind::Atan2: // atan2(a, b): (b da - a db) / (a^2 + b^2)
      {
        const auto f = g.apply(OpKind::Div, g.constant(1.0),
                               g.apply(OpKind::Add, g.apply(OpKind::Mul, a, a), g.apply(OpKind::Mul, b, b)));
        fm.set(r, fm.times(fm.add(fm.times(ta, b), fm.times(tb, a), /*subtract=*/true), f));
        break;
      }
    }
  }
  Tangents out;
  for (const auto id : wanted)
  {
    NEML2_ASSERT(id >= 0 && static_cast<std::size_t>(id) < n, "node {} is not a node of the differentiated graph", id);
    const OriginScope origin(g, std::string(g.origin_of(id)));
    out[id] = fm.directions(fm[id]);
  }
  return out;
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
  Tangents seeds;
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
  std::vector<NodeId> wanted;
  for (const auto & [out, wrt] : pairs)
  {
    const int oi = g.find_output(out);
    NEML2_ASSERT(oi >= 0, "no output named '{}' to differentiate", out);
    const auto & c = g.outputs()[static_cast<std::size_t>(oi)].components;
    wanted.insert(wanted.end(), c.begin(), c.end());
  }
  auto tan = forward_tangents(g, ndir, seeds, wanted);
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
        auto t = tan.at(c)[offset[ai] + k];
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
  Tangents seeds;
  for (const auto & name : wrt)
  {
    int idx = -1;
    const Argument arg = find_wrt(g, name, idx);
    const int t = g.add_argument(arg.name, ArgKind::Tangent, arg.type, arg.base_shape);
    const auto & tleaves = g.arguments()[static_cast<std::size_t>(t)].leaves;
    for (std::size_t k = 0; k < arg.leaves.size(); ++k)
      seeds[arg.leaves[k]] = {tleaves[k]};
  }
  const auto values = g.outputs();
  std::vector<NodeId> wanted;
  for (const auto & o : values)
    if (o.kind == OutputKind::Value)
      wanted.insert(wanted.end(), o.components.begin(), o.components.end());
  auto tan = forward_tangents(g, 1, seeds, wanted);
  const NodeId zero = g.constant(0.0);
  for (const auto & o : values)
  {
    if (o.kind != OutputKind::Value)
      continue;
    Output t = o;
    t.kind = OutputKind::Tangent;
    for (auto & c : t.components)
    {
      auto x = tan.at(c)[0];
      c = x == no_node ? zero : x;
    }
    g.add_output(std::move(t));
  }
  return prune(g);
}
} // namespace neml2::graph

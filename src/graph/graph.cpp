// Graph construction: hash-consing (CSE), constant folding and exact simplifications.
#include "neml2/graph/graph.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "neml2/base/error.h"
#include "neml2/graph/implicit.h"
#include "neml2/graph/scalar_ops.h"

namespace neml2::graph
{
int
arity(OpKind op)
{
  switch (op)
  {
#define NEML2_OP(e, n, a) \
  case OpKind::e:         \
    return a;
#include "neml2/graph/ops.def"
  }
  return 0;
}

std::string_view
op_name(OpKind op)
{
  switch (op)
  {
#define NEML2_OP(e, n, a) \
  case OpKind::e:         \
    return #n;
#include "neml2/graph/ops.def"
  }
  return "?";
}

bool
is_elementwise(OpKind op)
{
  switch (op)
  {
#define NEML2_ELEMENTWISE_OP(e, n, a, lanes) \
  case OpKind::e:                            \
    return true;
#define NEML2_STRUCTURAL_OP(e, n, a) \
  case OpKind::e:                    \
    return false;
#include "neml2/graph/ops.def"
  }
  return false;
}

bool
has_vector_lanes(OpKind op)
{
  switch (op)
  {
#define NEML2_ELEMENTWISE_OP(e, n, a, lanes) \
  case OpKind::e:                            \
    return NEML2_VECTOR_LANES_##lanes;
#define NEML2_VECTOR_LANES_Vector true
#define NEML2_VECTOR_LANES_PerLane false
#define NEML2_STRUCTURAL_OP(e, n, a) \
  case OpKind::e:                    \
    return false;
#include "neml2/graph/ops.def"
#undef NEML2_VECTOR_LANES_Vector
#undef NEML2_VECTOR_LANES_PerLane
  }
  return false;
}

std::string_view
arg_kind_name(ArgKind k)
{
  switch (k)
  {
    case ArgKind::Variable:
      return "variable";
    case ArgKind::Parameter:
      return "parameter";
    case ArgKind::Tangent:
      return "tangent";
  }
  return "?";
}

namespace
{
/// Whether v is +-2^k with 2^-k a normal number of the dtype (so x / v == x * (1 / v) for every x).
bool
is_power_of_two(double v, Dtype dtype)
{
  int e = 0;
  if (std::fabs(std::frexp(v, &e)) != 0.5) // v = m 2^e, |m| in [0.5, 1); also false for 0, inf, NaN
    return false;
  const int k = e - 1, max_k = dtype == Dtype::Float32 ? 126 : 1022;
  return k >= -max_k && k <= max_k;
}

/// F applied to the first N of (a, b, c).
template <int N, auto F, typename T>
T
call_op(T a, T b, T c)
{
  if constexpr (N == 1)
    return F(a);
  else if constexpr (N == 2)
    return F(a, b);
  else
    return F(a, b, c);
}

template <typename T>
T
fold_as(OpKind op, T a, T b, T c)
{
  switch (op)
  {
#define NEML2_ELEMENTWISE_OP(e, n, ar, lanes) \
  case OpKind::e:                             \
    return call_op<ar, neml2_ops::op_##n<T>>(a, b, c);
#include "neml2/graph/ops.def"
    case OpKind::Const:
    case OpKind::Input:
    case OpKind::Part:
    case OpKind::Solve:
    case OpKind::LinSolve:
      break;
  }
  NEML2_UNREACHABLE("cannot fold op '{}'", op_name(op));
}
} // namespace

double
fold(OpKind op, Dtype dtype, double a, double b, double c)
{
  if (dtype == Dtype::Float32)
    return static_cast<double>(fold_as<float>(op, static_cast<float>(a), static_cast<float>(b), static_cast<float>(c)));
  return fold_as<double>(op, a, b, c);
}

std::size_t
Graph::KeyHash::operator()(const Key & k) const
{
  std::uint64_t h = static_cast<std::uint64_t>(k.op);
  auto mix = [&h](std::uint64_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
  mix(static_cast<std::uint32_t>(k.a));
  mix(static_cast<std::uint32_t>(k.b));
  mix(static_cast<std::uint32_t>(k.c));
  mix(k.bits);
  return static_cast<std::size_t>(h);
}

Graph::Graph(Dtype dtype)
  : _dtype(dtype)
{
}

NodeId
Graph::push(const Node & n)
{
  Key key{n.op, n.args[0], n.args[1], n.args[2], 0};
  if (n.op == OpKind::Solve || n.op == OpKind::LinSolve)
  {
    return append(n); // structured nodes are never shared (their operand lists differ)
  }
  if (n.op == OpKind::Part)
    key.bits = static_cast<std::uint64_t>(n.comp);
  else if (n.op == OpKind::Const)
    key.bits = std::bit_cast<std::uint64_t>(n.value);
  else if (n.op == OpKind::Input)
    key.bits =
        (static_cast<std::uint64_t>(static_cast<std::uint32_t>(n.arg)) << 32) | static_cast<std::uint32_t>(n.comp);
  auto [it, inserted] = _index.try_emplace(key, static_cast<NodeId>(_nodes.size()));
  if (inserted)
    append(n);
  return it->second;
}

NodeId
Graph::append(const Node & n)
{
  _nodes.push_back(n);
  _node_origin.push_back(_current_origin);
  return static_cast<NodeId>(_nodes.size() - 1);
}

void
Graph::set_origin(const std::string & origin)
{
  const auto it = std::find(_origins.begin(), _origins.end(), origin);
  _current_origin = static_cast<std::int32_t>(it - _origins.begin());
  if (it == _origins.end())
    _origins.push_back(origin);
}

NodeId
Graph::constant(double v)
{
  Node n;
  n.op = OpKind::Const;
  n.value = _dtype == Dtype::Float32 ? static_cast<double>(static_cast<float>(v)) : v;
  return push(n);
}

namespace
{
/// A node that multiplies as the Mul op: op_pow_whole's chain, built as nodes.
struct NodeProduct
{
  Graph * g;
  NodeId id;
  friend NodeProduct operator*(NodeProduct x, NodeProduct y) { return {x.g, x.g->apply(OpKind::Mul, x.id, y.id)}; }
};
} // namespace

// Only rewrites that are exact in IEEE arithmetic for every operand value, so the result
// of a simplified graph is bit-identical to the unsimplified one. (A chain of ifs, not a switch:
// most ops have no rewrite, and op switches have no `default:`.)
std::optional<NodeId>
Graph::simplify(OpKind op, NodeId a, NodeId b, NodeId c)
{
  // Negations fold into their users where that is exact: a + (-x) is a - x (IEEE defines
  // subtraction so), (-x) + b is b - x (addition commutes), a - (-x) is a + x, (-x)(-y) is xy,
  // and (-x) c is x (-c) for a constant c (rounding is symmetric about zero).
  const auto negated = [&](NodeId x) { return node(x).op == OpKind::Neg ? node(x).args[0] : no_node; };
  if (op == OpKind::Add)
  {
    if (const auto x = negated(b); x != no_node)
      return apply(OpKind::Sub, a, x);
    if (const auto x = negated(a); x != no_node)
      return apply(OpKind::Sub, b, x);
  }
  else if (op == OpKind::Mul)
  {
    if (is_constant(a, 1.0))
      return b;
    if (is_constant(b, 1.0))
      return a;
    if (const auto x = negated(a), y = negated(b); x != no_node && y != no_node)
      return apply(OpKind::Mul, x, y);
    if (const auto x = negated(a); x != no_node && is_constant(b) && !std::isnan(node(b).value))
      return apply(OpKind::Mul, x, constant(-node(b).value));
    if (const auto y = negated(b); y != no_node && is_constant(a) && !std::isnan(node(a).value))
      return apply(OpKind::Mul, constant(-node(a).value), y);
    // x (-1) is -x: the product is exact, so the cheaper negation (which folds into sums above).
    if (is_constant(b, -1.0))
      return apply(OpKind::Neg, a);
    if (is_constant(a, -1.0))
      return apply(OpKind::Neg, b);
  }
  else if (op == OpKind::Div)
  {
    if (is_constant(b, 1.0))
      return a;
    // x / 2^k and x * 2^-k round the same real number: the cheaper multiplication.
    if (is_constant(b) && is_power_of_two(node(b).value, _dtype))
      return apply(OpKind::Mul, a, constant(1.0 / node(b).value));
  }
  else if (op == OpKind::Sub)
  {
    if (is_constant(b) && node(b).value == 0.0 && !std::signbit(node(b).value)) // x - (+0) is x, -0 included
      return a;
    if (const auto x = negated(b); x != no_node)
      return apply(OpKind::Add, a, x);
  }
  else if (op == OpKind::Pow)
  {
    // pow(x, 1): the exact result x is a double, and every pow op_pow calls errs by less than
    // 1 ulp (math_pow.h: 0.52), so it returns x.
    if (is_constant(b, 1.0))
      return a;
    // A whole exponent 2..16: op_pow multiplies out (scalar_ops.h); the same multiplications as
    // nodes, so that pow(x, 7) and pow(x, 6) (a power law and its derivative) share x^2 and x^3.
    if (is_constant(b))
      if (const int k = neml2_ops::op_pow_whole_exponent(node(b).value); k != 0)
        return neml2_ops::op_pow_whole(NodeProduct{this, a}, k).id;
  }
  else if (op == OpKind::Neg)
  {
    if (node(a).op == OpKind::Neg)
      return node(a).args[0];
  }
  else if (op == OpKind::Select)
  {
    if (is_constant(a))
      return node(a).value != 0.0 ? b : c;
    if (b == c)
      return b;
  }
  return std::nullopt;
}

NodeId
Graph::apply(OpKind op, NodeId a, NodeId b, NodeId c)
{
  const int n = arity(op);
  NEML2_ASSERT(n > 0 && op != OpKind::Part, "apply() needs a scalar op with operands, got '{}'", op_name(op));
  const NodeId ops[3] = {a, b, c};
  bool all_const = true;
  for (int k = 0; k < 3; ++k)
  {
    const bool used = k < n;
    NEML2_ASSERT(used == (ops[k] != no_node), "op '{}' takes {} operand(s)", op_name(op), n);
    NEML2_ASSERT(!used || (ops[k] >= 0 && ops[k] < static_cast<NodeId>(_nodes.size())),
                 "operand {} of '{}' is not a node of this graph", k, op_name(op));
    if (used && !is_constant(ops[k]))
      all_const = false;
  }
  if (all_const)
    return constant(fold(op, _dtype, node(a).value, n > 1 ? node(b).value : 0.0, n > 2 ? node(c).value : 0.0));
  if (auto s = simplify(op, a, b, c))
    return *s;
  Node node_;
  node_.op = op;
  node_.args[0] = a;
  node_.args[1] = b;
  node_.args[2] = c;
  return push(node_);
}

int
Graph::add_argument(std::string name, ArgKind kind, std::optional<TypeKind> type, Shape base_shape)
{
  NEML2_ASSERT(find_argument(name, kind) < 0, "duplicate argument '{}'", name);
  Argument arg{std::move(name), kind, type, std::move(base_shape), {}};
  const int index = static_cast<int>(_args.size());
  const auto n = neml2::numel(arg.base_shape);
  for (std::int64_t k = 0; k < n; ++k)
  {
    Node leaf;
    leaf.op = OpKind::Input;
    leaf.arg = index;
    leaf.comp = static_cast<std::int32_t>(k);
    arg.leaves.push_back(push(leaf));
  }
  _args.push_back(std::move(arg));
  return index;
}

void
Graph::add_output(Output out)
{
  NEML2_ASSERT(static_cast<std::int64_t>(out.components.size()) == neml2::numel(out.base_shape),
               "output '{}' has {} components for base shape {}", out.name, out.components.size(),
               shape_str(out.base_shape));
  _outputs.push_back(std::move(out));
}

int
Graph::find_argument(std::string_view name, ArgKind kind) const
{
  for (std::size_t i = 0; i < _args.size(); ++i)
    if (_args[i].name == name && _args[i].kind == kind)
      return static_cast<int>(i);
  return -1;
}

int
Graph::find_output(std::string_view name, OutputKind kind) const
{
  for (std::size_t i = 0; i < _outputs.size(); ++i)
    if (_outputs[i].name == name && _outputs[i].kind == kind)
      return static_cast<int>(i);
  return -1;
}
NodeId
Graph::part(NodeId structured, int k)
{
  NEML2_ASSERT(k >= 0 && k < num_parts(structured), "node %{} has no result {}", structured, k);
  Node n;
  n.op = OpKind::Part;
  n.args[0] = structured;
  n.comp = k;
  return push(n);
}

NodeId
Graph::solve(std::shared_ptr<const ImplicitSystem> system, const std::vector<NodeId> & operands)
{
  NEML2_ASSERT(system && static_cast<int>(operands.size()) == system->n + system->m,
               "solve() needs {} guesses and {} given values", system ? system->n : 0, system ? system->m : 0);
  NEML2_ASSERT(system->newton.dtype() == _dtype, "implicit system '{}' has another dtype", system->name);
  Node n;
  n.op = OpKind::Solve;
  n.arg = static_cast<std::int32_t>(_systems.size());
  n.list = static_cast<std::int32_t>(_lists.size());
  _systems.push_back(std::move(system));
  _lists.push_back(operands);
  return push(n);
}

NodeId
Graph::lin_solve(int n, int m, const std::vector<NodeId> & operands)
{
  NEML2_ASSERT(n > 0 && m > 0 && static_cast<int>(operands.size()) == n * n + n * m, "lin_solve() needs {} operands",
               n * n + n * m);
  Node node;
  node.op = OpKind::LinSolve;
  node.arg = n;
  node.comp = m;
  node.list = static_cast<std::int32_t>(_lists.size());
  _lists.push_back(operands);
  return push(node);
}

const std::vector<NodeId> &
Graph::operands(NodeId structured) const
{
  const auto & n = node(structured);
  NEML2_ASSERT(n.list >= 0, "node %{} has no operand list", structured);
  return _lists[static_cast<std::size_t>(n.list)];
}

int
Graph::num_parts(NodeId structured) const
{
  const auto & n = node(structured);
  if (n.op == OpKind::Solve)
    return _systems[static_cast<std::size_t>(n.arg)]->n + 1;
  if (n.op == OpKind::LinSolve)
    return n.arg * n.comp;
  NEML2_UNREACHABLE("node %{} ({}) has no parts", structured, op_name(n.op));
}
} // namespace neml2::graph

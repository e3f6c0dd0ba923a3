// The IR: a typed SSA DAG of scalar ops over one material point.
//
// Every node is one scalar per point; tensor-valued variables are lists of component nodes
// (a staged SR2 is six nodes). Keeping the IR scalar makes the derivative rules, the
// interpreter and the code generator one small table each (see doc/dev/ir.md for why).
// The graph is append-only and hash-consed: building the same op on the same operands twice
// returns the same node (CSE), and ops on constants fold immediately with the shared scalar
// definitions (constant folding), so no separate pass is needed for either.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "neml2/tensors/dtype.h"
#include "neml2/tensors/types.h"

namespace neml2::graph
{
enum class OpKind : std::uint8_t
{
#define NEML2_OP(e, n, a) e,
#include "neml2/graph/ops.def"
};

inline constexpr int num_ops = 0
#define NEML2_OP(e, n, a) +1
#include "neml2/graph/ops.def"
    ;

/// Number of operands (-1: an operand list, see Graph::operands).
int arity(OpKind op);
std::string_view op_name(OpKind op);
/// Whether `op` is a scalar function of its operands (op_<name> in scalar_ops.h), not a leaf or
/// a structured node.
bool is_elementwise(OpKind op);
/// Whether SIMD kernels use the op's vector form `lane_<name>` (lane_ops.h) rather than its scalar
/// definition on each lane.
bool has_vector_lanes(OpKind op);

using NodeId = std::int32_t;
inline constexpr NodeId no_node = -1;

struct Node
{
  OpKind op = OpKind::Const;
  NodeId args[3] = {no_node, no_node, no_node};
  double value = 0;       ///< Const: the value (already rounded to the graph's dtype)
  std::int32_t arg = -1;  ///< Input: index of the argument; Solve: index of the implicit system
  std::int32_t comp = -1; ///< Input: component; Part: which result; LinSolve: number of rhs columns
  std::int32_t list = -1; ///< Solve, LinSolve: index of the operand list (Graph::operands)
};

struct ImplicitSystem; // graph/implicit.h

/// What an argument of the graph stands for.
enum class ArgKind : std::uint8_t
{
  Variable,  ///< a model input variable
  Parameter, ///< a model parameter (baked into constants unless promoted)
  Tangent    ///< the direction of a jvp for the variable of the same name
};
std::string_view arg_kind_name(ArgKind k);

struct Argument
{
  std::string name;
  ArgKind kind = ArgKind::Variable;
  std::optional<TypeKind> type; ///< empty for untyped blocks
  Shape base_shape;
  std::vector<NodeId> leaves; ///< one Input node per component, row-major over base_shape
};

enum class OutputKind : std::uint8_t
{
  Value,     ///< a model output variable
  Tangent,   ///< J·v for the output of the same name
  Derivative ///< Jacobian block d(name)/d(wrt), shape (*out_base, *in_base)
};

struct Output
{
  std::string name;
  OutputKind kind = OutputKind::Value;
  std::string wrt; ///< Derivative: the argument name
  std::optional<TypeKind> type;
  Shape base_shape;
  std::vector<NodeId> components;
};

class Graph
{
public:
  /// `dtype` is the precision constants are folded in, so a float32 graph folds exactly as
  /// float32 kernels compute.
  explicit Graph(Dtype dtype = Dtype::Float64);

  Dtype dtype() const { return _dtype; }

  NodeId constant(double v);
  NodeId apply(OpKind op, NodeId a, NodeId b = no_node, NodeId c = no_node);
  /// Adds an argument with one Input leaf per component; returns its index.
  int add_argument(std::string name, ArgKind kind, std::optional<TypeKind> type, Shape base_shape);
  void add_output(Output out);

  const std::vector<Node> & nodes() const { return _nodes; }
  const Node & node(NodeId id) const { return _nodes[static_cast<std::size_t>(id)]; }
  const std::vector<Argument> & arguments() const { return _args; }
  const std::vector<Output> & outputs() const { return _outputs; }
  std::vector<Output> & outputs() { return _outputs; }

  /// Index of the argument with this name and kind, or -1.
  int find_argument(std::string_view name, ArgKind kind) const;
  /// Index of the Value output with this name, or -1.
  int find_output(std::string_view name, OutputKind kind = OutputKind::Value) const;

  /// Result k of a structured node (Solve, LinSolve).
  NodeId part(NodeId structured, int k);
  /// A per-point nonlinear solve of `system`; operands are the initial guess of the unknowns
  /// then the given values (system->n_given of them). Results: the unknowns, then the number
  /// of Newton iterations (Part n_unknowns; -1 where the solve failed).
  NodeId solve(std::shared_ptr<const ImplicitSystem> system, const std::vector<NodeId> & operands);
  /// A per-point dense linear solve A y = B with A n-by-n and B n-by-m (both row-major in
  /// `operands`, A first). Results: y row-major (Part i*m + c).
  NodeId lin_solve(int n, int m, const std::vector<NodeId> & operands);
  /// Operands of a structured node.
  const std::vector<NodeId> & operands(NodeId structured) const;
  const std::vector<std::shared_ptr<const ImplicitSystem>> & systems() const { return _systems; }
  /// Number of results of a structured node.
  int num_parts(NodeId structured) const;

  /// Where the nodes added from now on come from, e.g. "Models/stress (input.i:12)": kept per
  /// node for comments in generated code and IR dumps. It is not part of a node's identity: CSE,
  /// folding, hashes and results ignore it (a node that two models build keeps the first origin).
  void set_origin(const std::string & origin);
  const std::string & origin() const { return _origins[static_cast<std::size_t>(_current_origin)]; }
  const std::string & origin_of(NodeId id) const
  {
    return _origins[static_cast<std::size_t>(_node_origin[static_cast<std::size_t>(id)])];
  }

  bool is_constant(NodeId id) const { return node(id).op == OpKind::Const; }
  bool is_constant(NodeId id, double v) const { return is_constant(id) && node(id).value == v; }

private:
  NodeId push(const Node & n);
  NodeId append(const Node & n);
  std::optional<NodeId> simplify(OpKind op, NodeId a, NodeId b, NodeId c);

  struct Key
  {
    OpKind op;
    NodeId a, b, c;
    std::uint64_t bits; // Const value bits, or (arg, comp) for Input
    bool operator==(const Key &) const = default;
  };
  struct KeyHash
  {
    std::size_t operator()(const Key & k) const;
  };

  Dtype _dtype;
  std::vector<Node> _nodes;
  std::vector<Argument> _args;
  std::vector<Output> _outputs;
  std::vector<std::vector<NodeId>> _lists;
  std::vector<std::shared_ptr<const ImplicitSystem>> _systems;
  std::unordered_map<Key, NodeId, KeyHash> _index;
  // Origins: the distinct texts, the index of each node's, and the one new nodes get.
  std::vector<std::string> _origins{""};
  std::vector<std::int32_t> _node_origin;
  std::int32_t _current_origin = 0;
};

/// Sets a graph's origin for a scope and restores the previous one at its end.
class OriginScope
{
public:
  OriginScope(Graph & g, const std::string & origin)
    : _g(g),
      _previous(g.origin())
  {
    _g.set_origin(origin);
  }
  ~OriginScope() { _g.set_origin(_previous); }
  OriginScope(const OriginScope &) = delete;
  OriginScope & operator=(const OriginScope &) = delete;

private:
  Graph & _g;
  std::string _previous;
};

/// Evaluates one op on constants with the shared scalar definitions, in `dtype`.
double fold(OpKind op, Dtype dtype, double a, double b = 0, double c = 0);
} // namespace neml2::graph

// The one emitter of kernel bodies. Point-by-point kernels (CPU and CUDA) and SIMD-lane kernels
// are printed by the same code; a Flavour says what differs: the type of a local (one point's
// value, or a vector of W points), how an op, a constant or an iteration count is written, and the
// lane policy the Newton solver of newton_ops.h runs with. Internal to the code generator.
#pragma once

#include <map>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "neml2/codegen/codegen_cpu.h"
#include "neml2/graph/implicit.h"

namespace neml2::codegen
{
/// What a kernel flavour changes in the generated text.
struct Flavour
{
  std::string scalar;  ///< the C scalar type T: "double" or "float"
  std::string value;   ///< the type of a local: T (one point) or "V" (W points, lane_ops.h)
  std::string policy;  ///< newton_ops.h's lane policy: "neml2_ops::PointPolicy<T>", "neml2_lanes::LanePolicy<V>"
  std::string ops;     ///< the namespace of the op functions the expressions call
  std::string fn;      ///< how helper functions are declared: "static inline", "static __device__ inline"
  std::string eval_fn; ///< how a system's residual-and-Jacobian function is declared
  std::string suffix;  ///< appended to the names of per-system functions ("" or "_lanes")
  /// The right-hand side of an elementwise, constant or Part node (never Input, Solve, LinSolve).
  std::string (*expression)(const graph::Graph & g, graph::NodeId id);
};

/// One point at a time (CPU `static inline`, or CUDA `static __device__ inline`).
Flavour point_flavour(Dtype dtype, Target target);
/// W points at a time, one SIMD lane each (CPU only).
Flavour lane_flavour(Dtype dtype);

/// Comment texts of the generated source: an argument, an output, and a node (`%14 div %6 %13`).
std::string argument_label(const graph::Argument & a);
std::string output_label(const graph::Output & o);
std::string node_comment(const graph::Graph & g, graph::NodeId id);

/// The parameters every batched entry starts with: n points, their arguments and outputs.
std::string entry_parameters(const std::string & T);
/// The same without the leading `n` (args, arg_strides, outs), for entries that take more counts.
std::string entry_data_parameters(const std::string & T);

/// The first statements of an entry: `invalid` (e.g. "return -1;") when n < 0 or any array or
/// pointer the kernel reads or writes is null, then an early return of `empty` for n == 0. The
/// entries are a C ABI that finite-element codes call directly, so they check what they are given.
std::string entry_argument_checks(const Kernel & k, const std::string & invalid, const std::string & empty);

/// `static_assert`s that the entries of `symbol` have the types kernel_abi.h declares for
/// scalar type `T`: kinds "entry" and "status" (CPU) or "cuda_entry" and "cuda_status".
std::string abi_checks(const std::string & symbol, const char * T, const std::vector<std::string> & kinds);

/// The NtSettings<T> initialiser of `s` for generated code: its fields in NEML2_NEWTON_SETTINGS
/// order, reals as exact literals in `dtype`.
std::string newton_settings_literal(const graph::NewtonSettings & s, Dtype dtype);

/// The order `KernelEmitter::body` prints a graph's nodes in. A graph without solves is printed
/// depth first from its outputs, each node right after its operands, so that a value is used
/// soon after it is computed: in creation order forward-mode derivatives sit far from their uses,
/// and the C++ compiler, which keeps the statement order, spills what lives in between (the
/// single-crystal Newton function: a third fewer stack loads and stores). Graphs with solves keep
/// creation order, which the passes of streamed lane kernels stop in at a solve.
std::vector<graph::NodeId> emission_order(const graph::Graph & g);

/// How `KernelEmitter::body` prints a top-level implicit solve. Streamed lane kernels
/// (codegen_cpu_lanes.cpp) solve a chunk of points at once between tile-by-tile passes: each
/// pass up to a solve saves its guesses and givens to the chunk's scratch, `sc`, and the later
/// passes read its solutions back from there.
enum class SolveMode
{
  Solve, ///< Newton on the points of this body, in place
  Save,  ///< the guess and the givens go to the scratch rows of the tile at `off`; the body ends
  Load   ///< the solution and its status come from the scratch (then sub-stepping, if any)
};

/// The per-system functions (residual and Jacobian, Newton loop) already printed into one
/// translation unit, by their text with their own name left out: kernels of a library that solve
/// the same system (a jvp and a jacobian entry) share the first one's copy.
struct EmittedSystems
{
  std::map<std::string, std::string> names; ///< text -> the name it was printed under
  /// The name each `<prefix>_sys<N>` asked for resolved to (a body printed several times, as the
  /// lane passes are, looks its systems up instead of printing their text again).
  std::map<std::string, std::string> resolved;
};

/**
 * Writes the straight-line body of a graph, one local per node. An implicit solve becomes a call
 * of per-system functions (`<prefix>_sys<N>_eval<suffix>`, `_solve<suffix>`: the residual and
 * Jacobian, and Newton's loop of newton_ops.h), written to `defs` first (recursively for nested
 * systems). The body counts failed solves in the locals `failed_` and `worst_`, which
 * `locals()` declares.
 */
class KernelEmitter
{
public:
  /// Per-system functions go to `defs`, once per `unit` (or once per emitter without one).
  KernelEmitter(std::ostringstream & defs, const Flavour & flavour, EmittedSystems * unit = nullptr)
    : _defs(defs),
      _f(flavour),
      _emitted(unit ? unit : &_own)
  {
  }
  KernelEmitter(const KernelEmitter &) = delete;
  KernelEmitter & operator=(const KernelEmitter &) = delete;

  /// The name of the per-system functions of solve node `id` (`<name>_eval<suffix>`,
  /// `<name>_solve<suffix>`), once a body has printed it.
  const std::string & system_function(graph::NodeId id) const { return _system_names.at(id); }

  /// The declarations a body needs before its first line.
  std::string locals() const;

  /// How the following bodies print solve node `id` (SolveMode::Solve unless set); `chunk` is the
  /// C expression of the scratch rows' length.
  void set_solve_mode(graph::NodeId id, SolveMode mode, const std::string & chunk)
  {
    _modes[id] = mode;
    _chunk = chunk;
  }

  /// `input(arg, comp)` is the C expression of an argument component.
  template <typename Input>
  void body(std::ostringstream & os, const graph::Graph & g, const std::string & prefix, const Input & input)
  {
    _last_origin.clear();
    for (const auto nid : emission_order(g))
    {
      const auto & n = g.node(nid);
      origin(os, g, nid);
      if (n.op == graph::OpKind::Solve)
      {
        solve(os, g, nid, prefix);
        if (mode(nid) == SolveMode::Save)
          return;
      }
      else if (n.op == graph::OpKind::LinSolve)
        lin_solve(os, g, nid);
      else
        local(os, g, nid, n.op == graph::OpKind::Input ? input(n.arg, n.comp) : _f.expression(g, nid));
    }
  }

private:
  void origin(std::ostream & os, const graph::Graph & g, graph::NodeId id);
  void local(std::ostream & os, const graph::Graph & g, graph::NodeId id, const std::string & rhs) const;
  std::string list(const std::vector<graph::NodeId> & ids, std::size_t from, std::size_t count) const;
  void solve(std::ostream & os, const graph::Graph & g, graph::NodeId id, const std::string & prefix);
  void lin_solve(std::ostream & os, const graph::Graph & g, graph::NodeId id) const;
  std::string system_functions(const graph::ImplicitSystem & sys, const std::string & fn);
  SolveMode mode(graph::NodeId id) const
  {
    const auto it = _modes.find(id);
    return it == _modes.end() ? SolveMode::Solve : it->second;
  }

  std::ostringstream & _defs;
  const Flavour & _f;
  std::map<graph::NodeId, SolveMode> _modes;
  std::string _chunk;
  EmittedSystems _own;
  EmittedSystems * _emitted;
  std::map<graph::NodeId, std::string> _system_names;
  /// The model of the previous statement (origin comments are printed when it changes).
  std::string _last_origin;
};
} // namespace neml2::codegen

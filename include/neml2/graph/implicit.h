// An implicit system solved per material point by Newton's method (ImplicitUpdate's IR form).
#pragma once

#include <string>
#include <vector>

#include "neml2/graph/graph.h"
#include "neml2/graph/newton_ops.h"

namespace neml2::graph
{
/// The line search of a Newton solve; the values are the codes newton_ops.h tests.
enum class LineSearchKind : int
{
  None = 0,
  Backtracking = 1,
  StrongWolfe = 2
};

/// "none", "backtracking", "strong_wolfe" (metadata, messages).
const char * line_search_name(LineSearchKind k);

#define NEML2_NEWTON_SETTING_TYPE_Real double
#define NEML2_NEWTON_SETTING_TYPE_Int int
#define NEML2_NEWTON_SETTING_TYPE_Bool bool
#define NEML2_NEWTON_SETTING_TYPE_LineSearch LineSearchKind

/// Newton settings as the IR carries them: the fields of NEML2_NEWTON_SETTINGS (newton_ops.h)
/// with their defaults, reals in double whatever the graph's dtype.
struct NewtonSettings
{
#define NEML2_NEWTON_SETTING_FIELD(name, kind, def, ...) \
  NEML2_NEWTON_SETTING_TYPE_##kind name = NEML2_NEWTON_SETTING_TYPE_##kind(def);
  NEML2_NEWTON_SETTINGS(NEML2_NEWTON_SETTING_FIELD)
#undef NEML2_NEWTON_SETTING_FIELD
};

/**
 * r(x; g) = 0 for the n unknowns x given m values g (forces, old state, parameters), as graphs
 * with flat arguments: argument 0 is "x" (n components), arguments 1..m are the scalars g_j.
 *  - `newton` outputs "r" (n) and "J" = dr/dx (n x n, row-major): what each iteration needs;
 *  - `ift` outputs "J" and "B" = dr/dg (n x m): what the implicit function theorem needs,
 *    dx/dg = -J^{-1} B at the solution.
 * Baking a constant given value specialises both graphs (the argument disappears).
 */
struct ImplicitSystem
{
  std::string name;                       ///< the model that owns it, for error messages
  int n = 0;                              ///< unknown scalars
  int m = 0;                              ///< given scalars
  std::vector<std::string> unknown_names; ///< per unknown scalar, "stress[3]" style
  Graph newton;
  Graph ift;
  NewtonSettings settings;
  /// Adaptive sub-stepping (ImplicitUpdate's max_substepping_level): 0 off; otherwise a point
  /// whose solve fails retries its step in pieces, down to 2^-max_substep_level of it
  /// (newton_ops.h, nt_substep).
  int max_substep_level = 0;
  /// Per given value: its neml2_ops::NtRole and the index it pairs with (-1 for none).
  std::vector<int> given_role, given_pair;
};

/// Builds an ImplicitSystem from a residual graph whose arguments are split into unknowns
/// (`is_unknown[i]`) and given values, and whose outputs are the residuals (in unknown order,
/// matching sizes). Forward AD gives J and B.
std::shared_ptr<ImplicitSystem> make_implicit_system(const Graph & residual, const std::vector<bool> & is_unknown,
                                                     const std::vector<int> & residual_outputs, std::string name,
                                                     NewtonSettings settings);

/// Turns on sub-stepping for `sys`, made by make_implicit_system from `residual` and
/// `is_unknown`: each given value's role follows from the names, as NEML2 v3 pairs them: "X~1" is
/// the old state of unknown X, or the start value of force X when X is given too (X is then its end
/// value); everything else (parameters, givens without history) is held.
void enable_substepping(ImplicitSystem & sys, const Graph & residual, const std::vector<bool> & is_unknown,
                        int max_level);

/// `system` with the given values at positions `pos` (0-based among the m givens) fixed to
/// constants `values`: those arguments are baked away.
std::shared_ptr<ImplicitSystem> specialize(const ImplicitSystem & system, const std::vector<int> & pos,
                                           const std::vector<double> & values);
} // namespace neml2::graph

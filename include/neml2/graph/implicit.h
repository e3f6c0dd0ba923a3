// An implicit system solved per material point by Newton's method (ImplicitUpdate's IR form).
#pragma once

#include <string>
#include <vector>

#include "neml2/graph/graph.h"

namespace neml2::graph
{
enum class LineSearchKind
{
  None,
  Backtracking,
  StrongWolfe
};

/// Newton settings (defaults as NEML2's Newton solver).
struct NewtonSettings
{
  double abs_tol = 1e-10;
  double rel_tol = 1e-8;
  int max_its = 25;
  LineSearchKind line_search = LineSearchKind::None;
  int max_line_search_its = 10;
  double line_search_cutback = 2.0;
  /// Sufficient decrease: accept a step a when |r(x - a dx)|^2 <= (1 - 2 c a) |r(x)|^2.
  double line_search_stop = 1e-3;
  /// Strong Wolfe curvature condition: |f'(a)| <= c2 |f'(0)|.
  double line_search_c2 = 0.9;
};

/// The line-search code newton_ops.h uses (0 none, 1 backtracking, 2 strong Wolfe).
inline int
line_search_code(LineSearchKind k)
{
  switch (k)
  {
    case LineSearchKind::None:
      return 0;
    case LineSearchKind::Backtracking:
      return 1;
    case LineSearchKind::StrongWolfe:
      return 2;
  }
  return 0;
}

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
};

/// Builds an ImplicitSystem from a residual graph whose arguments are split into unknowns
/// (`is_unknown[i]`) and given values, and whose outputs are the residuals (in unknown order,
/// matching sizes). Forward AD gives J and B.
std::shared_ptr<ImplicitSystem> make_implicit_system(const Graph & residual, const std::vector<bool> & is_unknown,
                                                     const std::vector<int> & residual_outputs, std::string name,
                                                     NewtonSettings settings);

/// `system` with the given values at positions `pos` (0-based among the m givens) fixed to
/// constants `values`: those arguments are baked away.
std::shared_ptr<ImplicitSystem> specialize(const ImplicitSystem & system, const std::vector<int> & pos,
                                           const std::vector<double> & values);
} // namespace neml2::graph

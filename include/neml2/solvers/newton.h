// [Solvers]: Newton, NewtonWithLineSearch, DenseLU and SchurComplement (settings the per-point solve uses).
#pragma once

#include "neml2/base/factory.h"
#include "neml2/graph/implicit.h"

namespace neml2
{
/// A [Solvers] block that solves each point's linear systems (Newton's updates, the implicit
/// function theorem's sensitivities).
class LinearSolver : public Object
{
public:
  using Object::Object;
};

/// Newton's method with per-point convergence: |r| < abs_tol or |r|/|r0| < rel_tol, tested at
/// the predictor too, then (final_update, default on) a chord update of the converged iterate (the
/// last Newton step's factorised Jacobian);
/// a non-finite residual or max_its updates without convergence fails. doc/models.md says why.
class Newton : public Object
{
public:
  Newton(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  const graph::NewtonSettings & settings() const { return _settings; }
  /// The `linear_solver` block, or null when none is named.
  const std::shared_ptr<LinearSolver> & linear_solver() const { return _linear_solver; }

protected:
  graph::NewtonSettings _settings;
  std::shared_ptr<LinearSolver> _linear_solver;
};

/// Newton with a backtracking line search on the residual norm.
class NewtonWithLineSearch : public Newton
{
public:
  NewtonWithLineSearch(const Options & options, Factory & factory);
  static OptionSchema expected_options();
};

/// The dense LU factorisation with partial pivoting used for every per-point linear solve.
class DenseLU : public LinearSolver
{
public:
  DenseLU(const Options & options, Factory & factory);
  static OptionSchema expected_options();
};

/// NEML2's SchurComplement: a system of two groups of unknowns solved through the Schur complement
/// of the primary block. Each point's system here is small and solved whole by dense LU, which
/// gives the same solution; the options are read and checked so that NEML2 inputs run unchanged.
class SchurComplement : public LinearSolver
{
public:
  SchurComplement(const Options & options, Factory & factory);
  static OptionSchema expected_options();
};
} // namespace neml2

// [Solvers]: Newton, NewtonWithLineSearch and DenseLU (settings the per-point solve uses).
#pragma once

#include "neml2/base/factory.h"
#include "neml2/graph/implicit.h"

namespace neml2
{
/// Newton's method with per-point convergence: |r| < abs_tol or |r|/|r0| < rel_tol, tested at
/// the predictor too, then (final_update, default on) the Newton update of the converged iterate;
/// a non-finite residual or max_its updates without convergence fails. doc/models.md says why.
class Newton : public Object
{
public:
  Newton(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  const graph::NewtonSettings & settings() const { return _settings; }

protected:
  graph::NewtonSettings _settings;
};

/// Newton with a backtracking line search on the residual norm.
class NewtonWithLineSearch : public Newton
{
public:
  NewtonWithLineSearch(const Options & options, Factory & factory);
  static OptionSchema expected_options();
};

/// The dense LU factorisation with partial pivoting used for every per-point linear solve.
class DenseLU : public Object
{
public:
  DenseLU(const Options & options, Factory & factory);
  static OptionSchema expected_options();
};
} // namespace neml2

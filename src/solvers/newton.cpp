// Newton solver settings read from [Solvers].
#include "neml2/solvers/newton.h"

#include <fmt/format.h>

namespace neml2
{
OptionSchema
Newton::expected_options()
{
  return OptionSchema()
      .doc("Newton's method, run per material point: converged where |r| < abs_tol or |r|/|r0| < rel_tol "
           "(also tested at the predictor); a non-finite residual, a singular Jacobian or max_its updates "
           "without convergence fail.")
      .optional("abs_tol", OptionKind::Real, "1e-10", "absolute tolerance on the residual norm")
      .optional("rel_tol", OptionKind::Real, "1e-8", "tolerance on the residual norm relative to the predictor's")
      .optional("max_its", OptionKind::Int, "25", "maximum number of Newton updates")
      .optional("linear_solver", OptionKind::String, "", "name of a [Solvers] DenseLU block (optional)")
      .optional("verbose", OptionKind::Bool, "false", "accepted for compatibility; per-point solves do not print");
}

Newton::Newton(const Options & options, Factory & factory)
  : Object(options)
{
  _settings.abs_tol = options.get_real("abs_tol");
  _settings.rel_tol = options.get_real("rel_tol");
  _settings.max_its = static_cast<int>(options.get_int("max_its"));
  if (!(_settings.abs_tol >= 0) || !(_settings.rel_tol >= 0))
    throw options.error("abs_tol", "tolerances must be non-negative numbers");
  if (_settings.max_its < 1)
    throw options.error("max_its", fmt::format("expected at least 1 iteration, got {}", _settings.max_its));
  const auto ls = options.get_string("linear_solver");
  if (!ls.empty())
    factory.get_as<DenseLU>(ObjectKind::Solver, ls);
}

OptionSchema
NewtonWithLineSearch::expected_options()
{
  return Newton::expected_options()
      .doc("Newton's method with a line search on the squared residual norm (per point): BACKTRACKING (sufficient "
           "decrease, cutting the step back) or STRONG_WOLFE (sufficient decrease and the strong curvature "
           "condition, bracketing from the full step and zooming by bisection).")
      .choice("linesearch_type", {"BACKTRACKING", "STRONG_WOLFE"}, "BACKTRACKING", "the line search")
      .optional("max_linesearch_iterations", OptionKind::Int, "10", "maximum number of step cutbacks")
      .optional("linesearch_cutback", OptionKind::Real, "2", "factor the step is divided by at each cutback")
      .optional("linesearch_stopping_criteria", OptionKind::Real, "1e-3",
                "sufficient decrease c: accept step a when |r(x - a dx)|^2 <= (1 - 2 c a) |r(x)|^2")
      .optional("linesearch_curvature", OptionKind::Real, "0.9",
                "STRONG_WOLFE curvature constant c2: also require |f'(a)| <= c2 |f'(0)| for f(a) = |r(x - a dx)|^2");
}

NewtonWithLineSearch::NewtonWithLineSearch(const Options & options, Factory & factory)
  : Newton(options, factory)
{
  _settings.line_search = options.get_string("linesearch_type") == "STRONG_WOLFE" ? graph::LineSearchKind::StrongWolfe
                                                                                  : graph::LineSearchKind::Backtracking;
  _settings.max_line_search_its = static_cast<int>(options.get_int("max_linesearch_iterations"));
  _settings.line_search_cutback = options.get_real("linesearch_cutback");
  _settings.line_search_stop = options.get_real("linesearch_stopping_criteria");
  _settings.line_search_c2 = options.get_real("linesearch_curvature");
  if (!(_settings.line_search_stop > 0 && _settings.line_search_stop < _settings.line_search_c2 &&
        _settings.line_search_c2 < 1))
    throw options.error("linesearch_curvature",
                        fmt::format("the strong Wolfe constants need 0 < linesearch_stopping_criteria ({}) < "
                                    "linesearch_curvature ({}) < 1",
                                    _settings.line_search_stop, _settings.line_search_c2));
  if (!(_settings.line_search_cutback > 1))
    throw options.error("linesearch_cutback", "expected a factor greater than 1");
}

OptionSchema
DenseLU::expected_options()
{
  return OptionSchema().doc("Dense LU factorisation with partial pivoting (the per-point linear solver).");
}

DenseLU::DenseLU(const Options & options, Factory &)
  : Object(options)
{
}

NEML2_REGISTER(Solver, Newton);
NEML2_REGISTER(Solver, NewtonWithLineSearch);
NEML2_REGISTER(Solver, DenseLU);
} // namespace neml2

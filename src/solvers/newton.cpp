// Newton solver settings read from [Solvers].
#include "neml2/solvers/newton.h"

#include <fmt/format.h>

namespace neml2
{
namespace
{
// The options of the settings `solver` owns ("Newton" or "LineSearch"), and reading them, both
// generated from NEML2_NEWTON_SETTINGS (graph/newton_ops.h).
void
add_setting_options(OptionSchema & s, const std::string & solver)
{
#define NEML2_OPTION_Real(option, def, doc) s.optional(option, OptionKind::Real, #def, doc)
#define NEML2_OPTION_Int(option, def, doc) s.optional(option, OptionKind::Int, #def, doc)
#define NEML2_OPTION_Bool(option, def, doc) s.optional(option, OptionKind::Bool, #def, doc)
#define NEML2_OPTION_LineSearch(option, def, doc) \
  s.choice(option, {"BACKTRACKING", "STRONG_WOLFE"}, "BACKTRACKING", doc)
#define NEML2_SETTING_OPTION(name, kind, def, owner, option, doc) \
  if (solver == #owner)                                           \
    NEML2_OPTION_##kind(option, def, doc);
  NEML2_NEWTON_SETTINGS(NEML2_SETTING_OPTION)
#undef NEML2_SETTING_OPTION
#undef NEML2_OPTION_Real
#undef NEML2_OPTION_Int
#undef NEML2_OPTION_Bool
#undef NEML2_OPTION_LineSearch
}

void
read_settings(const Options & o, graph::NewtonSettings & st, const std::string & solver)
{
#define NEML2_READ_Real(v, option) v = o.get_real(option)
#define NEML2_READ_Int(v, option) v = static_cast<int>(o.get_int(option))
#define NEML2_READ_Bool(v, option) v = o.get_bool(option)
#define NEML2_READ_LineSearch(v, option) \
  v = o.get_string(option) == "STRONG_WOLFE" ? graph::LineSearchKind::StrongWolfe : graph::LineSearchKind::Backtracking
#define NEML2_SETTING_READ(name, kind, def, owner, option, doc) \
  if (solver == #owner)                                         \
    NEML2_READ_##kind(st.name, option);
  NEML2_NEWTON_SETTINGS(NEML2_SETTING_READ)
#undef NEML2_SETTING_READ
#undef NEML2_READ_Real
#undef NEML2_READ_Int
#undef NEML2_READ_Bool
#undef NEML2_READ_LineSearch
}
} // namespace

OptionSchema
Newton::expected_options()
{
  auto s = OptionSchema().doc("Newton's method, run per material point: converged where |r| < abs_tol or |r|/|r0| < "
                              "rel_tol (also tested at the predictor), then (final_update) one more update from the "
                              "converged iterate with the last Newton step's factorised Jacobian; a non-finite "
                              "residual, a singular Jacobian or max_its "
                              "updates without convergence fail.");
  add_setting_options(s, "Newton");
  return s
      .optional("linear_solver", OptionKind::String, "",
                "name of a [Solvers] DenseLU or SchurComplement block (optional)")
      .optional("verbose", OptionKind::Bool, "false", "accepted for compatibility; per-point solves do not print")
      .optional("substep_del_tol", OptionKind::Real, "1e-6",
                "NEML2's step-size test for sub-steps; unused here (no substepping: see ImplicitUpdate's "
                "max_substepping_level)");
}

Newton::Newton(const Options & options, Factory & factory)
  : Object(options)
{
  read_settings(options, _settings, "Newton");
  if (!(_settings.abs_tol >= 0) || !(_settings.rel_tol >= 0))
    throw options.error("abs_tol", "tolerances must be non-negative numbers");
  if (!(options.get_real("substep_del_tol") >= 0))
    throw options.error("substep_del_tol", "expected a non-negative number");
  if (_settings.max_its < 1)
    throw options.error("max_its", fmt::format("expected at least 1 iteration, got {}", _settings.max_its));
  if (const auto ls = options.get_string("linear_solver"); !ls.empty())
    _linear_solver = factory.get_as<LinearSolver>(ObjectKind::Solver, ls);
}

OptionSchema
NewtonWithLineSearch::expected_options()
{
  auto s = Newton::expected_options().doc(
      "Newton's method with a line search on the squared residual norm (per point): BACKTRACKING (sufficient "
      "decrease, cutting the step back) or STRONG_WOLFE (sufficient decrease and the strong curvature condition, "
      "bracketing from the full step and zooming by bisection).");
  add_setting_options(s, "LineSearch");
  return s.optional("check_negative_criterion", OptionKind::Bool, "false",
                    "accepted for compatibility (NEML2 prints a warning when the sufficient-decrease threshold "
                    "turns negative); per-point solves do not print");
}

NewtonWithLineSearch::NewtonWithLineSearch(const Options & options, Factory & factory)
  : Newton(options, factory)
{
  read_settings(options, _settings, "LineSearch");
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
  : LinearSolver(options)
{
}

OptionSchema
SchurComplement::expected_options()
{
  return OptionSchema()
      .doc("NEML2's Schur-complement solver for a system of two groups of unknowns (NonlinearSystem unknowns "
           "separated by ';'). Each point's system is solved whole by dense LU, which gives the same solution; the "
           "options are checked and otherwise unused.")
      .optional("residual_primary_group", OptionKind::Int, "0", "the residual group of the primary block (0 or 1)")
      .optional("unknown_primary_group", OptionKind::Int, "0", "the unknown group of the primary block (0 or 1)")
      .required("primary_solver", OptionKind::String, "the [Solvers] block for the primary block")
      .required("schur_solver", OptionKind::String, "the [Solvers] block for the Schur complement");
}

SchurComplement::SchurComplement(const Options & options, Factory & factory)
  : LinearSolver(options)
{
  for (const auto * option : {"residual_primary_group", "unknown_primary_group"})
    if (const auto g = options.get_int(option); g != 0 && g != 1)
      throw options.error(option, fmt::format("a system has two groups, 0 and 1; got {}", g));
  for (const auto * option : {"primary_solver", "schur_solver"})
    factory.get_as<LinearSolver>(ObjectKind::Solver, options.get_string(option));
}

NEML2_REGISTER(Solver, Newton);
NEML2_REGISTER(Solver, NewtonWithLineSearch);
NEML2_REGISTER(Solver, DenseLU);
NEML2_REGISTER(Solver, SchurComplement);
} // namespace neml2

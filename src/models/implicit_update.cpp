// ImplicitUpdate: stages a per-point Newton solve of a NonlinearSystem.
#include "neml2/models/implicit_update.h"

#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "neml2/solvers/newton.h"
#include "neml2/solvers/nonlinear_system.h"
#include "neml2/solvers/predictor.h"

namespace neml2
{
OptionSchema
ImplicitUpdate::expected_options()
{
  return Model::expected_options()
      .doc("Solves an equation system for its unknowns at every material point with Newton's method; the "
           "outputs are the unknowns. Derivatives follow from the implicit function theorem.")
      .required("equation_system", OptionKind::String, "name of a [EquationSystems] NonlinearSystem")
      .required("solver", OptionKind::String, "name of a [Solvers] Newton or NewtonWithLineSearch")
      .optional("predictor", OptionKind::String, "",
                "the initial guess: a [Models] block whose outputs are unknowns (NEML2 v3: "
                "ConstantExtrapolationPredictor, LinearExtrapolationPredictor, or any model), or a [Predictors] "
                "block; default, and for unknowns the predictor does not output: the previous step's value of "
                "each unknown (zero when the residual model does not read it)")
      .optional("input_sensitivity_solver", OptionKind::String, "",
                "the linear solver of the implicit-function-theorem solve for d(unknowns)/d(inputs): a [Solvers] "
                "DenseLU or SchurComplement block (derivatives here are always by LU factorisation, so exact)")
      .optional("param_sensitivity_solver", OptionKind::String, "",
                "the linear solver for d(unknowns)/d(parameters): a [Solvers] DenseLU block, as above")
      .optional("max_substepping_level", OptionKind::Int, "0",
                "adaptive sub-stepping: a point whose solve fails retries its step in pieces, halving a piece "
                "that fails, down to 2^-max_substepping_level of the step (0: off; at most 20). Forces X with "
                "a previous value X~1 are ramped linearly across the step, the unknowns' previous values are "
                "chained from piece to piece, and everything else is held")
      .optional("incremental_variables", OptionKind::Strings, "",
                "forces to ramp across sub-steps (NEML2 v3); every given X that has its previous value X~1 "
                "among the inputs is ramped whether listed or not, and with sub-stepping on a listed one must "
                "have it");
}

ImplicitUpdate::ImplicitUpdate(const Options & options, Factory & factory)
  : Model(options),
    _system(factory.get_as<NonlinearSystem>(ObjectKind::EquationSystem, options.get_string("equation_system")))
{
  auto solver = factory.get_as<Newton>(ObjectKind::Solver, options.get_string("solver"));
  for (const auto * option : {"input_sensitivity_solver", "param_sensitivity_solver"})
    if (const auto ls = options.get_string(option); !ls.empty())
      factory.get_as<LinearSolver>(ObjectKind::Solver, ls);
  if (std::dynamic_pointer_cast<SchurComplement>(solver->linear_solver()) && _system->group_sizes().size() != 2)
    throw options.error("solver", fmt::format("solver '{}' uses a SchurComplement linear solver, which needs the "
                                              "unknowns of equation system '{}' in two groups separated by ';' "
                                              "(it has {})",
                                              solver->name(), _system->name(), _system->group_sizes().size()));
  const long max_level = options.get_int("max_substepping_level");
  if (max_level < 0 || max_level > 20)
    throw options.error(
        "max_substepping_level",
        fmt::format("expected 0 (no sub-stepping) to 20 (pieces down to 2^-20 of the step), got {}", max_level));
  _max_substep_level = static_cast<int>(max_level);
  for (const auto & x : options.get_strings("incremental_variables"))
  {
    const auto * v = _system->model()->find_input(x);
    const auto & unknowns = _system->unknowns();
    if (!v || std::find(unknowns.begin(), unknowns.end(), x) != unknowns.end())
      throw options.error("incremental_variables",
                          fmt::format("'{}' is not a given input of equation system '{}' (an input of its model "
                                      "that is not an unknown)",
                                      x, _system->name()));
    if (_max_substep_level > 0 && !_system->model()->find_input(x + "~1"))
      throw options.error("incremental_variables",
                          fmt::format("'{}' is ramped from its previous value '{}~1' across sub-steps, but the "
                                      "model of equation system '{}' does not read '{}~1'; read it in the model "
                                      "(NEML2 adds it as an input of its own; this implementation does not)",
                                      x, x, _system->name(), x));
  }
  _settings = solver->settings();
  const auto & unknowns = _system->unknowns();
  const auto & model = *_system->model();
  for (const auto & v : model.input_spec())
    if (std::find(unknowns.begin(), unknowns.end(), v.name) == unknowns.end())
      declare_input_like(v);
  for (const auto & u : unknowns)
  {
    const auto * v = model.find_input(u);
    declare_output(u, v->type, v->sub_batch);
    set_output_sub_batch(u, v->sub_batch, v->sub_batch_pending);
  }
  adopt_parameter_providers(model);
  const auto p = options.get_string("predictor");
  const auto models = factory.names(ObjectKind::Model);
  if (!p.empty() && std::find(models.begin(), models.end(), p) != models.end())
    use_predictor_model(factory.get_model(p), options);
  else if (!p.empty())
  {
    _predictor = factory.get_as<Predictor>(ObjectKind::Predictor, p);
    const auto time_type = TypeKind::Scalar;
    for (const auto & u : unknowns)
      for (const auto & extra : _predictor->extra_inputs(u))
      {
        if (std::find(unknowns.begin(), unknowns.end(), extra) != unknowns.end())
          continue;
        // u~j has the unknown's type; anything else (the time and its history) is a Scalar.
        const auto base = extra.substr(0, extra.rfind('~'));
        const auto * uv = model.find_input(base);
        const bool of_unknown = uv && std::find(unknowns.begin(), unknowns.end(), base) != unknowns.end();
        declare_input(extra, of_unknown ? uv->type : time_type, of_unknown ? uv->sub_batch : Shape{});
      }
  }
}

void
ImplicitUpdate::use_predictor_model(std::shared_ptr<Model> predictor, const Options & options)
{
  const auto & unknowns = _system->unknowns();
  const auto & model = *_system->model();
  // As NEML2: the outputs that are unknowns are the guesses; the others (intermediate results of
  // a composed predictor) are not used. A predictor guessing no unknown at all is a mistake.
  std::vector<std::string> outputs;
  for (const auto & o : predictor->output_spec())
    outputs.push_back(o.name);
  if (std::none_of(outputs.begin(), outputs.end(),
                   [&](const auto & o) { return std::find(unknowns.begin(), unknowns.end(), o) != unknowns.end(); }))
    throw options.error("predictor",
                        fmt::format("predictor '{}' outputs none of the unknowns of '{}' ({}); it outputs: {}",
                                    predictor->name(), _system->name(), fmt::join(unknowns, ", "),
                                    fmt::join(outputs, ", ")));
  for (const auto & o : predictor->output_spec())
  {
    if (std::find(unknowns.begin(), unknowns.end(), o.name) == unknowns.end())
      continue;
    if (o.type != model.find_input(o.name)->type)
      throw options.error("predictor", fmt::format("predictor '{}' outputs '{}' as {}, but the unknown is {}",
                                                   predictor->name(), o.name, type_with_article(o.type),
                                                   type_with_article(model.find_input(o.name)->type)));
  }
  // The guesses have the unknowns' sub-batches (a per-slip-system state extrapolated from its
  // history), and whatever the predictor reads besides shares them with the residual model.
  try
  {
    unify_sub_batches({_system->model().get(), predictor.get()});
  }
  catch (const ValueError & e)
  {
    throw options.error("predictor", e.what());
  }
  adopt_sub_batches({_system->model().get(), predictor.get()});
  // What the predictor reads becomes an input of the update (history and time, cold values).
  for (const auto & v : predictor->input_spec())
  {
    if (std::find(unknowns.begin(), unknowns.end(), v.name) != unknowns.end())
      throw options.error("predictor", fmt::format("predictor '{}' reads the unknown '{}' itself; a guess can only "
                                                   "use the unknown's history and other inputs",
                                                   predictor->name(), v.name));
    if (const auto * have = find_input(v.name))
    {
      if (have->type != v.type)
        throw options.error("predictor", fmt::format("predictor '{}' reads '{}' as {}, but the equation system "
                                                     "reads it as {}",
                                                     predictor->name(), v.name, type_with_article(v.type),
                                                     type_with_article(have->type)));
      continue;
    }
    declare_input_like(v);
  }
  adopt_parameter_providers(*predictor);
  _predictor_model = std::move(predictor);
}

std::vector<std::pair<std::string, ParameterSpec *>>
ImplicitUpdate::all_parameters()
{
  std::vector<std::pair<std::string, ParameterSpec *>> out;
  for (const auto & m : {_system->model(), _predictor_model})
    if (m)
      for (auto & [n, p] : m->all_parameters())
        out.emplace_back(m->name() + "." + n, p);
  return out;
}

void
ImplicitUpdate::resolve_sub_batch(const std::string & name, const Shape & sub_batch)
{
  std::vector<Model *> members = {_system->model().get()};
  if (_predictor_model)
    members.push_back(_predictor_model.get());
  for (auto * m : members)
    if (const auto * v = m->find_input(name) ? m->find_input(name) : m->find_output(name);
        v && (v->sub_batch_pending || v->sub_batch != sub_batch))
      m->resolve_sub_batch(name, sub_batch);
  unify_sub_batches(members);
  adopt_sub_batches(std::vector<const Model *>(members.begin(), members.end()), /*all=*/true);
}

void
ImplicitUpdate::define(Staging & s) const
{
  auto * g = s.graph();
  const auto & model = _system->model();
  const auto & unknowns = _system->unknowns();
  // The residual model alone: arguments are its inputs then its parameters.
  const graph::Graph residual = model->forward_graph(g->dtype());
  std::vector<bool> is_unknown;
  for (const auto & a : residual.arguments())
    is_unknown.push_back(a.kind == graph::ArgKind::Variable &&
                         std::find(unknowns.begin(), unknowns.end(), a.name) != unknowns.end());
  // Unknowns in the order the system lists them: reorder by making the residual outputs follow
  // the argument order of the unknowns.
  std::vector<std::string> unknown_order;
  for (const auto & a : residual.arguments())
    if (a.kind == graph::ArgKind::Variable && std::find(unknowns.begin(), unknowns.end(), a.name) != unknowns.end())
      unknown_order.push_back(a.name);
  std::vector<int> residual_outputs;
  for (const auto & u : unknown_order)
  {
    const auto k = std::find(unknowns.begin(), unknowns.end(), u) - unknowns.begin();
    residual_outputs.push_back(residual.find_output(_system->residuals()[static_cast<std::size_t>(k)]));
  }
  auto system = graph::make_implicit_system(residual, is_unknown, residual_outputs, name(), _settings);
  if (_max_substep_level > 0)
    graph::enable_substepping(*system, residual, is_unknown, _max_substep_level);

  // The predictor model's outputs: the guesses of the unknowns it covers.
  std::map<std::string, std::vector<graph::NodeId>> predicted;
  if (_predictor_model)
  {
    auto sub = s.child(_predictor_model->name());
    _predictor_model->stage(sub);
    for (const auto & o : _predictor_model->output_spec())
      if (std::find(unknowns.begin(), unknowns.end(), o.name) != unknowns.end())
        predicted[o.name] = s.variable_nodes(o.name);
  }

  std::vector<graph::NodeId> guesses, given;
  for (std::size_t i = 0; i < residual.arguments().size(); ++i)
  {
    const auto & a = residual.arguments()[i];
    std::vector<graph::NodeId> nodes;
    if (a.kind == graph::ArgKind::Parameter)
      nodes = s.parameter_nodes(model->name() + "." + a.name);
    if (is_unknown[i])
    {
      auto available = [&](const std::string & name) { return s.has_variable(name) && find_input(name); };
      if (const auto it = predicted.find(a.name); it != predicted.end())
        nodes = it->second;
      else if (_predictor)
        nodes = _predictor->guess(s, a.name, a.leaves.size(), available);
      else if (available(a.name + "~1")) // constant extrapolation
        nodes = s.variable_nodes(a.name + "~1");
      else
        nodes.assign(a.leaves.size(), g->constant(0.0));
      guesses.insert(guesses.end(), nodes.begin(), nodes.end());
      continue;
    }
    if (a.kind == graph::ArgKind::Variable)
      nodes = s.variable_nodes(a.name);
    given.insert(given.end(), nodes.begin(), nodes.end());
  }
  std::vector<graph::NodeId> operands = guesses;
  operands.insert(operands.end(), given.begin(), given.end());
  const auto S = g->solve(system, operands);
  int offset = 0;
  std::map<std::string, std::vector<graph::NodeId>> solution;
  for (const auto & u : unknown_order)
  {
    const auto size = numel(model->find_input(u)->shape());
    for (std::int64_t k = 0; k < size; ++k)
      solution[u].push_back(g->part(S, offset++));
  }
  for (const auto & u : unknowns)
    s.set_variable_nodes(u, solution[u]);
}

NEML2_REGISTER(Model, ImplicitUpdate);
} // namespace neml2

// NonlinearSystem: which outputs of a model are residuals of which of its inputs.
#include "neml2/solvers/nonlinear_system.h"

#include <fmt/format.h>

namespace neml2
{
OptionSchema
NonlinearSystem::expected_options()
{
  return OptionSchema()
      .doc("A nonlinear system r(u; g) = 0: the residual outputs of a model and the inputs it is solved for.")
      .required("model", OptionKind::String, "the model computing the residuals")
      .required("unknowns", OptionKind::Strings, "input variables of the model solved for")
      .optional("residuals", OptionKind::Strings, "", "output variables that must vanish (default <unknown>_residual)");
}

NonlinearSystem::NonlinearSystem(const Options & options, Factory & factory)
  : Object(options),
    _model(factory.get_model(options.get_string("model"))),
    _unknowns(options.get_strings("unknowns")),
    _residuals(options.get_strings("residuals"))
{
  if (_unknowns.empty())
    throw options.error("unknowns", "expected at least one unknown");
  if (_residuals.empty())
    for (const auto & u : _unknowns)
      _residuals.push_back(u + "_residual");
  if (_residuals.size() != _unknowns.size())
    throw options.error("residuals", fmt::format("expected one residual per unknown ({}), got {}", _unknowns.size(),
                                                 _residuals.size()));
  auto names = [](const std::vector<VariableSpec> & specs) {
    std::vector<std::string> n;
    for (const auto & v : specs)
      n.push_back(v.name);
    return fmt::format("{}", fmt::join(n, ", "));
  };
  for (std::size_t i = 0; i < _unknowns.size(); ++i)
  {
    const auto * u = _model->find_input(_unknowns[i]);
    if (!u)
      throw options.error("unknowns", fmt::format("'{}' is not an input of model '{}' (its inputs: {})", _unknowns[i],
                                                  _model->name(), names(_model->input_spec())));
    const auto * r = _model->find_output(_residuals[i]);
    if (!r)
      throw options.error(options.has("residuals") ? "residuals" : "unknowns",
                          fmt::format("model '{}' has no output '{}' (its outputs: {})", _model->name(), _residuals[i],
                                      names(_model->output_spec())));
    if (numel(u->shape()) != numel(r->shape()))
      throw options.error("residuals",
                          fmt::format("residual '{}' ({}) does not match the size of unknown '{}' ({})", _residuals[i],
                                      type_name(r->type), _unknowns[i], type_name(u->type)));
  }
}

NEML2_REGISTER(EquationSystem, NonlinearSystem);
} // namespace neml2

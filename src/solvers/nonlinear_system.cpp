// NonlinearSystem: which outputs of a model are residuals of which of its inputs.
#include "neml2/solvers/nonlinear_system.h"

#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace neml2
{
OptionSchema
NonlinearSystem::expected_options()
{
  return OptionSchema()
      .doc("A nonlinear system r(u; g) = 0: the residual outputs of a model and the inputs it is solved for.")
      .required("model", OptionKind::String, "the model computing the residuals")
      .required("unknowns", OptionKind::Strings,
                "input variables of the model solved for; ';' separates groups (NEML2's block structure)")
      .optional("residuals", OptionKind::Strings, "",
                "output variables that must vanish (default <unknown>_residual), grouped as the unknowns")
      .optional("structure", OptionKind::Strings, "",
                "one of 'block' or 'dense' per group, as NEML2 has it (where a group's sub-batch is a "
                "block-diagonal axis); accepted and checked: each point's system is solved whole, by dense LU");
}

namespace
{
/// The names of a list option, as groups separated by ';' ("a b; c" is {{a, b}, {c}}).
std::vector<std::vector<std::string>>
groups_of(const Options & options, const std::string & option)
{
  std::vector<std::vector<std::string>> groups;
  const auto text = options.get_string(option);
  std::size_t start = 0;
  while (start <= text.size())
  {
    auto end = text.find(';', start);
    if (end == std::string::npos)
      end = text.size();
    std::vector<std::string> names;
    std::istringstream words(text.substr(start, end - start));
    for (std::string w; words >> w;)
      names.push_back(w);
    if (names.empty() && text.find(';') != std::string::npos)
      throw options.error(option, "a group between ';' has no names");
    if (!names.empty())
      groups.push_back(std::move(names));
    start = end + 1;
  }
  return groups;
}
} // namespace

NonlinearSystem::NonlinearSystem(const Options & options, Factory & factory)
  : Object(options),
    _model(factory.get_model(options.get_string("model")))
{
  const auto unknown_groups = groups_of(options, "unknowns");
  const auto residual_groups = groups_of(options, "residuals");
  for (const auto & g : unknown_groups)
  {
    _unknowns.insert(_unknowns.end(), g.begin(), g.end());
    _group_sizes.push_back(g.size());
  }
  for (const auto & g : residual_groups)
    _residuals.insert(_residuals.end(), g.begin(), g.end());
  if (_unknowns.empty())
    throw options.error("unknowns", "expected at least one unknown");
  if (_residuals.empty())
    for (const auto & u : _unknowns)
      _residuals.push_back(u + "_residual");
  if (_residuals.size() != _unknowns.size())
    throw options.error("residuals", fmt::format("expected one residual per unknown ({}), got {}", _unknowns.size(),
                                                 _residuals.size()));
  if (!residual_groups.empty())
  {
    std::vector<std::size_t> sizes;
    for (const auto & g : residual_groups)
      sizes.push_back(g.size());
    if (sizes != _group_sizes)
      throw options.error("residuals", fmt::format("the residuals are grouped as {} names, but the unknowns as {}",
                                                   fmt::join(sizes, "; "), fmt::join(_group_sizes, "; ")));
  }
  const auto structure = options.get_strings("structure");
  if (!structure.empty() && structure.size() != _group_sizes.size())
    throw options.error("structure", fmt::format("expected one word per group of unknowns ({}), got {}",
                                                 _group_sizes.size(), structure.size()));
  for (const auto & w : structure)
    if (w != "block" && w != "dense")
      throw options.error("structure", fmt::format("'{}' is neither 'block' nor 'dense'", w));
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

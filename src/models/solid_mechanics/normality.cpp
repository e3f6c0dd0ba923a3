// Normality: stage the sub-model, differentiate its graph, inline the derivatives.
#include "neml2/models/solid_mechanics/normality.h"

#include <set>

#include <fmt/format.h>

namespace neml2
{

OptionSchema
Normality::expected_options()
{
  return Model::expected_options()
      .doc("The first derivatives u_i = df/dv_i of a Scalar output f of another model with respect to some of its "
           "inputs v_i (e.g. the flow directions of an associative flow rule). Inputs are all the inputs of that "
           "model; its parameters are reachable as <model>.<parameter>.")
      .required("model", OptionKind::String, "the model that computes f")
      .required("function", OptionKind::String, "the Scalar output f of that model")
      .required("from", OptionKind::Strings, "the inputs v_i of that model to differentiate with respect to")
      .required("to", OptionKind::Strings, "the output variables u_i = df/dv_i, one per entry of 'from'");
}

Normality::Normality(const Options & options, Factory & factory)
  : Model(options),
    _f(options.get_string("function")),
    _from(options.get_strings("from")),
    _to(options.get_strings("to"))
{
  const auto model = options.get_string("model");
  if (model == name())
    throw options.error("model", "Normality cannot differentiate itself");
  auto sub = factory.get_model(model);
  const auto * f = sub->find_output(_f);
  if (!f)
    throw options.error("function", fmt::format("model '{}' has no output '{}'{}; its outputs are: {}", model, _f,
                                                did_you_mean(_f, sub->output_spec()), names_of(sub->output_spec())));
  if (f->type != TypeKind::Scalar)
    throw options.error("function", fmt::format("the function '{}' must be a Scalar, but model '{}' makes it a {}", _f,
                                                model, type_name(f->type)));
  if (_from.empty())
    throw options.error("from", "expected at least one variable to differentiate with respect to");
  if (_to.size() != _from.size())
    throw options.error("to",
                        fmt::format("expected one name per entry of 'from' ({}), got {}", _from.size(), _to.size()));
  for (const auto & v : sub->input_spec())
    declare_input(v.name, v.type, v.sub_batch);
  std::set<std::string> seen;
  std::vector<std::pair<std::string, std::string>> pairs;
  for (std::size_t i = 0; i < _from.size(); ++i)
  {
    const auto * v = sub->find_input(_from[i]);
    if (!v)
      throw options.error("from", fmt::format("model '{}' has no input '{}'{}; its inputs are: {}", model, _from[i],
                                              did_you_mean(_from[i], sub->input_spec()), names_of(sub->input_spec())));
    if (find_input(_to[i]) || !seen.insert(_to[i]).second)
      throw options.error("to", fmt::format("'{}' is used twice or is also an input of model '{}'", _to[i], model));
    declare_output(_to[i], v->type);
    pairs.emplace_back(_f, _from[i]);
  }
  adopt_parameter_providers(*sub);
  _model = std::make_unique<NestedModel>(std::move(sub), std::move(pairs));
}

std::vector<std::pair<std::string, ParameterSpec *>>
Normality::all_parameters()
{
  return _model->all_parameters();
}

void
Normality::define(Staging & s) const
{
  const auto copy = _model->inline_into(s);
  for (std::size_t i = 0; i < _from.size(); ++i)
    s.output(_to[i], RawNodes{copy.derivatives.at({_f, _from[i]})});
}

NEML2_REGISTER(Model, Normality);
} // namespace neml2

// RateCondensation: b = f(0), A = -df/drate(0), from one inlined copy of the path's graph.
#include "neml2/models/common/rate_condensation.h"

#include <fmt/format.h>

namespace neml2
{
OptionSchema
RateCondensation::expected_options()
{
  return Model::expected_options()
      .doc("Linearizes a return path f(rate) at zero rate: trial_driving_force = f(0) and coupling = -df/drate at 0, "
           "the data of CoordinateDescentPredictor. The path's other inputs are this model's inputs.")
      .required("model", OptionKind::String, "the return path: the rate in, the driving force out")
      .required("rate", OptionKind::String, "which input of the path is the rate (a Scalar)")
      .required("driving_force", OptionKind::String, "which output of the path is the driving force (a Scalar)")
      .optional("coupling", OptionKind::String, "coupling", "A = -df/drate at zero rate (output)")
      .optional("trial_driving_force", OptionKind::String, "trial_driving_force", "b = f(0) (output)");
}

RateCondensation::RateCondensation(const Options & options, Factory & factory)
  : Model(options),
    _rate(options.get_string("rate")),
    _f(options.get_string("driving_force")),
    _A(options.get_string("coupling")),
    _b(options.get_string("trial_driving_force"))
{
  const auto name = options.get_string("model");
  if (name == this->name())
    throw options.error("model", "RateCondensation cannot condense itself");
  auto path = factory.get_model(name);
  const auto * rate = path->find_input(_rate);
  if (!rate)
    throw options.error("rate", fmt::format("'{}' is not an input of model '{}'{}; its inputs are: {}", _rate, name,
                                            did_you_mean(_rate, path->input_spec()), names_of(path->input_spec())));
  if (rate->type != TypeKind::Scalar)
    throw options.error("rate", fmt::format("the rate '{}' must be a Scalar, but model '{}' takes it as {}", _rate,
                                            name, type_with_article(rate->type)));
  const auto * f = path->find_output(_f);
  if (!f)
    throw options.error("driving_force",
                        fmt::format("'{}' is not an output of model '{}'{}; its outputs are: {}", _f, name,
                                    did_you_mean(_f, path->output_spec()), names_of(path->output_spec())));
  if (f->type != TypeKind::Scalar)
    throw options.error("driving_force", fmt::format("the driving force '{}' must be a Scalar, but model '{}' gives "
                                                     "it as {}",
                                                     _f, name, type_with_article(f->type)));
  for (const auto & v : path->input_spec())
    if (v.name != _rate)
      declare_input(v.name, v.type, v.sub_batch);
  if (_A == _b)
    throw options.error("trial_driving_force", "coupling and trial_driving_force must be different variables");
  declare_output_distinct(_A, TypeKind::Scalar, "coupling");
  declare_output_distinct(_b, TypeKind::Scalar, "trial_driving_force");
  adopt_parameter_providers(*path);
  _path = std::make_unique<NestedModel>(std::move(path), std::vector<std::pair<std::string, std::string>>{{_f, _rate}});
}

std::vector<std::pair<std::string, ParameterSpec *>>
RateCondensation::all_parameters()
{
  return _path->all_parameters();
}

void
RateCondensation::define(Staging & s) const
{
  const auto zero = s.graph()->constant(0.0);
  const auto copy = _path->inline_into(s, {{_rate, {zero}}});
  s.output(_b, RawNodes{copy.values.at(_f)});
  s.output(_A, sym::Scalar(-sym::Sym(s.graph(), copy.derivatives.at({_f, _rate})[0])));
}

NEML2_REGISTER(Model, RateCondensation);
} // namespace neml2

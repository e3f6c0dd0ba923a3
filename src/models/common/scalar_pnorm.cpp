// ScalarPNorm: to = (sum_i w_i |from_i|^p + eps)^(1/p), eps the float64 machine epsilon.
#include "neml2/models/common/scalar_pnorm.h"

#include <limits>
#include <set>

#include <fmt/format.h>

namespace neml2
{
OptionSchema
ScalarPNorm::expected_options()
{
  return Model::expected_options()
      .doc("Weighted p-norm of Scalar variables: to = (sum_i w_i |from_i|^p + eps)^(1/p), with eps the machine "
           "epsilon keeping it differentiable at zero.")
      .required("from", OptionKind::Strings, "the Scalar variables (inputs)")
      .required("to", OptionKind::String, "the norm (output)")
      .required("exponent", OptionKind::String,
                "the exponent p (parameter '_p'): a number, a [Tensors] name, a [Models] name or a variable name")
      .optional("weights", OptionKind::Strings, "1",
                "the weights w_i (parameters 'weight_0', 'weight_1', ...): one for every variable, or one each");
}

ScalarPNorm::ScalarPNorm(const Options & options, Factory & factory)
  : Model(options),
    _from(options.get_strings("from")),
    _to(options.get_string("to"))
{
  if (_from.empty())
    throw options.error("from", "expected at least one variable");
  if (std::set<std::string>(_from.begin(), _from.end()).size() != _from.size())
    throw options.error("from", "a variable is listed twice");
  for (const auto & x : _from)
    declare_input(x, TypeKind::Scalar);
  declare_output_distinct(_to, TypeKind::Scalar, "to");
  _p = declare_parameter<sym::Scalar>("_p", options.get_string("exponent"), "exponent", factory);
  const auto w = options.get_strings("weights");
  if (w.size() != 1 && w.size() != _from.size())
    throw options.error(
        "weights", fmt::format("expected 1 weight or {} (one per variable in 'from'), got {}", _from.size(), w.size()));
  for (std::size_t i = 0; i < w.size(); ++i)
    _weights.push_back(declare_parameter<sym::Scalar>("weight_" + std::to_string(i), w[i], "weights", factory));
}

void
ScalarPNorm::define(Staging & s) const
{
  const sym::Sym p = param(s, _p).sym();
  sym::Sym sum;
  for (std::size_t i = 0; i < _from.size(); ++i)
  {
    const sym::Sym w = param(s, _weights[_weights.size() == 1 ? 0 : i]).sym();
    const auto term = w * sym::pow(sym::abs(s.input<sym::Scalar>(_from[i]).sym()), p);
    sum = i == 0 ? term : sum + term;
  }
  s.output(_to, sym::Scalar(sym::pow(sum + std::numeric_limits<double>::epsilon(), 1.0 / p)));
}

NEML2_REGISTER(Model, ScalarPNorm);
} // namespace neml2

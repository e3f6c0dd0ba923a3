// LinearCombination: u = sum_i c_i v_i (+ s).
#include "neml2/models/common/linear_combination.h"

#include <fmt/format.h>

#include "neml2/models/common/option_helpers.h"

namespace neml2
{
template <typename T>
OptionSchema
LinearCombination<T>::expected_options()
{
  const auto t = std::string(type_name(T::kind));
  return Model::expected_options()
      .doc("Linear combination of " + t +
           " variables, u = c_i v_i + s (summed over i). The offset s is a Scalar "
           "added to every component of u.")
      .optional("from_var", OptionKind::Strings, "", "the " + t + " variables v_i to combine (required)")
      .optional("from", OptionKind::Strings, "", "same as from_var (NEML2's newer name)")
      .optional("to_var", OptionKind::String, "", "the output variable u (required)")
      .optional("to", OptionKind::String, "", "same as to_var (NEML2's newer name)")
      .optional("coefficients", OptionKind::Strings, "1",
                "the weights c_i, one per variable or one for all: numbers, [Tensors] names or variable names")
      .optional("weights", OptionKind::Strings, "1", "same as coefficients (NEML2's newer name)")
      .optional("offset", OptionKind::String, "",
                "the Scalar s added to the sum: a number, a [Tensors] name, a [Models] name or a variable name")
      .optional("constant_coefficient", OptionKind::String, "", "same as offset (NEML2's older name)")
      .optional("coefficient_as_parameter", OptionKind::Strings, "false",
                "accepted for NEML2 compatibility: every coefficient is a parameter here")
      .optional("offset_as_parameter", OptionKind::Bool, "false",
                "accepted for NEML2 compatibility: the offset is a parameter here");
}

template <typename T>
LinearCombination<T>::LinearCombination(const Options & options, Factory & factory)
  : Model(options)
{
  const auto from = option_alias(options, "from_var", "from", true);
  _from = options.get_strings(from);
  if (_from.empty())
    throw options.error(from, "expected at least one variable");
  _to = options.get_string(option_alias(options, "to_var", "to", true));
  for (const auto & v : _from)
    declare_input(v, T::kind);

  const auto coef = option_alias(options, "coefficients", "weights");
  const auto c = per_variable(options, coef, _from.size());
  for (std::size_t i = 0; i < _from.size(); ++i)
    _coefficients.push_back(declare_parameter<sym::Scalar>("c_" + std::to_string(i), c[i], coef, factory));
  for (const auto & w : per_variable(options, "coefficient_as_parameter", _from.size()))
    (void)bool_word(options, "coefficient_as_parameter", w);

  const auto off = option_alias(options, "offset", "constant_coefficient");
  _offset = options.has(off);
  if (_offset)
    _shift = declare_parameter<sym::Scalar>("s", options.get_string(off), off, factory);
  declare_output(_to, T::kind);
}

template <typename T>
void
LinearCombination<T>::define(Staging & s) const
{
  T u = param(s, _coefficients[0]).sym() * s.input<T>(_from[0]);
  for (std::size_t i = 1; i < _from.size(); ++i)
    u = u + param(s, _coefficients[i]).sym() * s.input<T>(_from[i]);
  if (_offset)
  {
    const auto off = param(s, _shift).sym();
    u = T::map(u, [&](const sym::Sym & x) { return x + off; });
  }
  s.output(_to, u);
}

using ScalarLinearCombination = LinearCombination<sym::Scalar>;
using VecLinearCombination = LinearCombination<sym::Vec>;
using SR2LinearCombination = LinearCombination<sym::SR2>;
using R2LinearCombination = LinearCombination<sym::R2>;
template class LinearCombination<sym::Scalar>;
template class LinearCombination<sym::Vec>;
template class LinearCombination<sym::SR2>;
template class LinearCombination<sym::R2>;
NEML2_REGISTER(Model, ScalarLinearCombination);
NEML2_REGISTER(Model, VecLinearCombination);
NEML2_REGISTER(Model, SR2LinearCombination);
NEML2_REGISTER(Model, R2LinearCombination);
} // namespace neml2

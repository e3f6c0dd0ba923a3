// VariableRate: rate = (v - v~1) / (t - t~1).
#include "neml2/models/common/variable_rate.h"

#include "neml2/models/common/option_helpers.h"

namespace neml2
{
template <typename T>
OptionSchema
VariableRate<T>::expected_options()
{
  const auto t = std::string(type_name(T::kind));
  return Model::expected_options()
      .doc("First-order discrete time derivative of a " + t +
           " variable, rate = (v - v~1) / (t - t~1), where ~1 marks the value at the previous step.")
      .optional("variable", OptionKind::String, "variable", "the variable v (its previous value is read from 'v~1')")
      .optional("time", OptionKind::String, "t", "the time t (its previous value is read from 't~1')")
      .optional("variable_rate", OptionKind::String, "", "the output rate (default: <variable>_rate)")
      .optional("rate", OptionKind::String, "", "same as variable_rate (NEML2 v2's name)");
}

template <typename T>
VariableRate<T>::VariableRate(const Options & options, Factory &)
  : Model(options),
    _v(options.get_string("variable")),
    _t(options.get_string("time")),
    _rate(option_alias_or(options, "variable_rate", "rate", _v + "_rate"))
{
  if (_v == _t)
    throw options.error("time", "the time and the variable must be different variables");
  declare_input(_v, T::kind);
  declare_input(_v + "~1", T::kind);
  declare_input(_t, TypeKind::Scalar);
  declare_input(_t + "~1", TypeKind::Scalar);
  declare_output(_rate, T::kind);
}

template <typename T>
void
VariableRate<T>::define(Staging & s) const
{
  const auto dt = s.input<sym::Scalar>(_t).sym() - s.input<sym::Scalar>(_t + "~1").sym();
  T dv = s.input<T>(_v) - s.input<T>(_v + "~1");
  s.output(_rate, T(dv / dt));
}

using ScalarVariableRate = VariableRate<sym::Scalar>;
using VecVariableRate = VariableRate<sym::Vec>;
using SR2VariableRate = VariableRate<sym::SR2>;
using R2VariableRate = VariableRate<sym::R2>;
template class VariableRate<sym::Scalar>;
template class VariableRate<sym::Vec>;
template class VariableRate<sym::SR2>;
template class VariableRate<sym::R2>;
NEML2_REGISTER(Model, ScalarVariableRate);
NEML2_REGISTER(Model, VecVariableRate);
NEML2_REGISTER(Model, SR2VariableRate);
NEML2_REGISTER(Model, R2VariableRate);
} // namespace neml2

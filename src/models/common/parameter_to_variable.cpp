// ParameterToVariable: to = a parameter.
#include "neml2/models/common/parameter_to_variable.h"

namespace neml2
{
template <typename T>
OptionSchema
ParameterToVariable<T>::expected_options()
{
  const auto t = std::string(type_name(T::kind));
  return Model::expected_options()
      .doc("A " + t + " parameter as a variable: to = from.")
      .required("from", OptionKind::String,
                "the parameter (parameter 'param'): numbers, a [Tensors] name, a [Models] name or a variable name")
      .optional("to", OptionKind::String, "to", "the variable (output)");
}

template <typename T>
ParameterToVariable<T>::ParameterToVariable(const Options & options, Factory & factory)
  : Model(options),
    _to(options.get_string("to"))
{
  _param = declare_parameter<T>("param", options.get_string("from"), "from", factory);
  declare_output_distinct(_to, T::kind, "to");
}

template <typename T>
void
ParameterToVariable<T>::define(Staging & s) const
{
  s.output(_to, param(s, _param));
}

#define NEML2_PARAMETER_TO_VARIABLE(Type)                           \
  using Type##ParameterToVariable = ParameterToVariable<sym::Type>; \
  template class ParameterToVariable<sym::Type>;                    \
  NEML2_REGISTER(Model, Type##ParameterToVariable)
NEML2_PARAMETER_TO_VARIABLE(Scalar);
NEML2_PARAMETER_TO_VARIABLE(Vec);
NEML2_PARAMETER_TO_VARIABLE(R2);
NEML2_PARAMETER_TO_VARIABLE(SR2);
NEML2_PARAMETER_TO_VARIABLE(SSR4);
NEML2_PARAMETER_TO_VARIABLE(WR2);
NEML2_PARAMETER_TO_VARIABLE(MRP);
NEML2_PARAMETER_TO_VARIABLE(MillerIndex);
} // namespace neml2

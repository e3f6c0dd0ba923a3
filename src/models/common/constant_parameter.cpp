// ConstantParameter: output = value, for every primitive tensor type.
#include "neml2/models/common/constant_parameter.h"

namespace neml2
{
template <typename T>
OptionSchema
ConstantParameter<T>::expected_options()
{
  const auto t = std::string(type_name(T::kind));
  return Model::expected_options()
      .doc("A " + t + " parameter as a model output, so that several models can refer to one value: output = value.")
      .required("value", OptionKind::String, "the value: numbers, a [Tensors] name, a [Models] name or a variable name")
      .optional("parameter", OptionKind::String, "", "the output variable (default: the block's name)");
}

template <typename T>
ConstantParameter<T>::ConstantParameter(const Options & options, Factory & factory)
  : Model(options),
    _out(options.has("parameter") ? options.get_string("parameter") : options.name())
{
  _value = declare_parameter<T>("value", options.get_string("value"), "value", factory);
  if (find_input(_out))
    throw options.error("parameter", "the output '" + _out + "' is also the input the value comes from");
  declare_output(_out, T::kind);
}

template <typename T>
void
ConstantParameter<T>::define(Staging & s) const
{
  s.output(_out, param(s, _value));
}

#define NEML2_CONSTANT_PARAMETER(Type)                          \
  using Type##ConstantParameter = ConstantParameter<sym::Type>; \
  template class ConstantParameter<sym::Type>;                  \
  NEML2_REGISTER(Model, Type##ConstantParameter)
NEML2_CONSTANT_PARAMETER(Scalar);
NEML2_CONSTANT_PARAMETER(Vec);
NEML2_CONSTANT_PARAMETER(R2);
NEML2_CONSTANT_PARAMETER(SR2);
NEML2_CONSTANT_PARAMETER(SSR4);
NEML2_CONSTANT_PARAMETER(WR2);
NEML2_CONSTANT_PARAMETER(MRP);
NEML2_CONSTANT_PARAMETER(MillerIndex);
} // namespace neml2

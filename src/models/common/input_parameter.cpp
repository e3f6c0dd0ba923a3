// InputParameter: output = input, for every primitive tensor type.
#include "neml2/models/common/input_parameter.h"

namespace neml2
{
template <typename T>
OptionSchema
InputParameter<T>::expected_options()
{
  const auto t = std::string(type_name(T::kind));
  return Model::expected_options()
      .doc("A " + t + " parameter defined by an input variable: output = from.")
      .required("from", OptionKind::String, "the input variable")
      .optional("to", OptionKind::String, "", "the output variable (default: the block's name)");
}

template <typename T>
InputParameter<T>::InputParameter(const Options & options, Factory &)
  : Model(options),
    _from(options.get_string("from")),
    _to(options.has("to") ? options.get_string("to") : options.name())
{
  if (_from == _to)
    throw options.error(options.has("to") ? "to" : "from",
                        "the output '" + _to + "' must differ from the input (set 'to' to another name)");
  declare_input(_from, T::kind);
  declare_output(_to, T::kind);
}

template <typename T>
void
InputParameter<T>::define(Staging & s) const
{
  s.output(_to, s.input<T>(_from));
}

#define NEML2_INPUT_PARAMETER(Type)                       \
  using Type##InputParameter = InputParameter<sym::Type>; \
  template class InputParameter<sym::Type>;               \
  NEML2_REGISTER(Model, Type##InputParameter)
NEML2_INPUT_PARAMETER(Scalar);
NEML2_INPUT_PARAMETER(Vec);
NEML2_INPUT_PARAMETER(R2);
NEML2_INPUT_PARAMETER(SR2);
NEML2_INPUT_PARAMETER(SSR4);
NEML2_INPUT_PARAMETER(WR2);
} // namespace neml2

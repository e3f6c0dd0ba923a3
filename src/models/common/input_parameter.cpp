// InputParameter: output = input, for every primitive tensor type.
#include "neml2/models/common/input_parameter.h"

#include "neml2/models/common/option_helpers.h"

namespace neml2
{
template <typename T>
OptionSchema
InputParameter<T>::expected_options()
{
  const auto t = std::string(type_name(T::kind));
  return Model::expected_options()
      .doc("A " + t + " parameter defined by an input variable: parameter = variable.")
      .optional("variable", OptionKind::String, "variable", "the input variable")
      .optional("parameter", OptionKind::String, "parameter", "the output variable")
      .optional("from", OptionKind::String, "", "the input variable, NEML2 v2's spelling of 'variable'")
      .optional("to", OptionKind::String, "",
                "the output variable, this project's older spelling of 'parameter'; when 'from' is given and "
                "neither 'to' nor 'parameter', the output is named after the block (NEML2 v2)");
}

template <typename T>
InputParameter<T>::InputParameter(const Options & options, Factory &)
  : Model(options),
    _from(option_alias_or(options, "variable", "from", "variable")),
    _to(option_alias_or(options, "parameter", "to", options.has("from") ? options.name() : "parameter"))
{
  if (_from == _to)
  {
    // Point at what the user wrote: the output's option if given, else the input's.
    const auto out = option_alias(options, "parameter", "to");
    throw options.error(options.has(out) ? out : option_alias(options, "variable", "from"),
                        "the output '" + _to + "' must differ from the input (name the output another way)");
  }
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
NEML2_INPUT_PARAMETER(MRP);
NEML2_INPUT_PARAMETER(MillerIndex);
} // namespace neml2

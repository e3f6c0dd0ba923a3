// ArrheniusParameter: p = p0 exp(-Q / (R T)).
#include "neml2/models/common/arrhenius_parameter.h"

#include <fmt/format.h>

namespace neml2
{
OptionSchema
ArrheniusParameter::expected_options()
{
  return Model::expected_options()
      .doc("A parameter following the Arrhenius law, parameter = p0 exp(-Q / (R T)), with p0 the reference value, "
           "Q the activation energy, R the ideal gas constant and T the temperature. Name this block in another "
           "model's parameter option to make that parameter temperature dependent.")
      .required("reference_value", OptionKind::String,
                "the reference value p0 (parameter 'p0'): a number, a [Tensors] name, a [Models] name or a "
                "variable name")
      .required("activation_energy", OptionKind::String,
                "the activation energy Q (parameter 'Q'): a number, a [Tensors] name, a [Models] name or a "
                "variable name")
      .required("ideal_gas_constant", OptionKind::Real, "the ideal gas constant R, in units consistent with Q and T")
      .optional("temperature", OptionKind::String, "temperature", "the temperature T (input)")
      .optional("parameter", OptionKind::String, "", "the output variable (default: the block's name)");
}

ArrheniusParameter::ArrheniusParameter(const Options & options, Factory & factory)
  : Model(options),
    _T(options.get_string("temperature")),
    _p(options.has("parameter") ? options.get_string("parameter") : options.name()),
    _R(options.get_real("ideal_gas_constant"))
{
  if (!(_R > 0))
    throw options.error("ideal_gas_constant", fmt::format("the ideal gas constant must be positive, got {}", _R));
  if (_T == _p)
    throw options.error("parameter", "the output must differ from the temperature");
  declare_input(_T, TypeKind::Scalar);
  _p0 = declare_parameter<sym::Scalar>("p0", options.get_string("reference_value"), "reference_value", factory);
  _Q = declare_parameter<sym::Scalar>("Q", options.get_string("activation_energy"), "activation_energy", factory);
  declare_output(_p, TypeKind::Scalar);
}

void
ArrheniusParameter::define(Staging & s) const
{
  const auto T = s.input<sym::Scalar>(_T).sym();
  const auto p0 = param(s, _p0).sym();
  const auto Q = param(s, _Q).sym();
  s.output(_p, sym::Scalar(p0 * sym::exp(-Q / (_R * T))));
}

NEML2_REGISTER(Model, ArrheniusParameter);
} // namespace neml2

// TwoStageThermalAnnealing: base_rate below T1, zero up to T2, −base/τ from T2 on.
#include "neml2/models/solid_mechanics/two_stage_thermal_annealing.h"

#include <set>

namespace neml2
{
template <typename T>
OptionSchema
TwoStageThermalAnnealing<T>::expected_options()
{
  const auto t = std::string(type_name(T::kind));
  return Model::expected_options()
      .doc("Two-stage thermal annealing of a " + t +
           " hardening variable: modified_rate = base_rate where temperature < T1, 0 where T1 <= temperature < T2, "
           "and -base / tau where temperature >= T2.")
      .required("T1", OptionKind::String,
                "the first-stage temperature (parameter 'T1'): a number, a [Tensors] name, a [Models] name or a "
                "variable name")
      .required("T2", OptionKind::String, "the second-stage temperature (parameter 'T2'), as above")
      .required("tau", OptionKind::String, "the recovery rate above T2 (parameter 'tau'), as above")
      .optional("base_rate", OptionKind::String, "base_rate", "the hardening rate without annealing (input)")
      .optional("base", OptionKind::String, "base", "the hardening variable (input)")
      .optional("temperature", OptionKind::String, "temperature", "the temperature (input)")
      .optional("modified_rate", OptionKind::String, "modified_rate", "the annealed hardening rate (output)");
}

template <typename T>
TwoStageThermalAnnealing<T>::TwoStageThermalAnnealing(const Options & options, Factory & factory)
  : Model(options),
    _base_rate(options.get_string("base_rate")),
    _base(options.get_string("base")),
    _T(options.get_string("temperature")),
    _rate(options.get_string("modified_rate"))
{
  if (std::set<std::string>{_base_rate, _base, _T}.size() != 3)
    throw options.error("base", "base_rate, base and temperature must be three different variables");
  declare_input(_base_rate, T::kind);
  declare_input(_base, T::kind);
  declare_input(_T, TypeKind::Scalar);
  _T1 = declare_parameter<sym::Scalar>("T1", options.get_string("T1"), "T1", factory);
  _T2 = declare_parameter<sym::Scalar>("T2", options.get_string("T2"), "T2", factory);
  _tau = declare_parameter<sym::Scalar>("tau", options.get_string("tau"), "tau", factory);
  declare_output_distinct(_rate, T::kind, "modified_rate");
}

template <typename T>
void
TwoStageThermalAnnealing<T>::define(Staging & s) const
{
  const sym::Sym temperature = s.input<sym::Scalar>(_T);
  const auto below_T1 = sym::gt(param(s, _T1).sym(), temperature);
  const auto from_T2 = 1.0 - sym::gt(param(s, _T2).sym(), temperature);
  s.output(_rate, T(below_T1 * s.input<T>(_base_rate) - from_T2 * s.input<T>(_base) / param(s, _tau).sym()));
}

using ScalarTwoStageThermalAnnealing = TwoStageThermalAnnealing<sym::Scalar>;
using SR2TwoStageThermalAnnealing = TwoStageThermalAnnealing<sym::SR2>;
template class TwoStageThermalAnnealing<sym::Scalar>;
template class TwoStageThermalAnnealing<sym::SR2>;
NEML2_REGISTER(Model, ScalarTwoStageThermalAnnealing);
NEML2_REGISTER(Model, SR2TwoStageThermalAnnealing);
} // namespace neml2

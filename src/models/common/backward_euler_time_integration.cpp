// BackwardEulerTimeIntegration: r = x - x~1 - x_rate (t - t~1).
#include "neml2/models/common/backward_euler_time_integration.h"

#include <set>
#include <vector>

#include "neml2/models/common/option_helpers.h"

namespace neml2
{
template <typename T>
OptionSchema
BackwardEulerTimeIntegration<T>::expected_options()
{
  const auto t = std::string(type_name(T::kind));
  return Model::expected_options()
      .doc("Backward Euler time integration residual of a " + t +
           " variable, r = x - x~1 - x_rate (t - t~1), where ~1 marks the previous step's value.")
      .optional("variable", OptionKind::String, "variable",
                "the integrated variable x (its previous value is read from 'x~1')")
      .optional("rate", OptionKind::String, "", "the rate of x (default: <variable>_rate)")
      .optional("time", OptionKind::String, "t", "the time t (its previous value is read from 't~1')")
      .optional("variable_residual", OptionKind::String, "", "the output residual r (default: <variable>_residual)")
      .optional("residual", OptionKind::String, "", "same as variable_residual (this project's older name)");
}

template <typename T>
BackwardEulerTimeIntegration<T>::BackwardEulerTimeIntegration(const Options & options, Factory &)
  : Model(options),
    _x(options.get_string("variable")),
    _rate(options.has("rate") ? options.get_string("rate") : _x + "_rate"),
    _t(options.get_string("time")),
    _r_option(option_alias(options, "variable_residual", "residual")),
    _r(options.has(_r_option) ? options.get_string(_r_option) : _x + "_residual")
{
  if (_t == _x)
    throw options.error("time", "the time and the integrated variable must be different variables");
  if (_rate == _x || _rate == _t)
    throw options.error("rate", "the rate '" + _rate + "' must differ from the variable and the time");
  const std::set<std::string> inputs = {_x, _x + "~1", _rate, _t, _t + "~1"};
  if (inputs.count(_r))
    throw options.error(_r_option, "the residual '" + _r + "' must differ from the model's inputs");
  // Element-wise: x, x~1, its rate and the residual share one sub-batch (one value per slip
  // system, say), taken from whichever of them another model or the values give.
  declare_input_pending(_x, T::kind);
  declare_input_pending(_x + "~1", T::kind, _x);
  declare_input_pending(_rate, T::kind, _x);
  declare_input(_t, TypeKind::Scalar);
  declare_input(_t + "~1", TypeKind::Scalar);
  declare_output_following(_r, T::kind, _x, _r_option);
}

template <typename T>
void
BackwardEulerTimeIntegration<T>::define(Staging & s) const
{
  const auto dt = s.input<sym::Scalar>(_t).sym() - s.input<sym::Scalar>(_t + "~1").sym();
  const auto x = s.input_list<T>(_x), x_old = s.input_list<T>(_x + "~1"), rate = s.input_list<T>(_rate);
  std::vector<T> r;
  for (std::size_t i = 0; i < x.size(); ++i)
    r.push_back(x[i] - x_old[i] - dt * rate[i]);
  s.output_list(_r, r);
}

#define NEML2_BACKWARD_EULER(Type)                                                    \
  using Type##BackwardEulerTimeIntegration = BackwardEulerTimeIntegration<sym::Type>; \
  template class BackwardEulerTimeIntegration<sym::Type>;                             \
  NEML2_REGISTER(Model, Type##BackwardEulerTimeIntegration)
NEML2_BACKWARD_EULER(Scalar);
NEML2_BACKWARD_EULER(Vec);
NEML2_BACKWARD_EULER(SR2);
NEML2_BACKWARD_EULER(R2);
} // namespace neml2

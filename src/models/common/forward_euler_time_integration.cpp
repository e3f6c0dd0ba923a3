// ForwardEulerTimeIntegration: x = x~1 + x_rate (t - t~1).
#include "neml2/models/common/forward_euler_time_integration.h"

#include <set>
#include <vector>

namespace neml2
{
template <typename T>
OptionSchema
ForwardEulerTimeIntegration<T>::expected_options()
{
  const auto t = std::string(type_name(T::kind));
  return Model::expected_options()
      .doc("Forward Euler time integration of a " + t +
           " variable, x = x~1 + x_rate (t - t~1), where ~1 marks the previous step's value.")
      .optional("variable", OptionKind::String, "variable", "the integrated variable x (the output)")
      .optional("rate", OptionKind::String, "", "the rate of x (default: <variable>_rate)")
      .optional("time", OptionKind::String, "t", "the time t (its previous value is read from 't~1')")
      .optional("old_variable", OptionKind::String, "", "the previous value to integrate from (default: <variable>~1)");
}

template <typename T>
ForwardEulerTimeIntegration<T>::ForwardEulerTimeIntegration(const Options & options, Factory &)
  : Model(options),
    _x(options.get_string("variable")),
    _x_old(options.has("old_variable") ? options.get_string("old_variable") : _x + "~1"),
    _rate(options.has("rate") ? options.get_string("rate") : _x + "_rate"),
    _t(options.get_string("time"))
{
  if (_t == _x)
    throw options.error("time", "the time and the integrated variable must be different variables");
  const std::set<std::string> inputs = {_x_old, _rate, _t, _t + "~1"};
  if (inputs.size() != 4)
    throw options.error("rate", "the rate, the old variable and the time must be different variables");
  if (inputs.count(_x))
    throw options.error("variable", "the integrated variable '" + _x + "' must differ from the model's inputs");
  // Element-wise: the old value, the rate and the result share one sub-batch.
  declare_input_pending(_x_old, T::kind);
  declare_input_pending(_rate, T::kind, _x_old);
  declare_input(_t, TypeKind::Scalar);
  declare_input(_t + "~1", TypeKind::Scalar);
  declare_output_following(_x, T::kind, _x_old, "variable");
}

template <typename T>
void
ForwardEulerTimeIntegration<T>::define(Staging & s) const
{
  const auto dt = s.input<sym::Scalar>(_t).sym() - s.input<sym::Scalar>(_t + "~1").sym();
  const auto x_old = s.input_list<T>(_x_old), rate = s.input_list<T>(_rate);
  std::vector<T> x;
  for (std::size_t i = 0; i < x_old.size(); ++i)
    x.push_back(x_old[i] + dt * rate[i]);
  s.output_list(_x, x);
}

#define NEML2_FORWARD_EULER(Type)                                                   \
  using Type##ForwardEulerTimeIntegration = ForwardEulerTimeIntegration<sym::Type>; \
  template class ForwardEulerTimeIntegration<sym::Type>;                            \
  NEML2_REGISTER(Model, Type##ForwardEulerTimeIntegration)
NEML2_FORWARD_EULER(Scalar);
NEML2_FORWARD_EULER(Vec);
NEML2_FORWARD_EULER(SR2);
NEML2_FORWARD_EULER(R2);
} // namespace neml2

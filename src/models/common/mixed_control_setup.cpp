// MixedControlSetup: y = where(control > threshold, x_above, x_below), z the complement.
#include "neml2/models/common/mixed_control_setup.h"

#include <set>

namespace neml2
{
OptionSchema
MixedControlSetup::expected_options()
{
  return Model::expected_options()
      .doc("Mixed control: for each Mandel component, y = x_above where control > threshold, else x_below, and z "
           "takes the value not chosen.")
      .optional("control", OptionKind::String, "control",
                "the control signal, an SR2 (input; e.g. 1 where the stress is prescribed, 0 where the strain is)")
      .optional("x_above", OptionKind::String, "x_above",
                "the values chosen where control > threshold, e.g. the prescribed values (input)")
      .optional("x_below", OptionKind::String, "x_below",
                "the values chosen elsewhere, e.g. the unknown mixed state (input)")
      .optional("y", OptionKind::String, "y", "the chosen values (output)")
      .optional("z", OptionKind::String, "z", "the values not chosen (output)")
      .optional("threshold", OptionKind::Real, "0.5", "the control value above which x_above is chosen");
}

MixedControlSetup::MixedControlSetup(const Options & options, Factory &)
  : Model(options),
    _control(options.get_string("control")),
    _above(options.get_string("x_above")),
    _below(options.get_string("x_below")),
    _y(options.get_string("y")),
    _z(options.get_string("z")),
    _threshold(options.get_real("threshold"))
{
  if (std::set<std::string>{_control, _above, _below}.size() != 3)
    throw options.error("x_below", "control, x_above and x_below must be three different variables");
  if (_y == _z)
    throw options.error("z", "y and z must be different variables");
  declare_input(_control, TypeKind::SR2);
  declare_input(_above, TypeKind::SR2);
  declare_input(_below, TypeKind::SR2);
  declare_output_distinct(_y, TypeKind::SR2, "y");
  declare_output_distinct(_z, TypeKind::SR2, "z");
}

void
MixedControlSetup::define(Staging & s) const
{
  const auto control = s.input<sym::SR2>(_control);
  const auto above = s.input<sym::SR2>(_above), below = s.input<sym::SR2>(_below);
  sym::SR2 y, z;
  for (std::size_t i = 0; i < 6; ++i)
  {
    const auto chosen = sym::gt(control[i], control[i].lit(_threshold));
    y[i] = sym::where(chosen, above[i], below[i]);
    z[i] = sym::where(chosen, below[i], above[i]);
  }
  s.output(_y, y);
  s.output(_z, z);
}

NEML2_REGISTER(Model, MixedControlSetup);
} // namespace neml2

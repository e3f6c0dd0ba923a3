// YieldFunction: f = sqrt(2/3) (σ̄ - σy - h).
#include "neml2/models/solid_mechanics/yield_function.h"

#include <cmath>

namespace neml2
{
OptionSchema
YieldFunction::expected_options()
{
  return Model::expected_options()
      .doc("Classical yield function f = sqrt(2/3) (s - sy - h), where s is the effective stress, sy the yield "
           "stress and h the isotropic hardening (0 unless isotropic_hardening is set).")
      .required("yield_stress", OptionKind::String,
                "the yield stress sy (parameter 'sy'): a number, a [Tensors] name, a [Models] name or a variable name")
      .optional("effective_stress", OptionKind::String, "effective_stress", "the effective stress s (input)")
      .optional("isotropic_hardening", OptionKind::String, "",
                "the isotropic hardening h (input); leave unset for no hardening")
      .optional("yield_function", OptionKind::String, "yield_function", "the yield function f (output)");
}

YieldFunction::YieldFunction(const Options & options, Factory & factory)
  : Model(options),
    _s(options.get_string("effective_stress")),
    _h(options.get_string("isotropic_hardening")),
    _f(options.get_string("yield_function"))
{
  if (_s == _h)
    throw options.error("isotropic_hardening", "the isotropic hardening must differ from the effective stress");
  if (_f == _s || _f == _h)
    throw options.error("yield_function", "the yield function '" + _f + "' must differ from the model's inputs");
  declare_input(_s, TypeKind::Scalar);
  if (!_h.empty())
    declare_input(_h, TypeKind::Scalar);
  _sy = declare_parameter<sym::Scalar>("sy", options.get_string("yield_stress"), "yield_stress", factory);
  admit("sy", Admissible::non_negative("the yield stress"), "yield_stress");
  declare_output(_f, TypeKind::Scalar);
}

void
YieldFunction::define(Staging & s) const
{
  auto f = s.input<sym::Scalar>(_s).sym() - param(s, _sy).sym();
  if (!_h.empty())
    f = f - s.input<sym::Scalar>(_h).sym();
  s.output(_f, sym::Scalar(std::sqrt(2.0 / 3.0) * f));
}

NEML2_REGISTER(Model, YieldFunction);
} // namespace neml2

// EffectiveSaturation: S = (phi / phi_max - Sr) / (1 - Sr).
#include "neml2/models/porous_flow/effective_saturation.h"

namespace neml2
{
OptionSchema
EffectiveSaturation::expected_options()
{
  return Model::expected_options()
      .doc("The effective saturation, effective_saturation = (fluid_fraction / phi_max - Sr) / (1 - Sr), with phi_max "
           "the largest volume fraction the fluid can take and Sr the residual saturation.")
      .optional("fluid_fraction", OptionKind::String, "fluid_fraction",
                "the volume fraction phi of the flowing fluid (input)")
      .optional("effective_saturation", OptionKind::String, "effective_saturation", "the effective saturation (output)")
      .required("residual_saturation", OptionKind::String,
                "the residual saturation Sr (parameter 'Sr'): a number, a [Tensors] name, a [Models] name or a "
                "variable name")
      .required("max_fraction", OptionKind::String,
                "the largest volume fraction of the fluid phi_max (parameter 'phi_max'), as above");
}

EffectiveSaturation::EffectiveSaturation(const Options & options, Factory & factory)
  : Model(options),
    _phi(options.get_string("fluid_fraction")),
    _S(options.get_string("effective_saturation"))
{
  declare_input(_phi, TypeKind::Scalar);
  _Sr = declare_parameter<sym::Scalar>("Sr", options.get_string("residual_saturation"), "residual_saturation", factory);
  _phi_max = declare_parameter<sym::Scalar>("phi_max", options.get_string("max_fraction"), "max_fraction", factory);
  declare_output_distinct(_S, TypeKind::Scalar, "effective_saturation");
}

void
EffectiveSaturation::define(Staging & s) const
{
  const sym::Sym phi = s.input<sym::Scalar>(_phi);
  const sym::Sym Sr = param(s, _Sr);
  s.output(_S, sym::Scalar((phi / param(s, _phi_max).sym() - Sr) / (1.0 - Sr)));
}

NEML2_REGISTER(Model, EffectiveSaturation);
} // namespace neml2

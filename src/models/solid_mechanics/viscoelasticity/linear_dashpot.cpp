// LinearDashpot: Ėv = σ / η.
#include "neml2/models/solid_mechanics/viscoelasticity/linear_dashpot.h"

namespace neml2
{
OptionSchema
LinearDashpot::expected_options()
{
  return Model::expected_options()
      .doc("Newtonian dashpot: viscous_strain_rate = stress / eta.")
      .required("viscosity", OptionKind::String,
                "the viscosity eta (parameter 'eta'): a number, a [Tensors] name, a [Models] name or a variable name")
      .optional("stress", OptionKind::String, "stress", "the stress across the dashpot (input)")
      .optional("viscous_strain_rate", OptionKind::String, "viscous_strain_rate",
                "the viscous strain rate (output; name it after the integrated strain, <strain>_rate)");
}

LinearDashpot::LinearDashpot(const Options & options, Factory & factory)
  : Model(options),
    _S(options.get_string("stress")),
    _Ev_rate(options.get_string("viscous_strain_rate"))
{
  declare_input(_S, TypeKind::SR2);
  _eta = declare_parameter<sym::Scalar>("eta", options.get_string("viscosity"), "viscosity", factory);
  declare_output_distinct(_Ev_rate, TypeKind::SR2, "viscous_strain_rate");
}

void
LinearDashpot::define(Staging & s) const
{
  s.output(_Ev_rate, sym::SR2(s.input<sym::SR2>(_S) / param(s, _eta).sym()));
}

NEML2_REGISTER(Model, LinearDashpot);
} // namespace neml2

// AssociativePlasticFlow: ε̇p = γ̇ N_M.
#include "neml2/models/solid_mechanics/associative_plastic_flow.h"

namespace neml2
{
OptionSchema
AssociativePlasticFlow::expected_options()
{
  return Model::expected_options()
      .doc("Associative flow rule for the plastic strain, plastic_strain_rate = flow_rate flow_direction, where the "
           "flow direction is df/dM (e.g. from Normality).")
      .optional("flow_rate", OptionKind::String, "flow_rate", "the flow rate (input)")
      .optional("flow_direction", OptionKind::String, "flow_direction", "the flow direction df/dM (input)")
      .optional("plastic_strain_rate", OptionKind::String, "plastic_strain_rate", "the plastic strain rate (output)");
}

AssociativePlasticFlow::AssociativePlasticFlow(const Options & options, Factory &)
  : Model(options),
    _gamma_rate(options.get_string("flow_rate")),
    _N(options.get_string("flow_direction")),
    _Ep_rate(options.get_string("plastic_strain_rate"))
{
  if (_Ep_rate == _N)
    throw options.error("plastic_strain_rate", "the plastic strain rate must differ from the flow direction");
  declare_input(_gamma_rate, TypeKind::Scalar);
  declare_input(_N, TypeKind::SR2);
  declare_output(_Ep_rate, TypeKind::SR2);
}

void
AssociativePlasticFlow::define(Staging & s) const
{
  s.output(_Ep_rate, sym::SR2(s.input<sym::Scalar>(_gamma_rate).sym() * s.input<sym::SR2>(_N)));
}

NEML2_REGISTER(Model, AssociativePlasticFlow);
} // namespace neml2

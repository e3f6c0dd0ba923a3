// AssociativeIsotropicPlasticHardening: ε̄̇p = -γ̇ N_k.
#include "neml2/models/solid_mechanics/associative_isotropic_plastic_hardening.h"

namespace neml2
{
OptionSchema
AssociativeIsotropicPlasticHardening::expected_options()
{
  return Model::expected_options()
      .doc("Associative flow rule for the equivalent plastic strain, equivalent_plastic_strain_rate = - flow_rate "
           "isotropic_hardening_direction, where the direction is df/dh (e.g. from Normality).")
      .optional("flow_rate", OptionKind::String, "flow_rate", "the flow rate (input)")
      .optional("isotropic_hardening_direction", OptionKind::String, "isotropic_hardening_direction",
                "the isotropic hardening direction df/dh (input)")
      .optional("equivalent_plastic_strain_rate", OptionKind::String, "equivalent_plastic_strain_rate",
                "the equivalent plastic strain rate (output)");
}

AssociativeIsotropicPlasticHardening::AssociativeIsotropicPlasticHardening(const Options & options, Factory &)
  : Model(options),
    _gamma_rate(options.get_string("flow_rate")),
    _Nk(options.get_string("isotropic_hardening_direction")),
    _ep_rate(options.get_string("equivalent_plastic_strain_rate"))
{
  if (_gamma_rate == _Nk)
    throw options.error("isotropic_hardening_direction", "the direction must differ from the flow rate");
  if (_ep_rate == _gamma_rate || _ep_rate == _Nk)
    throw options.error("equivalent_plastic_strain_rate", "the output must differ from the inputs");
  declare_input(_gamma_rate, TypeKind::Scalar);
  declare_input(_Nk, TypeKind::Scalar);
  declare_output(_ep_rate, TypeKind::Scalar);
}

void
AssociativeIsotropicPlasticHardening::define(Staging & s) const
{
  const auto gamma_rate = s.input<sym::Scalar>(_gamma_rate).sym();
  s.output(_ep_rate, sym::Scalar(-(gamma_rate * s.input<sym::Scalar>(_Nk).sym())));
}

NEML2_REGISTER(Model, AssociativeIsotropicPlasticHardening);
} // namespace neml2

// IsotropicMandelStress: M = σ.
#include "neml2/models/solid_mechanics/isotropic_mandel_stress.h"

namespace neml2
{
OptionSchema
IsotropicMandelStress::expected_options()
{
  return Model::expected_options()
      .doc("Maps the Cauchy stress to the Mandel stress. For an isotropic material under small deformation the two "
           "coincide: M = cauchy_stress.")
      .optional("cauchy_stress", OptionKind::String, "cauchy_stress", "the Cauchy stress (input)")
      .optional("mandel_stress", OptionKind::String, "mandel_stress", "the Mandel stress (output)");
}

IsotropicMandelStress::IsotropicMandelStress(const Options & options, Factory &)
  : Model(options),
    _cauchy(options.get_string("cauchy_stress")),
    _mandel(options.get_string("mandel_stress"))
{
  if (_cauchy == _mandel)
    throw options.error("mandel_stress", "the Mandel stress must be a different variable from the Cauchy stress");
  declare_input(_cauchy, TypeKind::SR2);
  declare_output(_mandel, TypeKind::SR2);
}

void
IsotropicMandelStress::define(Staging & s) const
{
  s.output(_mandel, s.input<sym::SR2>(_cauchy));
}

NEML2_REGISTER(Model, IsotropicMandelStress);
} // namespace neml2

// GreenLagrangeStrain: E = (FᵀF − I) / 2, stored in Mandel form.
#include "neml2/models/solid_mechanics/green_lagrange_strain.h"

#include "neml2/graph/sym_tensor_ops.h"

namespace neml2
{
OptionSchema
GreenLagrangeStrain::expected_options()
{
  return Model::expected_options()
      .doc("Green-Lagrange strain, strain = (F^T F - I) / 2, with F the deformation gradient.")
      .optional("deformation_gradient", OptionKind::String, "deformation_gradient",
                "the deformation gradient F, an R2 (input)")
      .optional("strain", OptionKind::String, "strain", "the Green-Lagrange strain (output)");
}

GreenLagrangeStrain::GreenLagrangeStrain(const Options & options, Factory &)
  : Model(options),
    _F(options.get_string("deformation_gradient")),
    _E(options.get_string("strain"))
{
  declare_input(_F, TypeKind::R2);
  declare_output_distinct(_E, TypeKind::SR2, "strain");
}

void
GreenLagrangeStrain::define(Staging & s) const
{
  const auto F = s.input<sym::R2>(_F); // row-major: F[3 i + j] = F_ij
  // C_ij = sum_k F_ki F_kj (the right Cauchy-Green tensor)
  const auto C = [&](std::size_t i, std::size_t j) { return F[i] * F[j] + F[3 + i] * F[3 + j] + F[6 + i] * F[6 + j]; };
  const double r = sym::mandel_factor / 2.0; // Mandel shear components of (C - I) / 2
  s.output(_E, sym::SR2({0.5 * (C(0, 0) - 1.0), 0.5 * (C(1, 1) - 1.0), 0.5 * (C(2, 2) - 1.0), r * C(1, 2), r * C(0, 2),
                         r * C(0, 1)}));
}

NEML2_REGISTER(Model, GreenLagrangeStrain);
} // namespace neml2

// LinearIsotropicStrainEnergyDensity: psi = K/2 tr(e)^2 + G dev(e):dev(e), split by sign of tr(e).
#include "neml2/models/phase_field_fracture/linear_isotropic_strain_energy_density.h"

#include "neml2/graph/sym_tensor_ops.h"

namespace neml2
{
OptionSchema
LinearIsotropicStrainEnergyDensity::expected_options()
{
  return with_elastic_constants(Model::expected_options())
      .doc("The strain energy density of linear isotropic elasticity, K/2 tr(strain)^2 + G dev(strain):dev(strain), "
           "split into an active part (the one a degradation function scales) and an inactive part. "
           "decomposition = NONE: all of it is active. VOLDEV: the volumetric energy is active in expansion "
           "(tr(strain) > 0) and inactive in compression; the deviatoric energy is active.")
      .optional("strain", OptionKind::String, "strain", "the elastic strain (input)")
      .optional("active_strain_energy_density", OptionKind::String, "active_strain_energy_density",
                "the active part of the strain energy density (output)")
      .optional("inactive_strain_energy_density", OptionKind::String, "inactive_strain_energy_density",
                "the inactive part of the strain energy density (output)")
      .choice("decomposition", {"NONE", "VOLDEV", "SPECTRAL"}, "NONE",
              "how the energy is split: NONE or VOLDEV (SPECTRAL is not supported, as in NEML2 v3)");
}

LinearIsotropicStrainEnergyDensity::LinearIsotropicStrainEnergyDensity(const Options & options, Factory & factory)
  : IsotropicElasticModel(options, factory),
    _strain(options.get_string("strain")),
    _active(options.get_string("active_strain_energy_density")),
    _inactive(options.get_string("inactive_strain_energy_density")),
    _voldev(options.get_string("decomposition") == "VOLDEV")
{
  if (options.get_string("decomposition") == "SPECTRAL")
    throw options.error("decomposition", "the SPECTRAL split (by principal strains) is not supported, as in NEML2 v3; "
                                         "use VOLDEV (volumetric-deviatoric) or NONE");
  declare_input(_strain, TypeKind::SR2);
  declare_output_distinct(_active, TypeKind::Scalar, "active_strain_energy_density");
  declare_output_distinct(_inactive, TypeKind::Scalar, "inactive_strain_energy_density");
}

void
LinearIsotropicStrainEnergyDensity::define(Staging & s) const
{
  const auto [K, G] = bulk_and_shear_moduli(s);
  const auto e = s.input<sym::SR2>(_strain);
  const auto tr = sym::tr(e);
  const auto deviatoric = G * sym::norm_sq(sym::dev(e));
  if (!_voldev)
  {
    s.output(_active, sym::Scalar(0.5 * K * tr * tr + deviatoric));
    s.output(_inactive, sym::Scalar(tr.lit(0.0)));
    return;
  }
  const auto expansion = sym::macaulay(tr);
  const auto compression = tr - expansion;
  s.output(_active, sym::Scalar(0.5 * K * expansion * expansion + deviatoric));
  s.output(_inactive, sym::Scalar(0.5 * K * compression * compression));
}

NEML2_REGISTER(Model, LinearIsotropicStrainEnergyDensity);
} // namespace neml2

// LinearIsotropicStrainEnergyDensity: the elastic energy split into the part that drives fracture
// and the part that does not.
#pragma once

#include "neml2/models/solid_mechanics/linear_isotropic_elasticity.h"

namespace neml2
{
/**
 * The strain energy density of linear isotropic elasticity, psi = K/2 tr(e)^2 + G dev(e):dev(e),
 * split into an active part (degraded by the phase field) and an inactive part (NEML2's
 * LinearIsotropicStrainEnergyDensity). Input `strain` e (SR2); outputs
 * `active_strain_energy_density` and `inactive_strain_energy_density`. `decomposition`:
 * NONE (all active) or VOLDEV (Amor et al., 2009: the volumetric part counts as active only in
 * expansion, K/2 <tr e>+^2 + G dev(e):dev(e) active, K/2 <tr e>-^2 inactive). SPECTRAL (Miehe et
 * al., 2010) is refused, as NEML2 v3 does.
 */
class LinearIsotropicStrainEnergyDensity : public IsotropicElasticModel
{
public:
  LinearIsotropicStrainEnergyDensity(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _strain, _active, _inactive;
  bool _voldev;
};
} // namespace neml2

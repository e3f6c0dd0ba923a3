// EffectiveVolume: the volume of a reacting composite of fixed mass.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * V = M / (1 - phi_o) sum_i w_i / rho_i (NEML2's EffectiveVolume): the volume of a composite of
 * reference mass M (parameter `M`, option `reference_mass`) whose components have mass
 * fractions w_i (inputs named by `mass_fractions`) and densities rho_i (parameters `rho_0`,
 * `rho_1`, ..., option `densities`, one per mass fraction); phi_o the open volume fraction
 * through which mass leaves (optional input `open_volume_fraction`; 0 when not given). Output
 * `composite_volume`.
 */
class EffectiveVolume : public Model
{
public:
  EffectiveVolume(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _phi_o, _V;
  std::vector<std::string> _w;
  Param<sym::Scalar> _M;
  std::vector<Param<sym::Scalar>> _rho;
};
} // namespace neml2

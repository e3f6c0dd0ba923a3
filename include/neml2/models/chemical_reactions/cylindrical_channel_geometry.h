// CylindricalChannelGeometry: the radii of a product layer growing around a cylindrical channel.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * The dimensionless radii of a cylindrical channel lined by a solid and its reaction product
 * (NEML2's CylindricalChannelGeometry): inputs `solid_fraction` phi_s and `product_fraction`
 * phi_p; outputs `inner_radius` r_i = sqrt(1 - phi_s - phi_p) (the argument held in
 * [eps, 1 - eps]) and `outer_radius` r_o = sqrt(1 - phi_s).
 */
class CylindricalChannelGeometry : public Model
{
public:
  CylindricalChannelGeometry(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _phi_s, _phi_p, _ri, _ro;
};
} // namespace neml2

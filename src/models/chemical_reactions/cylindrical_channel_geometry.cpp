// CylindricalChannelGeometry: r_i = sqrt(1 - phi_s - phi_p), r_o = sqrt(1 - phi_s).
#include "neml2/models/chemical_reactions/cylindrical_channel_geometry.h"

#include <limits>

namespace neml2
{
OptionSchema
CylindricalChannelGeometry::expected_options()
{
  return Model::expected_options()
      .doc("The dimensionless inner and outer radii of the reaction product lining a cylindrical channel: "
           "inner_radius = sqrt(1 - solid_fraction - product_fraction) (the argument held in [eps, 1 - eps], eps the "
           "machine epsilon, where its derivative is zero), outer_radius = sqrt(1 - solid_fraction).")
      .optional("solid_fraction", OptionKind::String, "solid_fraction", "the volume fraction of the solid (input)")
      .optional("product_fraction", OptionKind::String, "product_fraction",
                "the volume fraction of the reaction product (input)")
      .optional("inner_radius", OptionKind::String, "inner_radius",
                "the dimensionless inner radius of the product (output)")
      .optional("outer_radius", OptionKind::String, "outer_radius",
                "the dimensionless outer radius of the product (output)");
}

CylindricalChannelGeometry::CylindricalChannelGeometry(const Options & options, Factory & /*factory*/)
  : Model(options),
    _phi_s(options.get_string("solid_fraction")),
    _phi_p(options.get_string("product_fraction")),
    _ri(options.get_string("inner_radius")),
    _ro(options.get_string("outer_radius"))
{
  if (_phi_s == _phi_p)
    throw options.error("product_fraction", "solid_fraction and product_fraction must be different variables");
  declare_input(_phi_s, TypeKind::Scalar);
  declare_input(_phi_p, TypeKind::Scalar);
  declare_output_distinct(_ri, TypeKind::Scalar, "inner_radius");
  declare_output_distinct(_ro, TypeKind::Scalar, "outer_radius");
}

void
CylindricalChannelGeometry::define(Staging & s) const
{
  constexpr double eps = std::numeric_limits<double>::epsilon();
  const sym::Sym phi_s = s.input<sym::Scalar>(_phi_s);
  const sym::Sym phi_p = s.input<sym::Scalar>(_phi_p);
  const auto open = 1.0 - phi_s - phi_p;
  s.output(_ri, sym::Scalar(sym::sqrt(sym::clamp(open, eps, 1.0 - eps))));
  s.output(_ro, sym::Scalar(sym::sqrt(1.0 - phi_s)));
}

NEML2_REGISTER(Model, CylindricalChannelGeometry);
} // namespace neml2

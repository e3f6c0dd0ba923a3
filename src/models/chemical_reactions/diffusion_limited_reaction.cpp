// DiffusionLimitedReaction: rate = 2 D R_l R_s / omega r_o / (r_o - r_i + delta).
#include "neml2/models/chemical_reactions/diffusion_limited_reaction.h"

#include <fmt/format.h>

namespace neml2
{
OptionSchema
DiffusionLimitedReaction::expected_options()
{
  return Model::expected_options()
      .doc("The rate of a reaction limited by the diffusion of one species through the product layer between the "
           "radii r_i and r_o: reaction_rate = 2 D R_l R_s / omega r_o / (r_o - r_i + delta), with R_l and R_s the "
           "liquid and solid reactivities, D the diffusion coefficient, omega the molar volume and delta a smallest "
           "product thickness that keeps the rate finite before any product has formed.")
      .optional("product_inner_radius", OptionKind::String, "product_inner_radius",
                "the inner radius r_i of the product layer (input)")
      .optional("solid_inner_radius", OptionKind::String, "solid_inner_radius",
                "the inner radius r_o of the solid, the outer radius of the product layer (input)")
      .optional("liquid_reactivity", OptionKind::String, "liquid_reactivity",
                "the reactivity of the liquid, between 0 and 1 (input)")
      .optional("solid_reactivity", OptionKind::String, "solid_reactivity",
                "the reactivity of the solid, between 0 and 1 (input)")
      .optional("reaction_rate", OptionKind::String, "reaction_rate",
                "the volumetric rate of change of the product (output)")
      .required("diffusion_coefficient", OptionKind::String,
                "the diffusion coefficient D of the rate-limiting species in the product (parameter 'D'): a number, a "
                "[Tensors] name, a [Models] name or a variable name")
      .optional("product_dummy_thickness", OptionKind::Real, "0.01",
                "the smallest product thickness delta, added to r_o - r_i so that the rate stays finite (> 0)")
      .required("molar_volume", OptionKind::Real, "the molar volume omega of the rate-limiting species (> 0)");
}

DiffusionLimitedReaction::DiffusionLimitedReaction(const Options & options, Factory & factory)
  : Model(options),
    _ri(options.get_string("product_inner_radius")),
    _ro(options.get_string("solid_inner_radius")),
    _Rl(options.get_string("liquid_reactivity")),
    _Rs(options.get_string("solid_reactivity")),
    _rate(options.get_string("reaction_rate")),
    _delta(options.get_real("product_dummy_thickness")),
    _omega(options.get_real("molar_volume"))
{
  if (!(_delta > 0))
    throw options.error("product_dummy_thickness", fmt::format("the thickness must be positive, got {}", _delta));
  if (!(_omega > 0))
    throw options.error("molar_volume", fmt::format("the molar volume must be positive, got {}", _omega));
  declare_input(_ri, TypeKind::Scalar);
  declare_input(_ro, TypeKind::Scalar);
  declare_input(_Rl, TypeKind::Scalar);
  declare_input(_Rs, TypeKind::Scalar);
  _D = declare_parameter<sym::Scalar>("D", options.get_string("diffusion_coefficient"), "diffusion_coefficient",
                                      factory);
  declare_output_distinct(_rate, TypeKind::Scalar, "reaction_rate");
}

void
DiffusionLimitedReaction::define(Staging & s) const
{
  const sym::Sym ri = s.input<sym::Scalar>(_ri);
  const sym::Sym ro = s.input<sym::Scalar>(_ro);
  const sym::Sym Rl = s.input<sym::Scalar>(_Rl);
  const sym::Sym Rs = s.input<sym::Scalar>(_Rs);
  const auto factor = 2.0 * param(s, _D).sym() * Rl * Rs / _omega;
  s.output(_rate, sym::Scalar(factor * ro / (ro - ri + _delta)));
}

NEML2_REGISTER(Model, DiffusionLimitedReaction);
} // namespace neml2

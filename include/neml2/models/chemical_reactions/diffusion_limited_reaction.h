// DiffusionLimitedReaction: a reaction rate limited by diffusion through the product layer.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * rate = 2 D R_l R_s / omega r_o / (r_o - r_i + delta) (NEML2's DiffusionLimitedReaction): the
 * volumetric rate of a reaction whose species diffuses through a product layer from radius r_i
 * (`product_inner_radius`) to r_o (`solid_inner_radius`); R_l, R_s the liquid and solid
 * reactivities (inputs `liquid_reactivity`, `solid_reactivity`, in [0, 1]); D the diffusion
 * coefficient (parameter `D`, option `diffusion_coefficient`); omega the molar volume
 * (`molar_volume`) and delta the smallest product thickness (`product_dummy_thickness`), numbers.
 */
class DiffusionLimitedReaction : public Model
{
public:
  DiffusionLimitedReaction(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _ri, _ro, _Rl, _Rs, _rate;
  Param<sym::Scalar> _D;
  double _delta, _omega;
};
} // namespace neml2

// GeneralElasticity: anisotropic linear elasticity in a rotated frame.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// stress = (Q(R) T Q(R)ᵀ) : strain: the stiffness T (parameter `T`, option
/// elastic_stiffness_tensor, an SSR4 in the material frame, e.g. a CubicElasticityTensor)
/// rotated by the orientation R (modified Rodrigues parameters, the input `orientation`).
class GeneralElasticity : public Model
{
public:
  GeneralElasticity(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _strain, _orientation, _stress;
  Param<sym::SSR4> _T;
};
} // namespace neml2

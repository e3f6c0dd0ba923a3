// Elasticity tensors as model outputs: isotropic (two constants) and cubic (three).
#pragma once

#include "neml2/models/solid_mechanics/linear_isotropic_elasticity.h"

namespace neml2
{
/// C = 3K I_vol + 2G I_dev, an SSR4 output named by option `C` (default: the block's name);
/// the two constants as in LinearIsotropicElasticity.
class IsotropicElasticityTensor : public IsotropicElasticModel
{
public:
  IsotropicElasticityTensor(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _C;
};

/**
 * The cubic elasticity tensor in the crystal frame (Mandel form): C11 = E (1 − ν) / ((1 + ν)(1 −
 * 2ν)) on the normal diagonal, C12 = E ν / ((1 + ν)(1 − 2ν)) off it, 2 G on the shear diagonal
 * (Mandel), from the three coefficients SHEAR_MODULUS, YOUNGS_MODULUS and POISSONS_RATIO (the
 * one set NEML2 v3 converts; parameters `G`, `E`, `nu`).
 */
class CubicElasticityTensor : public Model
{
public:
  CubicElasticityTensor(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _C;
  Param<sym::Scalar> _G, _E, _nu;
};
} // namespace neml2

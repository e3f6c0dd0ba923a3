// IsotropicMandelStress: the Mandel stress of an isotropic material at small strain, M = σ.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// M = σ: for an isotropic material under small deformation the Mandel and Cauchy stresses coincide.
class IsotropicMandelStress : public Model
{
public:
  IsotropicMandelStress(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _cauchy, _mandel;
};
} // namespace neml2

// GreenLagrangeStrain: E = (FᵀF − I) / 2.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// strain = (Fᵀ F − I) / 2 from the deformation gradient F (an R2); variables default to their
/// options' names (NEML2 v3).
class GreenLagrangeStrain : public Model
{
public:
  GreenLagrangeStrain(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _F, _E;
};
} // namespace neml2

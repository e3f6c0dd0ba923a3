// OrthotropicLinearTraction: an undamaged elastic interface.
#pragma once

#include "neml2/models/solid_mechanics/traction_separation/traction_law.h"

namespace neml2
{
/// T = (Kn δn + Kpen δpen, Kt δs1, Kt δs2); parameters `Kn`, `Kt`, `Kpen` (NEML2 v3).
class OrthotropicLinearTraction : public TractionLaw
{
public:
  OrthotropicLinearTraction(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  Param<sym::Scalar> _Kn, _Kt, _Kpen;
};
} // namespace neml2

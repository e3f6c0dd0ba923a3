// AdvectiveStress: the advective stress of a swelling solid, from its deformation and stress.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * p_s = -c / (3 Js^(5/3) Jt^(2/3)) P : F (NEML2's AdvectiveStress): P the first Piola-Kirchhoff
 * stress (`pk1_stress`), F the deformation gradient (`deformation_gradient`), both R2; Js and Jt
 * the Jacobians of the swelling and of the thermal expansion (optional inputs `js`, `jt`, 1 when
 * not given); c the coefficient (parameter `coeff`, option `coefficient`). Output
 * `advective_stress`.
 */
class AdvectiveStress : public Model
{
public:
  AdvectiveStress(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _Js, _Jt, _F, _P, _ps;
  Param<sym::Scalar> _c;
};
} // namespace neml2

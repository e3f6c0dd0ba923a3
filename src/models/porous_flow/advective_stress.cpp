// AdvectiveStress: p_s = -c / (3 Js^(5/3) Jt^(2/3)) P : F.
#include "neml2/models/porous_flow/advective_stress.h"

namespace neml2
{
OptionSchema
AdvectiveStress::expected_options()
{
  return Model::expected_options()
      .doc("The advective stress associated with a swelling-induced volume change, advective_stress = -c / (3 js^(5/3) "
           "jt^(2/3)) pk1_stress : deformation_gradient, with : the full double contraction of the two R2.")
      .optional("js", OptionKind::String, "",
                "the Jacobian of the deformation gradient of the swelling and phase change (optional input; 1 when not "
                "given)")
      .optional("jt", OptionKind::String, "",
                "the Jacobian of the deformation gradient of the thermal expansion (optional input; 1 when not given)")
      .optional("deformation_gradient", OptionKind::String, "deformation_gradient",
                "the deformation gradient F, an R2 (input)")
      .optional("pk1_stress", OptionKind::String, "pk1_stress", "the first Piola-Kirchhoff stress P, an R2 (input)")
      .optional("advective_stress", OptionKind::String, "advective_stress", "the advective stress (output)")
      .required(
          "coefficient", OptionKind::String,
          "the coefficient c (parameter 'coeff'): a number, a [Tensors] name, a [Models] name or a variable name");
}

AdvectiveStress::AdvectiveStress(const Options & options, Factory & factory)
  : Model(options),
    _Js(options.get_string("js")),
    _Jt(options.get_string("jt")),
    _F(options.get_string("deformation_gradient")),
    _P(options.get_string("pk1_stress")),
    _ps(options.get_string("advective_stress"))
{
  if (!_Js.empty())
    declare_input(_Js, TypeKind::Scalar);
  if (!_Jt.empty())
    declare_input(_Jt, TypeKind::Scalar);
  declare_input(_F, TypeKind::R2);
  declare_input(_P, TypeKind::R2);
  _c = declare_parameter<sym::Scalar>("coeff", options.get_string("coefficient"), "coefficient", factory);
  declare_output_distinct(_ps, TypeKind::Scalar, "advective_stress");
}

void
AdvectiveStress::define(Staging & s) const
{
  const auto F = s.input<sym::R2>(_F);
  const auto P = s.input<sym::R2>(_P);
  auto PF = P[0] * F[0];
  for (std::size_t i = 1; i < 9; ++i)
    PF = PF + P[i] * F[i];
  auto factor = -param(s, _c).sym() / 3.0;
  if (!_Js.empty())
    factor = factor * sym::pow(s.input<sym::Scalar>(_Js).sym(), -5.0 / 3.0);
  if (!_Jt.empty())
    factor = factor * sym::pow(s.input<sym::Scalar>(_Jt).sym(), -2.0 / 3.0);
  s.output(_ps, sym::Scalar(factor * PF));
}

NEML2_REGISTER(Model, AdvectiveStress);
} // namespace neml2

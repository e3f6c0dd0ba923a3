// OrthotropicLinearTraction: T = (Kn δn + Kpen δpen, Kt δs1, Kt δs2).
#include "neml2/models/solid_mechanics/traction_separation/orthotropic_linear_traction.h"

namespace neml2
{
OptionSchema
OrthotropicLinearTraction::expected_options()
{
  return traction_options(false)
      .doc("Linear elastic interface: traction = (Kn normal_separation + Kpen normal_penetration, Kt "
           "tangential_separation_1, Kt tangential_separation_2).")
      .required("normal_stiffness", OptionKind::String,
                "the normal stiffness (parameter 'Kn'): a number, a [Tensors] name, a [Models] name or a variable name")
      .required("tangential_stiffness", OptionKind::String, "the tangential stiffness (parameter 'Kt'), as above")
      .optional("penalty_stiffness", OptionKind::String, "0.0",
                "the stiffness against interpenetration (parameter 'Kpen'), used with normal_penetration");
}

OrthotropicLinearTraction::OrthotropicLinearTraction(const Options & options, Factory & factory)
  : TractionLaw(options, false)
{
  _Kn = declare_parameter<sym::Scalar>("Kn", options.get_string("normal_stiffness"), "normal_stiffness", factory);
  _Kt =
      declare_parameter<sym::Scalar>("Kt", options.get_string("tangential_stiffness"), "tangential_stiffness", factory);
  _Kpen = declare_parameter<sym::Scalar>("Kpen", options.get_string("penalty_stiffness"), "penalty_stiffness", factory);
}

void
OrthotropicLinearTraction::define(Staging & s) const
{
  const auto d = separations(s);
  const sym::Sym Kt = param(s, _Kt).sym();
  auto Tn = param(s, _Kn).sym() * d.normal;
  if (has_penetration())
    Tn = Tn + param(s, _Kpen).sym() * d.penetration;
  output_traction(s, Tn, Kt * d.tangential_1, Kt * d.tangential_2);
}

NEML2_REGISTER(Model, OrthotropicLinearTraction);
} // namespace neml2

// Camanho–Dávila damage onset; Benzeggagh–Kenane and power-law full separations. The ε (the
// float64 machine epsilon) follows NEML2 v3: it keeps the roots and powers differentiable at β = 0.
#include "neml2/models/solid_mechanics/traction_separation/mixed_mode_separation.h"

#include <limits>

#include "neml2/models/common/option_helpers.h"

namespace neml2
{
namespace
{
constexpr double eps = std::numeric_limits<double>::epsilon();
} // namespace

OptionSchema
CamanhoDavilaCriticalSeparation::expected_options()
{
  return Model::expected_options()
      .doc("Camanho-Davila mixed-mode damage-onset separation: with dn0 = N / K and ds0 = S / K, critical_separation "
           "= dn0 ds0 sqrt(1 + beta^2) / sqrt(ds0^2 + beta^2 dn0^2 + eps) where normal_separation > 0, else ds0.")
      .optional("normal_separation", OptionKind::String, "normal_separation",
                "the normal separation; only its sign is used (input)")
      .optional("critical_separation", OptionKind::String, "critical_separation",
                "the damage-onset separation (output)")
      .required("mode_mixity", OptionKind::String,
                std::string("the mode-mixity ratio (parameter 'beta'), usually a ModeMixity model") + parameter_forms)
      .required("penalty_stiffness", OptionKind::String, "the stiffness (parameter 'K'), as above")
      .required("normal_strength", OptionKind::String, "the tensile strength (parameter 'N'), as above")
      .required("shear_strength", OptionKind::String, "the shear strength (parameter 'S'), as above");
}

CamanhoDavilaCriticalSeparation::CamanhoDavilaCriticalSeparation(const Options & options, Factory & factory)
  : Model(options),
    _dn(options.get_string("normal_separation")),
    _delta_c(options.get_string("critical_separation"))
{
  declare_input(_dn, TypeKind::Scalar);
  _beta = declare_parameter<sym::Scalar>("beta", options.get_string("mode_mixity"), "mode_mixity", factory);
  _K = declare_parameter<sym::Scalar>("K", options.get_string("penalty_stiffness"), "penalty_stiffness", factory);
  _N = declare_parameter<sym::Scalar>("N", options.get_string("normal_strength"), "normal_strength", factory);
  _S = declare_parameter<sym::Scalar>("S", options.get_string("shear_strength"), "shear_strength", factory);
  declare_output_distinct(_delta_c, TypeKind::Scalar, "critical_separation");
}

void
CamanhoDavilaCriticalSeparation::define(Staging & s) const
{
  const sym::Sym dn = s.input<sym::Scalar>(_dn);
  const sym::Sym beta = param(s, _beta).sym(), K = param(s, _K).sym();
  const auto dn0 = param(s, _N).sym() / K, ds0 = param(s, _S).sym() / K;
  const auto b2 = beta * beta;
  const auto open = dn0 * ds0 * sym::sqrt(1.0 + b2) / sym::sqrt(ds0 * ds0 + b2 * dn0 * dn0 + eps);
  s.output(_delta_c, sym::Scalar(sym::where(sym::heaviside(dn), open, ds0)));
}

OptionSchema
FullSeparation::full_separation_options()
{
  return Model::expected_options()
      .optional("normal_separation", OptionKind::String, "normal_separation",
                "the normal separation; only its sign is used (input)")
      .optional("full_separation", OptionKind::String, "full_separation", "the separation at full damage (output)")
      .required("mode_mixity", OptionKind::String,
                std::string("the mode-mixity ratio (parameter 'beta'), usually a ModeMixity model") + parameter_forms)
      .required("critical_separation", OptionKind::String,
                "the damage-onset separation (parameter 'delta_c'), usually a CamanhoDavilaCriticalSeparation model")
      .required("penalty_stiffness", OptionKind::String, "the stiffness (parameter 'K')")
      .required("mode_I_fracture_toughness", OptionKind::String,
                "the mode I critical energy release rate (parameter 'GIc')")
      .required("mode_II_fracture_toughness", OptionKind::String,
                "the mode II critical energy release rate (parameter 'GIIc')")
      .required("shear_strength", OptionKind::String, "the shear strength, used in compression (parameter 'S')")
      .required("eta", OptionKind::String, "the exponent of the criterion (parameter 'eta')");
}

FullSeparation::FullSeparation(const Options & options, Factory & factory)
  : Model(options),
    _dn(options.get_string("normal_separation")),
    _delta_f(options.get_string("full_separation"))
{
  declare_input(_dn, TypeKind::Scalar);
  _beta = declare_parameter<sym::Scalar>("beta", options.get_string("mode_mixity"), "mode_mixity", factory);
  _delta_c = declare_parameter<sym::Scalar>("delta_c", options.get_string("critical_separation"), "critical_separation",
                                            factory);
  _K = declare_parameter<sym::Scalar>("K", options.get_string("penalty_stiffness"), "penalty_stiffness", factory);
  _GIc = declare_parameter<sym::Scalar>("GIc", options.get_string("mode_I_fracture_toughness"),
                                        "mode_I_fracture_toughness", factory);
  _GIIc = declare_parameter<sym::Scalar>("GIIc", options.get_string("mode_II_fracture_toughness"),
                                         "mode_II_fracture_toughness", factory);
  _S = declare_parameter<sym::Scalar>("S", options.get_string("shear_strength"), "shear_strength", factory);
  _eta = declare_parameter<sym::Scalar>("eta", options.get_string("eta"), "eta", factory);
  declare_output_distinct(_delta_f, TypeKind::Scalar, "full_separation");
}

void
FullSeparation::define(Staging & s) const
{
  const Terms t{param(s, _beta).sym(), param(s, _delta_c).sym(), param(s, _K).sym(),
                param(s, _GIc).sym(),  param(s, _GIIc).sym(),    param(s, _eta).sym()};
  const auto compression = 2.0 * t.GIIc / param(s, _S).sym();
  s.output(_delta_f, sym::Scalar(sym::where(sym::heaviside(s.input<sym::Scalar>(_dn).sym()), opening(t), compression)));
}

OptionSchema
BenzeggaghKenaneFullSeparation::expected_options()
{
  return full_separation_options().doc(
      "Benzeggagh-Kenane full separation: 2 / (K delta_c) (GIc + (GIIc - GIc) (beta^2 / (1 + beta^2) + eps)^eta) "
      "where normal_separation > 0, else 2 GIIc / S.");
}

sym::Sym
BenzeggaghKenaneFullSeparation::opening(const Terms & t) const
{
  const auto b2 = t.beta * t.beta;
  return 2.0 / (t.K * t.delta_c) * (t.GIc + (t.GIIc - t.GIc) * sym::pow(b2 / (1.0 + b2) + eps, t.eta));
}

OptionSchema
PowerLawFullSeparation::expected_options()
{
  return full_separation_options().doc(
      "Power-law full separation: 2 (1 + beta^2) / (K delta_c) ((1 / GIc)^eta + (beta^2 / GIIc + eps)^eta)^(-1 / "
      "eta) where normal_separation > 0, else 2 GIIc / S.");
}

sym::Sym
PowerLawFullSeparation::opening(const Terms & t) const
{
  const auto b2 = t.beta * t.beta;
  const auto mixed = sym::pow(1.0 / t.GIc, t.eta) + sym::pow(b2 / t.GIIc + eps, t.eta);
  return (2.0 + 2.0 * b2) / (t.K * t.delta_c) * sym::pow(mixed, -1.0 / t.eta);
}

NEML2_REGISTER(Model, CamanhoDavilaCriticalSeparation);
NEML2_REGISTER(Model, BenzeggaghKenaneFullSeparation);
NEML2_REGISTER(Model, PowerLawFullSeparation);
} // namespace neml2

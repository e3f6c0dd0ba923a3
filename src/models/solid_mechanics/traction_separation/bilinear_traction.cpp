// BilinearTraction: bilinear damage from the effective separation, ratcheted; T = K (1 - d) δ.
#include "neml2/models/solid_mechanics/traction_separation/bilinear_traction.h"

namespace neml2
{
OptionSchema
BilinearTraction::expected_options()
{
  return traction_options(true)
      .doc("Bilinear cohesive law: d_trial = 0 for effective_separation dm < delta_c, delta_f (dm - delta_c) / (dm "
           "(delta_f - delta_c)) for dm < delta_f, else 1; damage = max(d_trial, damage~1); traction = (K (1 - d) "
           "normal_separation + K normal_penetration, K (1 - d) tangential_separation_1, K (1 - d) "
           "tangential_separation_2).")
      .optional("effective_separation", OptionKind::String, "effective_separation",
                "the effective (mixed-mode) separation dm (input)")
      .required("penalty_stiffness", OptionKind::String,
                "the stiffness K (parameter 'K'): a number, a [Tensors] name, a [Models] name or a variable name")
      .required("critical_separation", OptionKind::String,
                "the damage-onset separation (parameter 'delta_c'), e.g. a CamanhoDavilaCriticalSeparation model")
      .required("full_separation", OptionKind::String,
                "the separation at full damage (parameter 'delta_f'), e.g. a BenzeggaghKenaneFullSeparation model");
}

BilinearTraction::BilinearTraction(const Options & options, Factory & factory)
  : TractionLaw(options, true),
    _dm(options.get_string("effective_separation"))
{
  declare_input(_dm, TypeKind::Scalar);
  _K = declare_parameter<sym::Scalar>("K", options.get_string("penalty_stiffness"), "penalty_stiffness", factory);
  _delta_c = declare_parameter<sym::Scalar>("delta_c", options.get_string("critical_separation"), "critical_separation",
                                            factory);
  _delta_f =
      declare_parameter<sym::Scalar>("delta_f", options.get_string("full_separation"), "full_separation", factory);
}

void
BilinearTraction::define(Staging & s) const
{
  const auto sep = separations(s);
  const sym::Sym dm = s.input<sym::Scalar>(_dm);
  const sym::Sym K = param(s, _K).sym(), dc = param(s, _delta_c).sym(), df = param(s, _delta_f).sym();
  // The softening branch is only selected for delta_c < dm < delta_f; its denominators are made
  // safe elsewhere so that unselected lanes never divide by zero.
  const auto span = df - dc;
  const auto safe_span = sym::where(sym::gt(span, span.lit(0.0)), span, span.lit(1.0));
  const auto safe_dm = sym::where(sym::gt(dm, dm.lit(0.0)), dm, dm.lit(1.0));
  const auto softening = df * (dm - dc) / (safe_dm * safe_span);
  const auto d_trial = sym::where(sym::gt(dc, dm), dm.lit(0.0), sym::where(sym::gt(df, dm), softening, dm.lit(1.0)));
  const auto d = ratchet_damage(s, d_trial);
  const auto active = K * (1.0 - d);
  auto Tn = active * sep.normal;
  if (has_penetration())
    Tn = Tn + K * sep.penetration;
  output_traction(s, Tn, active * sep.tangential_1, active * sep.tangential_2);
}

NEML2_REGISTER(Model, BilinearTraction);
} // namespace neml2

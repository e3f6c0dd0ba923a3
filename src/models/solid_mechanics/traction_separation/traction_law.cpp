// The shared variables of the traction laws.
#include "neml2/models/solid_mechanics/traction_separation/traction_law.h"

namespace neml2
{
OptionSchema
TractionLaw::traction_options(bool with_damage)
{
  auto s = Model::expected_options()
               .optional("normal_separation", OptionKind::String, "normal_separation",
                         "the normal separation, usually the positive (Macaulay) part of the normal jump (input)")
               .optional("normal_penetration", OptionKind::String, "",
                         "the normal penetration, usually the negative part of the normal jump (optional input; when "
                         "given, penalty_stiffness times it is added to the normal traction)")
               .optional("tangential_separation_1", OptionKind::String, "tangential_separation_1",
                         "the first tangential separation (input)")
               .optional("tangential_separation_2", OptionKind::String, "tangential_separation_2",
                         "the second tangential separation (input)")
               .optional("traction", OptionKind::String, "traction",
                         "the traction, a Vec (normal, tangential 1, tangential 2) (output)");
  if (with_damage)
    s.optional("damage", OptionKind::String, "damage",
               "the damage, never decreasing (output; its previous value is read from 'damage~1')");
  return s;
}

TractionLaw::TractionLaw(const Options & options, bool with_damage)
  : Model(options),
    _dn(options.get_string("normal_separation")),
    _dn_pen(options.get_string("normal_penetration")),
    _ds1(options.get_string("tangential_separation_1")),
    _ds2(options.get_string("tangential_separation_2")),
    _traction(options.get_string("traction")),
    _damage(with_damage ? options.get_string("damage") : "")
{
  declare_input(_dn, TypeKind::Scalar);
  if (!_dn_pen.empty())
    declare_input(_dn_pen, TypeKind::Scalar);
  declare_input(_ds1, TypeKind::Scalar);
  declare_input(_ds2, TypeKind::Scalar);
  if (with_damage)
    declare_input(_damage + "~1", TypeKind::Scalar);
  declare_output_distinct(_traction, TypeKind::Vec, "traction");
  if (with_damage)
    declare_output_distinct(_damage, TypeKind::Scalar, "damage");
}

TractionLaw::Separations
TractionLaw::separations(Staging & s) const
{
  Separations d;
  d.normal = s.input<sym::Scalar>(_dn);
  d.penetration = _dn_pen.empty() ? d.normal.lit(0.0) : s.input<sym::Scalar>(_dn_pen).sym();
  d.tangential_1 = s.input<sym::Scalar>(_ds1);
  d.tangential_2 = s.input<sym::Scalar>(_ds2);
  return d;
}

sym::Sym
TractionLaw::ratchet_damage(Staging & s, const sym::Sym & d_trial) const
{
  const sym::Sym old = s.input<sym::Scalar>(_damage + "~1");
  const auto d = sym::where(sym::gt(d_trial, old), d_trial, old);
  s.output(_damage, sym::Scalar(d));
  return d;
}

void
TractionLaw::output_traction(Staging & s, const sym::Sym & Tn, const sym::Sym & Ts1, const sym::Sym & Ts2) const
{
  s.output(_traction, sym::Vec(std::array<sym::Sym, 3>{Tn, Ts1, Ts2}));
}
} // namespace neml2

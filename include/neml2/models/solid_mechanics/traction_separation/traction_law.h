// The shared variables of NEML2's cohesive (traction–separation) laws.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * Base of the traction laws (OrthotropicLinearTraction, BilinearTraction, SalehaniIraniTraction):
 * Scalar inputs `normal_separation` (the opening part of the normal jump), the optional
 * `normal_penetration` (the closing part; when given, a penalty stiffness times it is added to
 * the normal traction), `tangential_separation_1` and `_2`; the Vec output `traction` (normal,
 * tangential 1, tangential 2). Laws with damage also output `damage`, ratcheted against its
 * previous value `damage~1`. Every variable defaults to its option's name (NEML2 v3).
 */
class TractionLaw : public Model
{
public:
  /// The options of every traction law; `with_damage` adds the `damage` output.
  static OptionSchema traction_options(bool with_damage);

protected:
  TractionLaw(const Options & options, bool with_damage);

  /// The symbolic separations; `penetration` is zero when the option is not given.
  struct Separations
  {
    sym::Sym normal, penetration, tangential_1, tangential_2;
  };
  Separations separations(Staging & s) const;
  bool has_penetration() const { return !_dn_pen.empty(); }

  /// damage = d_trial where it exceeds damage~1, else damage~1 (irreversibility); outputs it.
  sym::Sym ratchet_damage(Staging & s, const sym::Sym & d_trial) const;
  void output_traction(Staging & s, const sym::Sym & Tn, const sym::Sym & Ts1, const sym::Sym & Ts2) const;

private:
  std::string _dn, _dn_pen, _ds1, _ds2, _traction, _damage;
};
} // namespace neml2

// Porous plasticity: the Gurson–Tvergaard–Needleman yield function, Gurson's void growth and the
// Olevsky–Skorohod sintering stress.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * f = (σe / σf)² + 2 q1 φ cosh(q2 σp / (2 σf)) − (1 + q3 φ²), σf = σy + k (Tvergaard &
 * Needleman, Acta Metall. 1984), with σe the flow invariant (von Mises), σp the poro invariant
 * (e.g. the trace of the Mandel stress, less a sintering stress), φ the void fraction and k the
 * optional isotropic hardening. Parameters `sy` (yield_stress), `q1`, `q2`, `q3`.
 */
class GTNYieldFunction : public Model
{
public:
  GTNYieldFunction(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _se, _sp, _phi, _h, _f;
  Param<sym::Scalar> _sy, _q1, _q2, _q3;
};

/// Plastic incompressibility of the matrix: φ̇ = (1 − φ) tr(ε̇p).
class GursonCavitation : public Model
{
public:
  GursonCavitation(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _Ep_rate, _phi, _phi_rate;
};

/// The Olevsky–Skorohod sintering stress σs = 3 γ φ² / r; parameters `gamma`
/// (surface_tension), `r` (particle_radius).
class OlevskySinteringStress : public Model
{
public:
  OlevskySinteringStress(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _phi, _ss;
  Param<sym::Scalar> _gamma, _r;
};
} // namespace neml2

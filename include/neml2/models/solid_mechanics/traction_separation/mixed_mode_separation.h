// Mixed-mode separations of the bilinear cohesive law: damage onset (Camanho–Dávila) and full
// separation (Benzeggagh–Kenane, power law).
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * The damage-onset separation of Camanho & Dávila (NASA/TM-2002-211737): with δn0 = N/K and
 * δs0 = S/K, critical_separation = δn0 δs0 √(1 + β²) / √(δs0² + β² δn0² + ε) in opening
 * (normal_separation > 0), δs0 in compression. Parameters `beta` (option mode_mixity, usually a
 * ModeMixity model), `K`, `N`, `S`.
 */
class CamanhoDavilaCriticalSeparation : public Model
{
public:
  CamanhoDavilaCriticalSeparation(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _dn, _delta_c;
  Param<sym::Scalar> _beta, _K, _N, _S;
};

/**
 * Base of the full-separation criteria: in opening, δf = g(β, δc, K, GIc, GIIc, η) of the
 * criterion; in compression, the pure-shear value 2 GIIc / S. Parameters `beta`, `delta_c`, `K`,
 * `GIc`, `GIIc`, `S`, `eta` (NEML2 v3).
 */
class FullSeparation : public Model
{
public:
  FullSeparation(const Options & options, Factory & factory);
  static OptionSchema full_separation_options();
  void define(Staging & s) const override;

protected:
  struct Terms
  {
    sym::Sym beta, delta_c, K, GIc, GIIc, eta;
  };
  /// The full separation in opening.
  virtual sym::Sym opening(const Terms & t) const = 0;

private:
  std::string _dn, _delta_f;
  Param<sym::Scalar> _beta, _delta_c, _K, _GIc, _GIIc, _S, _eta;
};

/// Benzeggagh & Kenane (Compos. Sci. Technol. 1996): δf = 2/(K δc) (GIc + (GIIc − GIc)
/// (β²/(1 + β²) + ε)^η).
class BenzeggaghKenaneFullSeparation : public FullSeparation
{
public:
  using FullSeparation::FullSeparation;
  static OptionSchema expected_options();

protected:
  sym::Sym opening(const Terms & t) const override;
};

/// The power-law criterion (Alfano & Crisfield): δf = 2 (1 + β²)/(K δc) ((1/GIc)^η +
/// (β²/GIIc + ε)^η)^(−1/η).
class PowerLawFullSeparation : public FullSeparation
{
public:
  using FullSeparation::FullSeparation;
  static OptionSchema expected_options();

protected:
  sym::Sym opening(const Terms & t) const override;
};
} // namespace neml2

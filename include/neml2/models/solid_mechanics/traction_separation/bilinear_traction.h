// BilinearTraction: a cohesive law with linear softening between two separations.
#pragma once

#include "neml2/models/solid_mechanics/traction_separation/traction_law.h"

namespace neml2
{
/**
 * Bilinear cohesive law (e.g. Camanho & Dávila, NASA/TM-2002-211737): damage 0 below the
 * critical separation δc, δf (δm − δc) / (δm (δf − δc)) up to the full separation δf, then 1,
 * ratcheted against its previous value; T = (K (1 − d) δn + K δpen, K (1 − d) δs1, K (1 − d) δs2).
 * Parameters `K`, `delta_c`, `delta_f` (each may be fed by a model, e.g.
 * CamanhoDavilaCriticalSeparation and BenzeggaghKenaneFullSeparation).
 */
class BilinearTraction : public TractionLaw
{
public:
  BilinearTraction(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _dm;
  Param<sym::Scalar> _K, _delta_c, _delta_f;
};
} // namespace neml2

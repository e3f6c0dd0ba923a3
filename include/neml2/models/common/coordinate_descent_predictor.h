// CoordinateDescentPredictor: a warm start from a condensed rate system.
#pragma once

#include <memory>

#include "neml2/models/nested_model.h"

namespace neml2
{
/**
 * Solves the condensed system φ(rate) + A rate = b for the rate, with φ⁻¹ the explicit rate law
 * `rate_law` (driving force in, rate out), as NEML2 v3's warm start does: in the driving force
 * w = φ(rate), the root of w + A φ⁻¹(w) = b lies in [0, b] (A ≥ 0, φ⁻¹ keeps the sign), so it
 * is bracketed for free; `bisections` halvings, then `polish` Newton steps on the rate law's
 * own tangent. With m coordinates (b with sub-batch (m), A with (m, m): one per slip system,
 * A from SlipSystemElasticInteraction) the coordinates are swept Gauss-Seidel, `sweeps` times;
 * one coordinate (plain Scalars, A and b from a RateCondensation) is solved once.
 */
class CoordinateDescentPredictor : public Model
{
public:
  CoordinateDescentPredictor(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;
  std::vector<std::pair<std::string, ParameterSpec *>> all_parameters() override;

private:
  std::unique_ptr<NestedModel> _law;
  std::string _w, _A, _b, _rate, _law_rate;
  int _sweeps, _bisections, _polish;
};
} // namespace neml2

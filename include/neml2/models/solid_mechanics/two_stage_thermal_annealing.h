// TwoStageThermalAnnealing: a hardening rate switched off, then replaced by recovery, as the
// temperature rises past T1 and T2.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * The rate of a hardening variable h (Scalar or SR2) under thermal annealing:
 *
 *   modified_rate = base_rate            for T < T1,
 *                   0                    for T1 <= T < T2,
 *                   −base / τ            for T >= T2.
 *
 * Parameters `T1`, `T2`, `tau`; variables `base_rate`, `base`, `temperature` (inputs) and
 * `modified_rate` (output), each defaulting to its option's name.
 */
template <typename T>
class TwoStageThermalAnnealing : public Model
{
public:
  TwoStageThermalAnnealing(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _base_rate, _base, _T, _rate;
  Param<sym::Scalar> _T1, _T2, _tau;
};
} // namespace neml2

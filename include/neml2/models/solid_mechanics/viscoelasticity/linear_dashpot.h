// LinearDashpot: a Newtonian dashpot, viscous_strain_rate = stress / eta.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * The leaf element of rheological networks (Maxwell, Kelvin–Voigt, Zener, Burgers, ...): a
 * Newtonian dashpot, Ėv = σ / η. Option `viscosity` (parameter `eta`); variables `stress` (input)
 * and `viscous_strain_rate` (output), each defaulting to its option's name (NEML2 v3).
 */
class LinearDashpot : public Model
{
public:
  LinearDashpot(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _S, _Ev_rate;
  Param<sym::Scalar> _eta;
};
} // namespace neml2

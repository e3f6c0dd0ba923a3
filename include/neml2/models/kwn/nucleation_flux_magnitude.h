// NucleationFluxMagnitude: the rate at which new precipitates nucleate.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// J = Z beta N0 exp(-barrier / (k T)) (NEML2's NucleationFluxMagnitude): parameters 'N0' (nucleation_site_density),
/// 'k' (boltzmann_constant).
class NucleationFluxMagnitude : public Model
{
public:
  NucleationFluxMagnitude(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _Z, _beta, _barrier, _T, _J;
  Param<sym::Scalar> _N0, _k;
};
} // namespace neml2

// CurrentConcentration: the solute left in the matrix by the precipitates.
#pragma once

#include "neml2/models/kwn/species_model.h"

namespace neml2
{
/// x = (x0 - sum_i f_i xp_i) / (1 - sum_i f_i) (NEML2's CurrentConcentration): f_i the precipitate volume fractions;
/// parameters 'x0' (initial_concentration) and 'xp_<i>' (precipitate_concentrations).
class CurrentConcentration : public SpeciesModel
{
public:
  CurrentConcentration(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::vector<std::string> _f;
  std::string _x;
  Param<sym::Scalar> _x0;
  std::vector<Param<sym::Scalar>> _xp;
};
} // namespace neml2

// ChemicalGibbsFreeEnergyDifference: the chemical part of the free energy of precipitation.
#pragma once

#include "neml2/models/kwn/species_model.h"

namespace neml2
{
/// dg = sum_i (mu_i - mu_eq_i) dx_i over the species (NEML2's ChemicalGibbsFreeEnergyDifference): parameters 'mu_<i>'
/// (chemical_potentials) and 'mu_eq_<i>' (equilibrium_potentials).
class ChemicalGibbsFreeEnergyDifference : public SpeciesModel
{
public:
  ChemicalGibbsFreeEnergyDifference(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::vector<std::string> _dx;
  std::string _dg;
  std::vector<Param<sym::Scalar>> _mu, _mu_eq;
};
} // namespace neml2

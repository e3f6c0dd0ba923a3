// ChemicalGibbsFreeEnergyDifference: dg = sum_i (mu_i - mu_eq_i) dx_i.
#include "neml2/models/kwn/chemical_gibbs_free_energy_difference.h"

namespace neml2
{
OptionSchema
ChemicalGibbsFreeEnergyDifference::expected_options()
{
  return Model::expected_options()
      .doc("The chemical Gibbs free energy difference of precipitation, dg = sum_i (mu_i - mu_eq_i) dx_i over the "
           "species, dx_i the concentration differences between precipitate and matrix, mu_i and mu_eq_i the "
           "chemical potentials in the matrix and at equilibrium.")
      .optional("concentration_differences", OptionKind::Strings, "concentration_differences",
                "the concentration difference of each species (inputs)")
      .optional("chemical_gibbs_free_energy", OptionKind::String, "chemical_gibbs_free_energy",
                "the free energy difference dg (output)")
      .required("chemical_potentials", OptionKind::Strings,
                "the chemical potential of each species in the matrix (parameters 'mu_0', 'mu_1', ...): numbers, "
                "[Tensors], [Models] or variable names")
      .required("equilibrium_potentials", OptionKind::Strings,
                "the equilibrium chemical potential of each species (parameters 'mu_eq_0', ...), as above");
}

ChemicalGibbsFreeEnergyDifference::ChemicalGibbsFreeEnergyDifference(const Options & options, Factory & factory)
  : SpeciesModel(options),
    _dg(options.get_string("chemical_gibbs_free_energy"))
{
  _dx = species_inputs("concentration_differences");
  _mu = species_parameters("mu", "chemical_potentials", _dx.size(), factory);
  _mu_eq = species_parameters("mu_eq", "equilibrium_potentials", _dx.size(), factory);
  declare_output_distinct(_dg, TypeKind::Scalar, "chemical_gibbs_free_energy");
}

void
ChemicalGibbsFreeEnergyDifference::define(Staging & s) const
{
  sym::Sym dg = (param(s, _mu[0]).sym() - param(s, _mu_eq[0]).sym()) * s.input<sym::Scalar>(_dx[0]).sym();
  for (std::size_t i = 1; i < _dx.size(); ++i)
    dg = dg + (param(s, _mu[i]).sym() - param(s, _mu_eq[i]).sym()) * s.input<sym::Scalar>(_dx[i]).sym();
  s.output(_dg, sym::Scalar(dg));
}

NEML2_REGISTER(Model, ChemicalGibbsFreeEnergyDifference);
} // namespace neml2

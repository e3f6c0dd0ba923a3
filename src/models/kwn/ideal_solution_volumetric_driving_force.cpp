// IdealSolutionVolumetricDrivingForce: dg = R T sum_i w_i ln(x_i / x_eq_i).
#include "neml2/models/kwn/ideal_solution_volumetric_driving_force.h"

namespace neml2
{
OptionSchema
IdealSolutionVolumetricDrivingForce::expected_options()
{
  return Model::expected_options()
      .doc("The molar Gibbs free energy of precipitation of an ideal solution, dg = R T sum_i w_i ln(x_i / x_eq_i) "
           "over the species of the precipitate, x_i and x_eq_i the current and equilibrium matrix concentrations, "
           "w_i stoichiometric weights (1 for every species by default: the product of all components).")
      .optional("temperature", OptionKind::String, "temperature", "the temperature T (input)")
      .optional("current_concentrations", OptionKind::Strings, "current_concentrations",
                "the matrix concentration of each species (inputs)")
      .optional("driving_force", OptionKind::String, "driving_force", "the driving force dg (output)")
      .required("gas_constant", OptionKind::String,
                "the gas constant R (parameter 'R_g'): a number, a [Tensors], [Models] or variable name")
      .required("equilibrium_concentrations", OptionKind::Strings,
                "the equilibrium concentration of each species (parameters 'x_eq_0', 'x_eq_1', ...), as above")
      .optional("weights", OptionKind::Strings, "1",
                "the stoichiometric weight of each species, or one for all (parameters 'w_0', 'w_1', ...)");
}

IdealSolutionVolumetricDrivingForce::IdealSolutionVolumetricDrivingForce(const Options & options, Factory & factory)
  : SpeciesModel(options),
    _T(options.get_string("temperature")),
    _dg(options.get_string("driving_force"))
{
  declare_input(_T, TypeKind::Scalar);
  _x = species_inputs("current_concentrations");
  _R = declare_parameter<sym::Scalar>("R_g", options.get_string("gas_constant"), "gas_constant", factory);
  _x_eq = species_parameters("x_eq", "equilibrium_concentrations", _x.size(), factory);
  _w = species_parameters("w", "weights", _x.size(), factory, true);
  declare_output_distinct(_dg, TypeKind::Scalar, "driving_force");
}

void
IdealSolutionVolumetricDrivingForce::define(Staging & s) const
{
  auto term = [&](std::size_t i) {
    return param(s, _w[i]).sym() * sym::log(s.input<sym::Scalar>(_x[i]).sym() / param(s, _x_eq[i]).sym());
  };
  sym::Sym sum = term(0);
  for (std::size_t i = 1; i < _x.size(); ++i)
    sum = sum + term(i);
  s.output(_dg, sym::Scalar(param(s, _R).sym() * s.input<sym::Scalar>(_T).sym() * sum));
}

NEML2_REGISTER(Model, IdealSolutionVolumetricDrivingForce);
} // namespace neml2

// ProjectedDiffusivitySum: s = sum_i dx_i^2 / (D_i x_i).
#include "neml2/models/kwn/projected_diffusivity_sum.h"

namespace neml2
{
OptionSchema
ProjectedDiffusivitySum::expected_options()
{
  return Model::expected_options()
      .doc("The projected diffusivity sum of the SFFK growth law and of nucleation, s = sum_i dx_i^2 / (D_i x_i) "
           "over the species: dx_i the concentration difference between precipitate and matrix, D_i the "
           "diffusivity, x_i the far-field concentration.")
      .optional("far_field_concentrations", OptionKind::Strings, "far_field_concentrations",
                "the far-field concentration of each species (inputs)")
      .optional("projected_diffusivity_sum", OptionKind::String, "projected_diffusivity_sum", "the sum s (output)")
      .required("concentration_differences", OptionKind::Strings,
                "the concentration difference of each species (parameters 'dx_0', 'dx_1', ...): numbers, "
                "[Tensors], [Models] or variable names")
      .required("diffusivities", OptionKind::Strings,
                "the diffusivity of each species (parameters 'D_0', 'D_1', ...), as above");
}

ProjectedDiffusivitySum::ProjectedDiffusivitySum(const Options & options, Factory & factory)
  : SpeciesModel(options),
    _s(options.get_string("projected_diffusivity_sum"))
{
  _x = species_inputs("far_field_concentrations");
  _dx = species_parameters("dx", "concentration_differences", _x.size(), factory);
  _D = species_parameters("D", "diffusivities", _x.size(), factory);
  declare_output_distinct(_s, TypeKind::Scalar, "projected_diffusivity_sum");
}

void
ProjectedDiffusivitySum::define(Staging & s) const
{
  auto term = [&](std::size_t i) {
    const sym::Sym dx = param(s, _dx[i]).sym();
    return dx * dx / (param(s, _D[i]).sym() * s.input<sym::Scalar>(_x[i]).sym());
  };
  sym::Sym sum = term(0);
  for (std::size_t i = 1; i < _x.size(); ++i)
    sum = sum + term(i);
  s.output(_s, sym::Scalar(sum));
}

NEML2_REGISTER(Model, ProjectedDiffusivitySum);
} // namespace neml2

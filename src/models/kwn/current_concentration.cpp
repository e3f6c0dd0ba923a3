// CurrentConcentration: x = (x0 - sum_i f_i xp_i) / (1 - sum_i f_i).
#include "neml2/models/kwn/current_concentration.h"

namespace neml2
{
OptionSchema
CurrentConcentration::expected_options()
{
  return Model::expected_options()
      .doc("The solute concentration left in the matrix, x = (x0 - sum_i f_i xp_i) / (1 - sum_i f_i): x0 the "
           "initial concentration, f_i the volume fraction and xp_i the concentration of each precipitate.")
      .optional("precipitate_volume_fractions", OptionKind::Strings, "precipitate_volume_fractions",
                "the volume fraction of each precipitate (inputs)")
      .optional("current_concentration", OptionKind::String, "current_concentration",
                "the matrix concentration x (output)")
      .required("initial_concentration", OptionKind::String,
                "the initial concentration x0 (parameter 'x0'): a number, a [Tensors], [Models] or variable name")
      .required("precipitate_concentrations", OptionKind::Strings,
                "the concentration of each precipitate (parameters 'xp_0', 'xp_1', ...), as above");
}

CurrentConcentration::CurrentConcentration(const Options & options, Factory & factory)
  : SpeciesModel(options),
    _x(options.get_string("current_concentration"))
{
  _f = species_inputs("precipitate_volume_fractions");
  _x0 = declare_parameter<sym::Scalar>("x0", options.get_string("initial_concentration"), "initial_concentration",
                                       factory);
  _xp = species_parameters("xp", "precipitate_concentrations", _f.size(), factory);
  declare_output_distinct(_x, TypeKind::Scalar, "current_concentration");
}

void
CurrentConcentration::define(Staging & s) const
{
  sym::Sym f = s.input<sym::Scalar>(_f[0]).sym();
  sym::Sym fx = f * param(s, _xp[0]).sym();
  for (std::size_t i = 1; i < _f.size(); ++i)
  {
    const sym::Sym fi = s.input<sym::Scalar>(_f[i]).sym();
    f = f + fi;
    fx = fx + fi * param(s, _xp[i]).sym();
  }
  s.output(_x, sym::Scalar((param(s, _x0).sym() - fx) / (1.0 - f)));
}

NEML2_REGISTER(Model, CurrentConcentration);
} // namespace neml2

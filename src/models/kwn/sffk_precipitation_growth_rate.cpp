// SFFKPrecipitationGrowthRate: dR_i/dt = dg / (R_i R_g T s).
#include "neml2/models/kwn/sffk_precipitation_growth_rate.h"

namespace neml2
{
OptionSchema
SFFKPrecipitationGrowthRate::expected_options()
{
  return Model::expected_options()
      .doc("The growth rate of a spherical precipitate of several species by the thermodynamic extremal principle "
           "of Svoboda, Fischer, Fratzl and Kozeschnik (SFFK), dR/dt = dg / (R R_g T s) per size bin: dg the "
           "Gibbs free energy difference, R_g the gas constant, s the projected diffusivity sum.")
      .optional("projected_diffusivity_sum", OptionKind::String, "projected_diffusivity_sum",
                "the projected diffusivity sum s (input)")
      .optional("temperature", OptionKind::String, "temperature", "the temperature T (input)")
      .optional("growth_rate", OptionKind::String, "growth_rate", "the growth rate per size bin (output)")
      .required("radius", OptionKind::String,
                "the radius of each bin (parameter 'R'): a per-bin [Tensors] Scalar, a number, or a variable name")
      .required("gibbs_free_energy_difference", OptionKind::String,
                "the Gibbs free energy difference dg (parameter 'dg'): a number, a [Tensors], [Models] or "
                "variable name")
      .required("gas_constant", OptionKind::String, "the gas constant R_g (parameter 'R_g'), as above");
}

SFFKPrecipitationGrowthRate::SFFKPrecipitationGrowthRate(const Options & options, Factory & factory)
  : CellAxisModel(options),
    _s(options.get_string("projected_diffusivity_sum")),
    _T(options.get_string("temperature")),
    _rate(options.get_string("growth_rate"))
{
  declare_input(_s, TypeKind::Scalar);
  declare_input(_T, TypeKind::Scalar);
  _R = declare_list_parameter<sym::Scalar>("R", options.get_string("radius"), "radius", factory);
  _dg = declare_parameter<sym::Scalar>("dg", options.get_string("gibbs_free_energy_difference"),
                                       "gibbs_free_energy_difference", factory);
  _Rg = declare_parameter<sym::Scalar>("R_g", options.get_string("gas_constant"), "gas_constant", factory);
  declare_output_distinct(_rate, TypeKind::Scalar, "growth_rate");
  tie_variable(_rate, 0);
  tie_parameter("R", 0, "radius");
}

void
SFFKPrecipitationGrowthRate::define(Staging & s) const
{
  const auto bins = known_cells().value_or(1);
  const auto R = param_list(s, _R);
  const sym::Sym RgTs = param(s, _Rg).sym() * s.input<sym::Scalar>(_T).sym() * s.input<sym::Scalar>(_s).sym();
  const sym::Sym dg = param(s, _dg);
  std::vector<sym::Scalar> rate;
  for (std::int64_t i = 0; i < bins; ++i)
    rate.emplace_back(dg / (entry(R, i).sym() * RgTs));
  s.output_list(_rate, rate);
}

NEML2_REGISTER(Model, SFFKPrecipitationGrowthRate);
} // namespace neml2

// RateLimitedPrecipitateGrowthRate: dR_i/dt = D / R_i (x - x_eq) / dx.
#include "neml2/models/kwn/rate_limited_precipitate_growth_rate.h"

namespace neml2
{
OptionSchema
RateLimitedPrecipitateGrowthRate::expected_options()
{
  return Model::expected_options()
      .doc("The diffusion-limited growth rate of a spherical precipitate of one species, "
           "dR/dt = D / R (x - x_eq) / dx per size bin: x the matrix concentration, x_eq its equilibrium value, "
           "dx the concentration difference between precipitate and equilibrium, D the diffusivity.")
      .optional("current_concentration", OptionKind::String, "current_concentration",
                "the matrix concentration x (input)")
      .optional("growth_rate", OptionKind::String, "growth_rate", "the growth rate per size bin (output)")
      .required("radius", OptionKind::String,
                "the radius of each bin (parameter 'R'): a per-bin [Tensors] Scalar, a number, or a variable name")
      .required("equilibrium_concentration", OptionKind::String,
                "the equilibrium concentration x_eq (parameter 'x_eq'): a number, a [Tensors], [Models] or "
                "variable name")
      .required("concentration_difference", OptionKind::String,
                "the concentration difference dx (parameter 'dx'), as above")
      .required("diffusivity", OptionKind::String, "the diffusivity D (parameter 'D'), as above");
}

RateLimitedPrecipitateGrowthRate::RateLimitedPrecipitateGrowthRate(const Options & options, Factory & factory)
  : CellAxisModel(options),
    _x(options.get_string("current_concentration")),
    _rate(options.get_string("growth_rate"))
{
  declare_input(_x, TypeKind::Scalar);
  _R = declare_list_parameter<sym::Scalar>("R", options.get_string("radius"), "radius", factory);
  _x_eq = declare_parameter<sym::Scalar>("x_eq", options.get_string("equilibrium_concentration"),
                                         "equilibrium_concentration", factory);
  _dx = declare_parameter<sym::Scalar>("dx", options.get_string("concentration_difference"), "concentration_difference",
                                       factory);
  _D = declare_parameter<sym::Scalar>("D", options.get_string("diffusivity"), "diffusivity", factory);
  declare_output_distinct(_rate, TypeKind::Scalar, "growth_rate");
  tie_variable(_rate, 0);
  tie_parameter("R", 0, "radius");
}

void
RateLimitedPrecipitateGrowthRate::define(Staging & s) const
{
  const auto bins = known_cells().value_or(1);
  const auto R = param_list(s, _R);
  const sym::Sym excess = s.input<sym::Scalar>(_x).sym() - param(s, _x_eq).sym();
  const sym::Sym D = param(s, _D), dx = param(s, _dx);
  std::vector<sym::Scalar> rate;
  for (std::int64_t i = 0; i < bins; ++i)
    rate.emplace_back(D / entry(R, i).sym() * excess / dx);
  s.output_list(_rate, rate);
}

NEML2_REGISTER(Model, RateLimitedPrecipitateGrowthRate);
} // namespace neml2

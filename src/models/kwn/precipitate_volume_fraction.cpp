// PrecipitateVolumeFraction: f = sum_i 4/3 pi R_i^3 n_i over the size bins.
#include "neml2/models/kwn/precipitate_volume_fraction.h"

#include <numbers>

namespace neml2
{
OptionSchema
PrecipitateVolumeFraction::expected_options()
{
  return Model::expected_options()
      .doc("The volume fraction of a discrete size distribution of spherical precipitates, "
           "f = sum_i 4/3 pi R_i^3 n_i over the size bins, R_i the radius and n_i the number density of bin i. "
           "The bins are a sub-batch axis, as the cells of a finite-volume model.")
      .optional("number_density", OptionKind::String, "number_density", "the number density per size bin (input)")
      .optional("volume_fraction", OptionKind::String, "volume_fraction", "the volume fraction f (output)")
      .required("radius", OptionKind::String,
                "the radius of each bin (parameter 'R'): a [Tensors] Scalar with one value per bin on a sub-batch "
                "axis, or a variable name");
}

PrecipitateVolumeFraction::PrecipitateVolumeFraction(const Options & options, Factory & factory)
  : CellAxisModel(options),
    _n(options.get_string("number_density")),
    _f(options.get_string("volume_fraction"))
{
  declare_input_pending(_n, TypeKind::Scalar);
  _R = declare_list_parameter<sym::Scalar>("R", options.get_string("radius"), "radius", factory);
  declare_output_distinct(_f, TypeKind::Scalar, "volume_fraction");
  tie_variable(_n, 0);
  tie_parameter("R", 0, "radius");
}

void
PrecipitateVolumeFraction::define(Staging & s) const
{
  const auto bins = known_cells().value_or(1);
  const auto n = s.input_list<sym::Scalar>(_n);
  const auto R = param_list(s, _R);
  sym::Sym f = n[0].sym().lit(0.0);
  for (std::int64_t i = 0; i < bins; ++i)
  {
    const sym::Sym r = entry(R, i).sym();
    f = f + (4.0 / 3.0 * std::numbers::pi) * (r * r * r) * n[static_cast<std::size_t>(i)].sym();
  }
  s.output(_f, sym::Scalar(f));
}

NEML2_REGISTER(Model, PrecipitateVolumeFraction);
} // namespace neml2

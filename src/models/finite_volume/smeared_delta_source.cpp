// SmearedDeltaSource: m / (w sqrt(2 pi)) exp(-((x - x0) / w)^2 / 2) per cell.
#include "neml2/models/finite_volume/smeared_delta_source.h"

#include <numbers>

namespace neml2
{
OptionSchema
SmearedDeltaSource::expected_options()
{
  return Model::expected_options()
      .doc("A point source of magnitude m at x0 smeared over the cells as a Gaussian of width w: "
           "source = m / (w sqrt(2 pi)) exp(-((x - x0) / w)^2 / 2) at each cell center x.")
      .optional("magnitude", OptionKind::String, "magnitude", "the magnitude m (input, one per point)")
      .optional("location", OptionKind::String, "location", "the location x0 (input, one per point)")
      .optional("smeared_source", OptionKind::String, "state/smeared_source", "the source in each cell (output)")
      .required("width", OptionKind::String,
                "the width w > 0 (parameter 'width'): a number, a [Tensors] name, a [Models] name or a variable name")
      .required("cell_centers", OptionKind::String,
                "the cell centers (parameter 'cell_centers'): a per-cell [Tensors] Scalar, or a variable name");
}

SmearedDeltaSource::SmearedDeltaSource(const Options & options, Factory & factory)
  : CellAxisModel(options),
    _magnitude(options.get_string("magnitude")),
    _location(options.get_string("location")),
    _source(options.get_string("smeared_source"))
{
  declare_input(_magnitude, TypeKind::Scalar);
  declare_input(_location, TypeKind::Scalar);
  _width = declare_parameter<sym::Scalar>("width", options.get_string("width"), "width", factory);
  admit("width", Admissible::positive("the width of the Gaussian"), "width");
  _centers =
      declare_list_parameter<sym::Scalar>("cell_centers", options.get_string("cell_centers"), "cell_centers", factory);
  declare_output_distinct(_source, TypeKind::Scalar, "smeared_source");
  tie_variable(_source, 0);
  tie_parameter("cell_centers", 0, "cell_centers");
}

void
SmearedDeltaSource::define(Staging & s) const
{
  const auto n = cells();
  const sym::Sym m = s.input<sym::Scalar>(_magnitude), x0 = s.input<sym::Scalar>(_location);
  const auto x = param_list(s, _centers);
  const sym::Sym inverse_width = 1.0 / param(s, _width).sym();
  const sym::Sym peak = inverse_width * (1.0 / std::sqrt(2.0 * std::numbers::pi));
  std::vector<sym::Scalar> source;
  for (std::int64_t i = 0; i < n; ++i)
  {
    const sym::Sym z = (entry(x, i).sym() - x0) * inverse_width;
    source.emplace_back(m * (peak * sym::exp(-0.5 * z * z)));
  }
  s.output_list(_source, source);
}

NEML2_REGISTER(Model, SmearedDeltaSource);
} // namespace neml2

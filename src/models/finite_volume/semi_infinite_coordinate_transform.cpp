// SemiInfiniteCoordinateTransform: x_hat = x / (x + s).
#include "neml2/models/finite_volume/semi_infinite_coordinate_transform.h"

namespace neml2
{
OptionSchema
SemiInfiniteCoordinateTransform::expected_options()
{
  return Model::expected_options()
      .doc("Maps a coordinate x on [0, inf) onto [0, 1): x_hat = x / (x + s), s the shift (x = s at x_hat = 1/2), "
           "so that a bounded grid covers a semi-infinite axis (precipitate radii, say).")
      .optional("coordinate", OptionKind::String, "coordinate", "the coordinate x (input)")
      .optional("transformed_coordinate", OptionKind::String, "state/x_hat", "the mapped coordinate x_hat (output)")
      .required("shift", OptionKind::String,
                "the shift s > 0 (parameter 's'): a number, a [Tensors] name, a [Models] name or a variable name");
}

SemiInfiniteCoordinateTransform::SemiInfiniteCoordinateTransform(const Options & options, Factory & factory)
  : Model(options),
    _x(options.get_string("coordinate")),
    _x_hat(options.get_string("transformed_coordinate"))
{
  declare_input(_x, TypeKind::Scalar);
  _s = declare_parameter<sym::Scalar>("s", options.get_string("shift"), "shift", factory);
  admit("s", Admissible::positive("the shift"), "shift");
  declare_output_distinct(_x_hat, TypeKind::Scalar, "transformed_coordinate");
}

void
SemiInfiniteCoordinateTransform::define(Staging & s) const
{
  const sym::Sym x = s.input<sym::Scalar>(_x);
  s.output(_x_hat, sym::Scalar(x * (1.0 / (x + param(s, _s).sym()))));
}

NEML2_REGISTER(Model, SemiInfiniteCoordinateTransform);
} // namespace neml2

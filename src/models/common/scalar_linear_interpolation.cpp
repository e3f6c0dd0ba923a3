// ScalarLinearInterpolation: select the segment by comparisons, y_i + slope_i (x - x_i).
#include "neml2/models/common/scalar_linear_interpolation.h"

#include "neml2/models/common/interpolation_table.h"

namespace neml2
{
OptionSchema
ScalarLinearInterpolation::expected_options()
{
  return Model::expected_options()
      .doc("Piecewise-linear interpolation of a table: output = y_i + (y_{i+1} - y_i) / (x_{i+1} - x_i) (argument - "
           "x_i) on the segment holding the argument, the end segments extended beyond the table.")
      .optional("argument", OptionKind::String, "argument", "the argument (input)")
      .optional("output", OptionKind::String, "", "the interpolated value (output; default: the block's name)")
      .required("abscissa", OptionKind::String,
                "the increasing table abscissae x_i: a [Tensors] Scalar with one batch axis, or numbers")
      .required("ordinate", OptionKind::String, "the table values y_i, as many as abscissae, given the same way");
}

ScalarLinearInterpolation::ScalarLinearInterpolation(const Options & options, Factory & factory)
  : Model(options),
    _x(options.get_string("argument")),
    _y(options.has("output") ? options.get_string("output") : options.name()),
    _abscissa(abscissa_table(options, factory, "abscissa")),
    _ordinate(ordinate_table(options, factory, "ordinate", TypeKind::Scalar, _abscissa.size(), "abscissa"))
{
  declare_input(_x, TypeKind::Scalar);
  declare_output_distinct(_y, TypeKind::Scalar, "output");
}

void
ScalarLinearInterpolation::define(Staging & s) const
{
  const sym::Sym x = s.input<sym::Scalar>(_x);
  const auto segment = [&](std::size_t i) {
    const double slope = (_ordinate[i + 1] - _ordinate[i]) / (_abscissa[i + 1] - _abscissa[i]);
    return x.lit(_ordinate[i]) + x.lit(slope) * (x - _abscissa[i]);
  };
  // Segment i holds x when x_i <= x (the last such i, as NEML2's right-sided search).
  auto y = segment(0);
  for (std::size_t i = 1; i + 1 < _abscissa.size(); ++i)
    y = sym::where(sym::gt(x.lit(_abscissa[i]), x), y, segment(i));
  s.output(_y, sym::Scalar(y));
}

NEML2_REGISTER(Model, ScalarLinearInterpolation);
} // namespace neml2

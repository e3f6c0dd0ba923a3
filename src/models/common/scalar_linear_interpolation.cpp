// ScalarLinearInterpolation: select the segment by comparisons, y_i + slope_i (x - x_i).
#include "neml2/models/common/scalar_linear_interpolation.h"

#include <charconv>
#include <sstream>

#include <fmt/format.h>

#include "neml2/base/factory.h"
#include "neml2/base/tensor_object.h"

namespace neml2
{
namespace
{
/// The table named by option `option`: a [Tensors] Scalar with one batch axis (leading axes of
/// size one are allowed), or a list of numbers.
std::vector<double>
table(const Options & options, Factory & factory, const std::string & option)
{
  const auto text = options.get_string(option);
  if (factory.has_tensor(text))
  {
    const auto t = factory.get_tensor(text);
    if (t->tensor_type() != TypeKind::Scalar)
      throw options.error(
          option, fmt::format("the table '{}' must be a Scalar, got {}", text, type_with_article(t->tensor_type())));
    const auto & batch = t->value().batch_shape();
    std::int64_t extents = 0;
    for (const auto b : batch)
      extents += b > 1 ? 1 : 0;
    if (extents > 1)
      throw options.error(option, fmt::format("the table '{}' must have one axis of entries, got batch shape {}", text,
                                              shape_str(batch)));
    return t->value().to_vector();
  }
  std::vector<double> values;
  std::istringstream words(text);
  for (std::string w; words >> w;)
  {
    double v = 0;
    const auto [end, ec] = std::from_chars(w.data(), w.data() + w.size(), v);
    if (ec != std::errc() || end != w.data() + w.size())
      throw options.error(option,
                          fmt::format("expected the name of a [Tensors] Scalar or a list of numbers, got '{}'", text));
    values.push_back(v);
  }
  return values;
}
} // namespace

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
    _abscissa(table(options, factory, "abscissa")),
    _ordinate(table(options, factory, "ordinate"))
{
  if (_abscissa.size() < 2)
    throw options.error("abscissa", fmt::format("the table needs at least 2 entries, got {}", _abscissa.size()));
  if (_ordinate.size() != _abscissa.size())
    throw options.error(
        "ordinate", fmt::format("expected {} values, one per abscissa, got {}", _abscissa.size(), _ordinate.size()));
  for (std::size_t i = 1; i < _abscissa.size(); ++i)
    if (!(_abscissa[i] > _abscissa[i - 1]))
      throw options.error("abscissa", fmt::format("the abscissae must increase; entry {} ({}) follows {}", i,
                                                  _abscissa[i], _abscissa[i - 1]));
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

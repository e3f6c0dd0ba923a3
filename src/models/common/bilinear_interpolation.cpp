// <Type>BilinearInterpolation: select the cell by comparisons on each axis, then the bilinear form.
#include "neml2/models/common/bilinear_interpolation.h"

#include "neml2/models/common/interpolation_table.h"

namespace neml2
{
template <typename T>
OptionSchema
BilinearInterpolation<T>::expected_options()
{
  const auto t = std::string(type_name(T::kind));
  return Model::expected_options()
      .doc("Bilinear interpolation of a " + t +
           " table over a rectilinear grid: in the cell holding (argument1, argument2), with xi and eta the "
           "arguments' fractions of it, output = Y00 + (Y10 - Y00) xi + (Y01 - Y00) eta + (Y11 - Y10 - Y01 + Y00) xi "
           "eta; end cells extend beyond the grid.")
      .optional("argument1", OptionKind::String, "argument1", "the first argument (input)")
      .optional("argument2", OptionKind::String, "argument2", "the second argument (input)")
      .optional("output", OptionKind::String, "", "the interpolated value (output; default: the block's name)")
      .required("abscissa1", OptionKind::String,
                "the increasing grid values of the first argument: a [Tensors] Scalar with one batch axis, or numbers")
      .required("abscissa2", OptionKind::String, "the increasing grid values of the second argument, the same way")
      .required("ordinate", OptionKind::String,
                "the table, a [Tensors] " + t + " with batch shape (N1, N2)" +
                    (T::kind == TypeKind::Scalar ? ", or N1 N2 numbers (row by row)" : ""));
}

template <typename T>
BilinearInterpolation<T>::BilinearInterpolation(const Options & options, Factory & factory)
  : Model(options),
    _x1(options.get_string("argument1")),
    _x2(options.get_string("argument2")),
    _y(options.has("output") ? options.get_string("output") : options.name()),
    _a1(abscissa_table(options, factory, "abscissa1")),
    _a2(abscissa_table(options, factory, "abscissa2")),
    _ordinate(ordinate_table(options, factory, "ordinate", T::kind, _a1.size() * _a2.size(), "grid node"))
{
  if (_x1 == _x2)
    throw options.error("argument2", "argument1 and argument2 must be different variables");
  declare_input(_x1, TypeKind::Scalar);
  declare_input(_x2, TypeKind::Scalar);
  declare_output_distinct(_y, T::kind, "output");
}

namespace
{
/// Picks, with comparisons on x, the value of the cell of `knots` holding x (the last i with
/// knots[i] <= x, at most the next-to-last knot): value(i) for the chosen i.
template <typename F>
sym::Sym
by_cell(const sym::Sym & x, const std::vector<double> & knots, F value)
{
  auto v = value(0);
  for (std::size_t i = 1; i + 1 < knots.size(); ++i)
    v = sym::where(sym::gt(x.lit(knots[i]), x), v, value(i));
  return v;
}
} // namespace

template <typename T>
void
BilinearInterpolation<T>::define(Staging & s) const
{
  const sym::Sym x1 = s.input<sym::Scalar>(_x1), x2 = s.input<sym::Scalar>(_x2);
  const auto n2 = _a2.size();
  constexpr auto nc = T::size;
  const auto Y = [&](std::size_t i, std::size_t j, std::size_t c) { return _ordinate[(i * n2 + j) * nc + c]; };
  // The cell's corner abscissae and fractions.
  const auto X10 = by_cell(x1, _a1, [&](std::size_t i) { return x1.lit(_a1[i]); });
  const auto X11 = by_cell(x1, _a1, [&](std::size_t i) { return x1.lit(_a1[i + 1]); });
  const auto X20 = by_cell(x2, _a2, [&](std::size_t j) { return x2.lit(_a2[j]); });
  const auto X21 = by_cell(x2, _a2, [&](std::size_t j) { return x2.lit(_a2[j + 1]); });
  const auto xi = (x1 - X10) / (X11 - X10), eta = (x2 - X20) / (X21 - X20);
  T out;
  for (std::size_t c = 0; c < nc; ++c)
  {
    const auto corner = [&](std::size_t di, std::size_t dj) {
      return by_cell(x1, _a1, [&](std::size_t i) {
        return by_cell(x2, _a2, [&](std::size_t j) { return x2.lit(Y(i + di, j + dj, c)); });
      });
    };
    const auto Y00 = corner(0, 0), Y01 = corner(0, 1), Y10 = corner(1, 0), Y11 = corner(1, 1);
    out[c] = Y00 + (Y10 - Y00) * xi + (Y01 - Y00) * eta + (Y11 - Y10 - Y01 + Y00) * (xi * eta);
  }
  s.output(_y, out);
}

using ScalarBilinearInterpolation = BilinearInterpolation<sym::Scalar>;
using VecBilinearInterpolation = BilinearInterpolation<sym::Vec>;
using SR2BilinearInterpolation = BilinearInterpolation<sym::SR2>;
template class BilinearInterpolation<sym::Scalar>;
template class BilinearInterpolation<sym::Vec>;
template class BilinearInterpolation<sym::SR2>;
NEML2_REGISTER(Model, ScalarBilinearInterpolation);
NEML2_REGISTER(Model, VecBilinearInterpolation);
NEML2_REGISTER(Model, SR2BilinearInterpolation);
} // namespace neml2

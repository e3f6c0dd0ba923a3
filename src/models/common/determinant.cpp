// Determinant: det(A) for SR2 (from its Mandel components) and R2 (row-major).
#include "neml2/models/common/determinant.h"

#include "neml2/graph/sym_tensor_ops.h"

namespace neml2
{
namespace
{
sym::Sym
det3(const sym::Sym & a, const sym::Sym & b, const sym::Sym & c, const sym::Sym & d, const sym::Sym & e,
     const sym::Sym & f, const sym::Sym & g, const sym::Sym & h, const sym::Sym & i)
{
  return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
}

sym::Sym
determinant(const sym::SR2 & A)
{
  // Mandel (xx, yy, zz, √2 yz, √2 xz, √2 xy) back to the tensor's shear components.
  const double r = 1.0 / sym::mandel_factor;
  const auto yz = r * A[3], xz = r * A[4], xy = r * A[5];
  return det3(A[0], xy, xz, xy, A[1], yz, xz, yz, A[2]);
}

sym::Sym
determinant(const sym::R2 & A)
{
  return det3(A[0], A[1], A[2], A[3], A[4], A[5], A[6], A[7], A[8]);
}
} // namespace

template <typename T>
OptionSchema
Determinant<T>::expected_options()
{
  const auto t = std::string(type_name(T::kind));
  return Model::expected_options()
      .doc("The determinant of a " + t + ": determinant = det(input).")
      .optional("input", OptionKind::String, "input", "the " + t + " (input)")
      .optional("determinant", OptionKind::String, "determinant", "its determinant (output)");
}

template <typename T>
Determinant<T>::Determinant(const Options & options, Factory &)
  : Model(options),
    _in(options.get_string("input")),
    _det(options.get_string("determinant"))
{
  declare_input(_in, T::kind);
  declare_output_distinct(_det, TypeKind::Scalar, "determinant");
}

template <typename T>
void
Determinant<T>::define(Staging & s) const
{
  s.output(_det, sym::Scalar(determinant(s.input<T>(_in))));
}

using SR2Determinant = Determinant<sym::SR2>;
using R2Determinant = Determinant<sym::R2>;
template class Determinant<sym::SR2>;
template class Determinant<sym::R2>;
NEML2_REGISTER(Model, SR2Determinant);
NEML2_REGISTER(Model, R2Determinant);
} // namespace neml2

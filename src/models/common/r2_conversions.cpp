// R2Multiplication, R2ToSR2, R2ToWR2, SR2ToR2 and RotationMatrix.
#include "neml2/models/common/r2_conversions.h"

#include "neml2/graph/sym_r2_ops.h"

namespace neml2
{
OptionSchema
R2Multiplication::expected_options()
{
  return Model::expected_options()
      .doc("Product of two full second-order tensors, to = op(A) op(B), where op inverts and/or transposes as asked "
           "(inverse first).")
      .optional("A", OptionKind::String, "A", "the left factor (input)")
      .optional("B", OptionKind::String, "B", "the right factor (input)")
      .optional("to", OptionKind::String, "to", "the product (output)")
      .optional("invert_A", OptionKind::Bool, "false", "use the inverse of A")
      .optional("invert_B", OptionKind::Bool, "false", "use the inverse of B")
      .optional("transpose_A", OptionKind::Bool, "false", "use the transpose of A (of its inverse with invert_A)")
      .optional("transpose_B", OptionKind::Bool, "false", "use the transpose of B (of its inverse with invert_B)");
}

R2Multiplication::R2Multiplication(const Options & options, Factory &)
  : Model(options),
    _A(options.get_string("A")),
    _B(options.get_string("B")),
    _to(options.get_string("to")),
    _inv_A(options.get_bool("invert_A")),
    _inv_B(options.get_bool("invert_B")),
    _trans_A(options.get_bool("transpose_A")),
    _trans_B(options.get_bool("transpose_B"))
{
  declare_input(_A, TypeKind::R2);
  declare_input(_B, TypeKind::R2); // A and B may be the same variable (A A, A^T A, ...)
  declare_output_distinct(_to, TypeKind::R2, "to");
}

void
R2Multiplication::define(Staging & s) const
{
  const auto op = [](sym::R2 x, bool inv, bool trans) {
    if (inv)
      x = sym::inverse(x);
    return trans ? sym::transpose(x) : x;
  };
  s.output(_to, sym::matmul(op(s.input<sym::R2>(_A), _inv_A, _trans_A), op(s.input<sym::R2>(_B), _inv_B, _trans_B)));
}

namespace
{
struct ConversionTypes
{
  TypeKind from, to;
  const char *from_option, *to_option, *doc;
};

ConversionTypes
types_of(R2Conversion::Kind k)
{
  using K = R2Conversion::Kind;
  switch (k)
  {
    case K::R2ToSR2:
      return {TypeKind::R2, TypeKind::SR2, "input", "output", "The symmetric part of a full second-order tensor."};
    case K::R2ToWR2:
      return {TypeKind::R2, TypeKind::WR2, "input", "output",
              "The skew part of a full second-order tensor, as its axial vector w: W = [[0, -w2, w1], [w2, 0, -w0], "
              "[-w1, w0, 0]]."};
    case K::SR2ToR2:
      return {TypeKind::SR2, TypeKind::R2, "input", "output", "The full form of a symmetric second-order tensor."};
    case K::RotationMatrix:
      return {TypeKind::MRP, TypeKind::R2, "from", "to",
              "The rotation matrix of an orientation given as modified Rodrigues parameters r (Euler-Rodrigues): R = "
              "I + (4 (1 - r.r) W + 8 W^2) / (1 + r.r)^2, W the skew matrix of r."};
  }
  NEML2_UNREACHABLE("unknown conversion");
}
} // namespace

OptionSchema
R2Conversion::conversion_options(Kind kind)
{
  const auto t = types_of(kind);
  return Model::expected_options()
      .doc(t.doc)
      .optional(t.from_option, OptionKind::String, t.from_option,
                std::string("the ") + std::string(type_name(t.from)) + " (input)")
      .optional(t.to_option, OptionKind::String, t.to_option,
                std::string("the ") + std::string(type_name(t.to)) + " (output)");
}

R2Conversion::R2Conversion(const Options & options, Kind kind)
  : Model(options),
    _kind(kind)
{
  const auto t = types_of(kind);
  _from = options.get_string(t.from_option);
  _to = options.get_string(t.to_option);
  declare_input(_from, t.from);
  declare_output_distinct(_to, t.to, t.to_option);
}

void
R2Conversion::define(Staging & s) const
{
  switch (_kind)
  {
    case Kind::R2ToSR2:
      s.output(_to, sym::sym_part(s.input<sym::R2>(_from)));
      return;
    case Kind::R2ToWR2:
      s.output(_to, sym::skew_part(s.input<sym::R2>(_from)));
      return;
    case Kind::SR2ToR2:
      s.output(_to, sym::r2_from_sr2(s.input<sym::SR2>(_from)));
      return;
    case Kind::RotationMatrix:
      s.output(_to, sym::rotation_matrix(s.input<sym::MRP>(_from)));
      return;
  }
}

using R2ToSR2 = R2ConversionOf<R2Conversion::Kind::R2ToSR2>;
using R2ToWR2 = R2ConversionOf<R2Conversion::Kind::R2ToWR2>;
using SR2ToR2 = R2ConversionOf<R2Conversion::Kind::SR2ToR2>;
using RotationMatrix = R2ConversionOf<R2Conversion::Kind::RotationMatrix>;
NEML2_REGISTER(Model, R2Multiplication);
NEML2_REGISTER(Model, R2ToSR2);
NEML2_REGISTER(Model, R2ToWR2);
NEML2_REGISTER(Model, SR2ToR2);
NEML2_REGISTER(Model, RotationMatrix);
} // namespace neml2

// ScalarToDiagonalSR2: output = input I.
#include "neml2/models/common/scalar_to_diagonal_sr2.h"

#include "neml2/graph/sym_tensor_ops.h"

namespace neml2
{
OptionSchema
ScalarToDiagonalSR2::expected_options()
{
  return Model::expected_options()
      .doc("A diagonal SR2 filled with a Scalar: output = input I.")
      .optional("input", OptionKind::String, "input", "the Scalar (input)")
      .optional("output", OptionKind::String, "output", "the diagonal SR2 (output)");
}

ScalarToDiagonalSR2::ScalarToDiagonalSR2(const Options & options, Factory &)
  : Model(options),
    _in(options.get_string("input")),
    _out(options.get_string("output"))
{
  declare_input(_in, TypeKind::Scalar);
  declare_output_distinct(_out, TypeKind::SR2, "output");
}

void
ScalarToDiagonalSR2::define(Staging & s) const
{
  const sym::Sym x = s.input<sym::Scalar>(_in);
  s.output(_out, sym::SR2(x * sym::identity_sr2(s.graph())));
}

NEML2_REGISTER(Model, ScalarToDiagonalSR2);
} // namespace neml2

// IrreversibleScalar: to = max(to~1, from).
#include "neml2/models/common/irreversible_scalar.h"

namespace neml2
{
OptionSchema
IrreversibleScalar::expected_options()
{
  return Model::expected_options()
      .doc("Monotonic ratchet on a Scalar: to = from where from > to~1, else to~1, where to~1 is the output's value "
           "at the previous step.")
      .optional("from", OptionKind::String, "from", "the trial value (input)")
      .optional("to", OptionKind::String, "to", "the ratcheted value (output; its previous value is read from 'to~1')");
}

IrreversibleScalar::IrreversibleScalar(const Options & options, Factory &)
  : Model(options),
    _from(options.get_string("from")),
    _to(options.get_string("to"))
{
  declare_input(_from, TypeKind::Scalar);
  declare_input(_to + "~1", TypeKind::Scalar);
  declare_output_distinct(_to, TypeKind::Scalar, "to");
}

void
IrreversibleScalar::define(Staging & s) const
{
  const sym::Sym x = s.input<sym::Scalar>(_from), old = s.input<sym::Scalar>(_to + "~1");
  s.output(_to, sym::Scalar(sym::where(sym::gt(x, old), x, old)));
}

NEML2_REGISTER(Model, IrreversibleScalar);
} // namespace neml2

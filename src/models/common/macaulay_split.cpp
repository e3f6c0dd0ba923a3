// MacaulaySplit: <x>+ = max(x, 0), <x>- = x − <x>+.
#include "neml2/models/common/macaulay_split.h"

namespace neml2
{
OptionSchema
MacaulaySplit::expected_options()
{
  return Model::expected_options()
      .doc("Splits a Scalar into its Macaulay (positive) part to_positive = max(from, 0) and the negative part "
           "to_negative = from - to_positive.")
      .optional("from", OptionKind::String, "from", "the Scalar to split (input)")
      .optional("to_positive", OptionKind::String, "to_positive", "its positive part (output)")
      .optional("to_negative", OptionKind::String, "to_negative", "its negative part (output)");
}

MacaulaySplit::MacaulaySplit(const Options & options, Factory &)
  : Model(options),
    _from(options.get_string("from")),
    _positive(options.get_string("to_positive")),
    _negative(options.get_string("to_negative"))
{
  declare_input(_from, TypeKind::Scalar);
  declare_output_distinct(_positive, TypeKind::Scalar, "to_positive");
  declare_output_distinct(_negative, TypeKind::Scalar, "to_negative");
}

void
MacaulaySplit::define(Staging & s) const
{
  const sym::Sym x = s.input<sym::Scalar>(_from);
  const auto positive = sym::macaulay(x);
  s.output(_positive, sym::Scalar(positive));
  s.output(_negative, sym::Scalar(x - positive));
}

NEML2_REGISTER(Model, MacaulaySplit);
} // namespace neml2

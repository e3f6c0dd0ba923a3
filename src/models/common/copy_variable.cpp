// CopyVariable: to = from.
#include "neml2/models/common/copy_variable.h"

namespace neml2
{
template <typename T>
OptionSchema
CopyVariable<T>::expected_options()
{
  const auto t = std::string(type_name(T::kind));
  return Model::expected_options()
      .doc("Copies a " + t + " variable: to = from.")
      .optional("from", OptionKind::String, "from", "the variable to copy (input)")
      .optional("to", OptionKind::String, "to", "the copy (output)");
}

template <typename T>
CopyVariable<T>::CopyVariable(const Options & options, Factory &)
  : Model(options),
    _from(options.get_string("from")),
    _to(options.get_string("to"))
{
  declare_input(_from, T::kind);
  declare_output_distinct(_to, T::kind, "to");
}

template <typename T>
void
CopyVariable<T>::define(Staging & s) const
{
  s.output(_to, s.input<T>(_from));
}

#define NEML2_COPY_VARIABLE(Type)             \
  using Copy##Type = CopyVariable<sym::Type>; \
  template class CopyVariable<sym::Type>;     \
  NEML2_REGISTER(Model, Copy##Type)
NEML2_COPY_VARIABLE(Scalar);
NEML2_COPY_VARIABLE(Vec);
NEML2_COPY_VARIABLE(R2);
NEML2_COPY_VARIABLE(SR2);
NEML2_COPY_VARIABLE(SSR4);
NEML2_COPY_VARIABLE(WR2);
NEML2_COPY_VARIABLE(MRP);
NEML2_COPY_VARIABLE(MillerIndex);
} // namespace neml2

// VecComponents: (to_0, to_1, to_2) = from.
#include "neml2/models/common/vec_components.h"

#include <fmt/format.h>

namespace neml2
{
OptionSchema
VecComponents::expected_options()
{
  return Model::expected_options()
      .doc("Splits a Vec into its three components, as three Scalar variables.")
      .optional("from", OptionKind::String, "from", "the Vec (input)")
      .required("to", OptionKind::Strings, "the names of the three Scalar components (outputs), in order 0, 1, 2");
}

VecComponents::VecComponents(const Options & options, Factory &)
  : Model(options),
    _from(options.get_string("from"))
{
  const auto to = options.get_strings("to");
  if (to.size() != 3)
    throw options.error("to", fmt::format("expected 3 names, one per component, got {}", to.size()));
  declare_input(_from, TypeKind::Vec);
  for (std::size_t i = 0; i < 3; ++i)
  {
    _to[i] = to[i];
    declare_output_distinct(_to[i], TypeKind::Scalar, "to");
  }
}

void
VecComponents::define(Staging & s) const
{
  const auto v = s.input<sym::Vec>(_from);
  for (std::size_t i = 0; i < 3; ++i)
    s.output(_to[i], sym::Scalar(v[i]));
}

NEML2_REGISTER(Model, VecComponents);
} // namespace neml2

// ScalarMultiplication: u = c * prod_i (v_i or 1/v_i).
#include "neml2/models/common/scalar_multiplication.h"

#include "neml2/models/common/option_helpers.h"

namespace neml2
{
OptionSchema
ScalarMultiplication::expected_options()
{
  return Model::expected_options()
      .doc("Product of Scalar variables times a scaling coefficient, u = c prod_i w_i, where w_i is 1/v_i for the "
           "variables marked reciprocal and v_i otherwise.")
      .optional("from_var", OptionKind::Strings, "", "the Scalar variables v_i to multiply (required)")
      .optional("from", OptionKind::Strings, "", "same as from_var (NEML2's newer name)")
      .optional("to_var", OptionKind::String, "", "the output variable u (required)")
      .optional("to", OptionKind::String, "", "same as to_var (NEML2's newer name)")
      .optional("coefficient", OptionKind::String, "1",
                "the scaling c: a number, a [Tensors] name, a [Models] name or a variable name")
      .optional("scaling", OptionKind::String, "1", "same as coefficient (NEML2's newer name)")
      .optional("reciprocal", OptionKind::Strings, "false",
                "whether to use 1/v_i instead of v_i: one boolean per variable, or one for all");
}

ScalarMultiplication::ScalarMultiplication(const Options & options, Factory & factory)
  : Model(options)
{
  const auto from = option_alias(options, "from_var", "from", true);
  _from = options.get_strings(from);
  if (_from.empty())
    throw options.error(from, "expected at least one variable");
  _to = options.get_string(option_alias(options, "to_var", "to", true));
  for (const auto & w : per_variable(options, "reciprocal", _from.size()))
    _reciprocal.push_back(bool_word(options, "reciprocal", w));
  for (const auto & v : _from)
    declare_input(v, TypeKind::Scalar);
  const auto c = option_alias(options, "coefficient", "scaling");
  _scaling = declare_parameter<sym::Scalar>("scaling", options.get_string(c), c, factory);
  declare_output(_to, TypeKind::Scalar);
}

void
ScalarMultiplication::define(Staging & s) const
{
  sym::Sym u = param(s, _scaling).sym();
  for (std::size_t i = 0; i < _from.size(); ++i)
  {
    const auto v = s.input<sym::Scalar>(_from[i]).sym();
    u = _reciprocal[i] ? u / v : u * v;
  }
  s.output(_to, sym::Scalar(u));
}

NEML2_REGISTER(Model, ScalarMultiplication);
} // namespace neml2

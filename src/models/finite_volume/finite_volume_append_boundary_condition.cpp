// FiniteVolumeAppendBoundaryCondition: [bc, input...] or [input..., bc].
#include "neml2/models/finite_volume/finite_volume_append_boundary_condition.h"

namespace neml2
{
OptionSchema
FiniteVolumeAppendBoundaryCondition::expected_options()
{
  return Model::expected_options()
      .doc("Adds a boundary value at one end of a list along the cell axis, N entries becoming N + 1: "
           "[bc_value, input...] on the left, [input..., bc_value] on the right (fluxes on the interior edges "
           "with a boundary flux, say).")
      .choice("side", {"left", "right"}, "left", "the end the boundary value goes to")
      .optional("input", OptionKind::String, "input", "the values along the cell axis (input)")
      .optional("output", OptionKind::String, "",
                "the values with the boundary value (output); default "
                "<input>_with_bc_left or <input>_with_bc_right")
      .required("bc_value", OptionKind::String,
                "the boundary value (parameter 'bc_value'): a number or a [Tensors] Scalar with one value");
}

namespace
{
std::string
output_name(const Options & options)
{
  const auto given = options.get_string("output");
  return given.empty() ? options.get_string("input") + "_with_bc_" + options.get_string("side") : given;
}
} // namespace

FiniteVolumeAppendBoundaryCondition::FiniteVolumeAppendBoundaryCondition(const Options & options, Factory & factory)
  : CellAxisModel(options),
    _left(options.get_string("side") == "left"),
    _input(options.get_string("input")),
    _output(output_name(options))
{
  declare_input_pending(_input, TypeKind::Scalar);
  _bc = declare_list_parameter<sym::Scalar>("bc_value", options.get_string("bc_value"), "bc_value", factory);
  const auto & bc = own_parameter("bc_value");
  if (!bc.variable.empty())
    throw options.error("bc_value", fmt::format("the boundary value is a fixed value here, a number or a [Tensors] "
                                                "Scalar, not the variable '{}'",
                                                bc.variable));
  if (numel(bc.sub_batch) != 1)
    throw options.error("bc_value", fmt::format("the boundary value is one value, but it has {} (sub-batch {})",
                                                numel(bc.sub_batch), shape_str(bc.sub_batch)));
  declare_output_distinct(_output, TypeKind::Scalar, "output");
  tie_variable(_input, 0);
  tie_variable(_output, 1);
}

void
FiniteVolumeAppendBoundaryCondition::define(Staging & s) const
{
  auto values = s.input_list<sym::Scalar>(_input);
  const auto bc = param_list(s, _bc)[0];
  values.insert(_left ? values.begin() : values.end(), bc);
  s.output_list(_output, values);
}

NEML2_REGISTER(Model, FiniteVolumeAppendBoundaryCondition);
} // namespace neml2

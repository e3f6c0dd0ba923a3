// LinearlyInterpolateToCellEdges: linear interpolation between neighbouring cell centers.
#include "neml2/models/finite_volume/linearly_interpolate_to_cell_edges.h"

namespace neml2
{
OptionSchema
LinearlyInterpolateToCellEdges::expected_options()
{
  return Model::expected_options()
      .doc("Cell values interpolated linearly onto the interior edges of a 1-D grid: each edge takes the values of "
           "the two cells on either side, weighted by its distance to their centers. N cells (N centers, N + 1 "
           "edges) give N - 1 interior edges.")
      .required("cell_values", OptionKind::String,
                "the cell values (parameter 'cell_values'): a number, a per-cell [Tensors] Scalar, or a variable "
                "or [Models] name")
      .required("cell_centers", OptionKind::String,
                "the cell centers, increasing (parameter 'cell_centers'): a per-cell [Tensors] Scalar")
      .required("cell_edges", OptionKind::String,
                "every cell edge, the two boundaries included (parameter 'cell_edges'): a [Tensors] Scalar with "
                "N + 1 values")
      .optional("edge_values", OptionKind::String, "edge_values", "the values on the interior edges (output)");
}

LinearlyInterpolateToCellEdges::LinearlyInterpolateToCellEdges(const Options & options, Factory & factory)
  : CellAxisModel(options),
    _out(options.get_string("edge_values"))
{
  _values =
      declare_list_parameter<sym::Scalar>("cell_values", options.get_string("cell_values"), "cell_values", factory);
  _centers =
      declare_list_parameter<sym::Scalar>("cell_centers", options.get_string("cell_centers"), "cell_centers", factory);
  _edges = declare_list_parameter<sym::Scalar>("cell_edges", options.get_string("cell_edges"), "cell_edges", factory);
  declare_output_distinct(_out, TypeKind::Scalar, "edge_values");
  tie_variable(_out, -1);
  tie_parameter("cell_values", 0, "cell_values");
  tie_parameter("cell_centers", 0, "cell_centers");
  tie_parameter("cell_edges", 1, "cell_edges");
}

void
LinearlyInterpolateToCellEdges::define(Staging & s) const
{
  const auto n = cells();
  const auto q = param_list(s, _values);
  const auto x = param_list(s, _centers);
  const auto xe = param_list(s, _edges);
  std::vector<sym::Scalar> out;
  for (std::int64_t e = 0; e + 1 < n; ++e)
  {
    const sym::Sym left = entry(x, e).sym(), right = entry(x, e + 1).sym(), edge = entry(xe, e + 1).sym();
    const sym::Sym inverse = 1.0 / (right - left);
    out.emplace_back((right - edge) * inverse * entry(q, e).sym() + (edge - left) * inverse * entry(q, e + 1).sym());
  }
  s.output_list(_out, out);
}

NEML2_REGISTER(Model, LinearlyInterpolateToCellEdges);
} // namespace neml2

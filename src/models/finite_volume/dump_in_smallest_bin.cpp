// DumpInSmallestBin: [m, 0, ..., 0].
#include "neml2/models/finite_volume/dump_in_smallest_bin.h"

namespace neml2
{
OptionSchema
DumpInSmallestBin::expected_options()
{
  return Model::expected_options()
      .doc("Puts a source of magnitude m entirely into the first cell (the smallest bin of a size distribution): "
           "[m, 0, ..., 0], one entry per cell center.")
      .optional("magnitude", OptionKind::String, "magnitude", "the magnitude m (input, one per point)")
      .optional("dumped_source", OptionKind::String, "state/dumped_source", "the source in each cell (output)")
      .required("cell_centers", OptionKind::String,
                "the cell centers, which give the number of cells (parameter 'cell_centers'): a per-cell [Tensors] "
                "Scalar, or a variable name");
}

DumpInSmallestBin::DumpInSmallestBin(const Options & options, Factory & factory)
  : CellAxisModel(options),
    _magnitude(options.get_string("magnitude")),
    _source(options.get_string("dumped_source"))
{
  declare_input(_magnitude, TypeKind::Scalar);
  _centers =
      declare_list_parameter<sym::Scalar>("cell_centers", options.get_string("cell_centers"), "cell_centers", factory);
  declare_output_distinct(_source, TypeKind::Scalar, "dumped_source");
  tie_variable(_source, 0);
  tie_parameter("cell_centers", 0, "cell_centers");
}

void
DumpInSmallestBin::define(Staging & s) const
{
  const sym::Sym m = s.input<sym::Scalar>(_magnitude);
  std::vector<sym::Scalar> source(static_cast<std::size_t>(cells()), sym::Scalar(m.lit(0.0)));
  source[0] = sym::Scalar(m);
  s.output_list(_source, source);
}

NEML2_REGISTER(Model, DumpInSmallestBin);
} // namespace neml2

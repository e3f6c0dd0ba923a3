// DumpInSmallestBin: a source put entirely into the first cell.
#pragma once

#include "neml2/models/finite_volume/cell_axis_model.h"

namespace neml2
{
/// dumped_source = [m, 0, ..., 0] over the N cells given by `cell_centers` (NEML2's
/// DumpInSmallestBin: nucleated precipitates enter the smallest size bin).
class DumpInSmallestBin : public CellAxisModel
{
public:
  DumpInSmallestBin(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _magnitude, _source;
  Param<sym::Scalar> _centers;
};
} // namespace neml2

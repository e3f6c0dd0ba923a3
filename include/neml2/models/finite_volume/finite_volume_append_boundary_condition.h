// FiniteVolumeAppendBoundaryCondition: a boundary value added at one end of a list of edge values.
#pragma once

#include "neml2/models/finite_volume/cell_axis_model.h"

namespace neml2
{
/// output = [bc_value, input...] (side = left) or [input..., bc_value] (side = right): N entries
/// become N + 1 (NEML2's FiniteVolumeAppendBoundaryCondition), so that the fluxes on the interior
/// edges, given their boundary values, cover every edge. The output is named
/// `<input>_with_bc_<side>` unless given.
class FiniteVolumeAppendBoundaryCondition : public CellAxisModel
{
public:
  FiniteVolumeAppendBoundaryCondition(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  bool _left;
  std::string _input, _output;
  Param<sym::Scalar> _bc;
};
} // namespace neml2

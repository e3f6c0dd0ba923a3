// LinearlyInterpolateToCellEdges: cell values interpolated linearly onto the interior edges.
#pragma once

#include "neml2/models/finite_volume/cell_axis_model.h"

namespace neml2
{
/// q_edge[e] = ((x[e + 1] - xe[e + 1]) q[e] + (xe[e + 1] - x[e]) q[e + 1]) / (x[e + 1] - x[e]) on
/// the N - 1 interior edges, x the N cell centers and xe the N + 1 edges (NEML2's
/// LinearlyInterpolateToCellEdges). The cell values are a parameter that may be a variable.
class LinearlyInterpolateToCellEdges : public CellAxisModel
{
public:
  LinearlyInterpolateToCellEdges(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _out;
  Param<sym::Scalar> _values, _centers, _edges;
};
} // namespace neml2

// SmearedDeltaSource: a point source spread over the cells as a Gaussian.
#pragma once

#include "neml2/models/finite_volume/cell_axis_model.h"

namespace neml2
{
/// source[i] = m / (w sqrt(2 pi)) exp(-((x[i] - x0) / w)^2 / 2) at the N cell centers x (NEML2's
/// SmearedDeltaSource): a source of magnitude m at x0, smeared over width w.
class SmearedDeltaSource : public CellAxisModel
{
public:
  SmearedDeltaSource(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _magnitude, _location, _source;
  Param<sym::Scalar> _width, _centers;
};
} // namespace neml2

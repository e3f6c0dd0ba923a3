// PrecipitateVolumeFraction: the volume fraction of a size distribution of precipitates.
#pragma once

#include "neml2/models/finite_volume/cell_axis_model.h"

namespace neml2
{
/// f = sum_i 4/3 pi R_i^3 n_i over the size bins (NEML2's PrecipitateVolumeFraction): n the number density per bin
/// (input), R the radius per bin (parameter 'R', option radius).
class PrecipitateVolumeFraction : public CellAxisModel
{
public:
  PrecipitateVolumeFraction(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _n, _f;
  Param<sym::Scalar> _R;
};
} // namespace neml2

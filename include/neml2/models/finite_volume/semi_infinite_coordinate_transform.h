// SemiInfiniteCoordinateTransform: a coordinate on [0, inf) mapped onto [0, 1).
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// x_hat = x / (x + s) (NEML2's SemiInfiniteCoordinateTransform), s the shift (parameter 's').
class SemiInfiniteCoordinateTransform : public Model
{
public:
  SemiInfiniteCoordinateTransform(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _x, _x_hat;
  Param<sym::Scalar> _s;
};
} // namespace neml2

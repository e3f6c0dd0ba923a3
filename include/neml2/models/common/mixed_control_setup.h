// MixedControlSetup: per-component choice between a prescribed and a solved-for SR2.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * Mixed stress/strain control: for each Mandel component i, y_i = x_above_i where control_i >
 * threshold, else x_below_i; z_i takes the other one. With x_above the prescribed values and
 * x_below the unknown "mixed state" of an implicit update, y and z are the stress and strain
 * with some components of each prescribed (NEML2 v3).
 */
class MixedControlSetup : public Model
{
public:
  MixedControlSetup(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _control, _above, _below, _y, _z;
  double _threshold;
};
} // namespace neml2

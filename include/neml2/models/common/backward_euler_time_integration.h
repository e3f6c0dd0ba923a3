// BackwardEulerTimeIntegration: the residual r = x - x~1 - x_rate (t - t~1) of an implicit update.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * The backward Euler residual of a Scalar, Vec, SR2 or R2 variable x:
 *
 *   r = x - x~1 - x_rate (t - t~1)
 *
 * where `~1` marks the previous step's value. Options (NEML2's names): `variable` (x),
 * `rate` (default `<variable>_rate`), `time` (default `t`), `residual` (default
 * `<variable>_residual`). Registered as Scalar-, Vec-, SR2- and R2BackwardEulerTimeIntegration.
 */
template <typename T>
class BackwardEulerTimeIntegration : public Model
{
public:
  BackwardEulerTimeIntegration(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _x, _rate, _t;
  std::string _r_option; // variable_residual, or its older name residual
  std::string _r;
};
} // namespace neml2

// ForwardEulerTimeIntegration: the explicit update x = x~1 + x_rate (t - t~1).
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * The forward Euler update of a Scalar, Vec, SR2 or R2 variable x:
 *
 *   x = x~1 + x_rate (t - t~1)
 *
 * Options (NEML2's names): `variable` (x, the output), `rate` (default `<variable>_rate`),
 * `time` (default `t`), `old_variable` (default `<variable>~1`: the previous value to start
 * from). Registered as Scalar-, Vec-, SR2- and R2ForwardEulerTimeIntegration.
 */
template <typename T>
class ForwardEulerTimeIntegration : public Model
{
public:
  ForwardEulerTimeIntegration(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _x, _x_old, _rate, _t;
};
} // namespace neml2

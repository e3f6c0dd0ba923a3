// ScalarPNorm: to = (sum_i w_i |from_i|^p + eps)^(1/p).
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * The weighted p-norm of several Scalar variables, regularized by the machine epsilon so that
 * it stays differentiable at zero (NEML2 v3). Parameters `_p` (option `exponent`) and
 * `weight_0`, `weight_1`, ... (option `weights`: one for all variables or one each).
 */
class ScalarPNorm : public Model
{
public:
  ScalarPNorm(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::vector<std::string> _from;
  std::string _to;
  Param<sym::Scalar> _p;
  std::vector<Param<sym::Scalar>> _weights;
};
} // namespace neml2

// FBComplementarity: the Fischer-Burmeister residual of a complementarity condition.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * The complementarity conditions a' >= 0, b' >= 0, a' b' = 0 written as one equation with the
 * Fischer-Burmeister function:
 *
 *   r = a' + b' - sqrt(a'^2 + b'^2),   a' = s_a a,  b' = s_b b,
 *
 * where s_a = -1 when `a_inequality = LE` (a <= 0) and +1 when `GE`, likewise s_b. Defaults
 * as NEML2: a LE, b GE (a the yield function, b the flow rate). At a = b = 0 the root is not
 * differentiable; there r = 0 and the derivative is taken as (s_a, s_b). Where a' + b' > 0 the
 * residual is evaluated as the equal 2 a' b' / (a' + b' + sqrt(a'^2 + b'^2)), which avoids the
 * cancellation of the plain formula when one argument dominates (NEML2 uses the plain one).
 * Options: `a`, `b` (input names, default 'a', 'b'), `a_inequality`, `b_inequality`,
 * `complementarity` (the output, default 'complementarity').
 */
class FBComplementarity : public Model
{
public:
  FBComplementarity(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _a, _b, _r;
  double _sa, _sb;
};
} // namespace neml2

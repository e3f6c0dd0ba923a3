// MinMapComplementarity: the minimum-map residual of a complementarity condition.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * The complementarity conditions a' >= 0, b' >= 0, a' b' = 0 written as one equation with the
 * minimum map:
 *
 *   r = min(a', b'),   a' = s_a a,  b' = s_b b,
 *
 * where s_a = -1 when `a_inequality = LE` (a <= 0) and +1 when `GE`, likewise s_b (NEML2's
 * sign scaling; defaults a LE, b GE). The derivative follows the smaller argument; on a tie
 * (a' = b') it is b's, as NEML2. Options: `a`, `b`, `a_inequality`, `b_inequality`,
 * `complementarity` (the output, default 'complementarity').
 */
class MinMapComplementarity : public Model
{
public:
  MinMapComplementarity(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _a, _b, _r;
  double _sa, _sb;
};

/// The options the two complementarity models share (inputs, inequalities, output).
OptionSchema complementarity_options(const std::string & doc);
/// Reads them: the names of a, b and the output, and the signs s_a, s_b.
void read_complementarity_options(const Options & options, std::string & a, std::string & b, std::string & r,
                                  double & sa, double & sb);
} // namespace neml2

// SR2Invariant: a scalar invariant (I1, I2, von Mises, effective strain) of a symmetric tensor.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * For a symmetric tensor A (Mandel components), with S = dev(A):
 *   I1 = tr(A),  I2 = (tr(A)^2 - A:A) / 2,
 *   VONMISES = sqrt(3/2 S:S),  EFFECTIVE_STRAIN = sqrt(2/3 A:A).
 * EFFECTIVE_STRAIN uses the whole tensor as NEML2 does (it equals sqrt(2/3 dev:dev) for the
 * deviatoric strains it is meant for).
 * The two norms are not differentiable where their argument vanishes; there the value is
 * exactly 0 and the derivative is taken as 0 (the smallest subgradient), so derivatives stay
 * finite. NEML2 instead adds machine epsilon under the square root, which shifts the value.
 */
class SR2Invariant : public Model
{
public:
  enum class Type
  {
    I1,
    I2,
    VONMISES,
    EFFECTIVE_STRAIN
  };

  SR2Invariant(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  Type _type;
  std::string _tensor, _invariant;
};
} // namespace neml2

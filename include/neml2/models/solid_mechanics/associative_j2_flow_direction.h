// AssociativeJ2FlowDirection: the J2 flow direction N = 3/2 dev(M) / σ̄.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * N = ∂σ̄/∂M = 3/2 dev(M) / σ̄ with σ̄ = sqrt(3/2 dev(M):dev(M)) the von Mises stress of the
 * Mandel stress M. Where dev(M) = 0 the direction is undefined; there N = 0 and its derivative
 * is 0 (NEML2 adds machine epsilon to σ̄ instead). Variables: `mandel_stress` (input),
 * `flow_direction` (output); each defaults to its option's name.
 */
class AssociativeJ2FlowDirection : public Model
{
public:
  AssociativeJ2FlowDirection(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _M, _N;
};
} // namespace neml2

// Normality: the first derivatives of a scalar function of another model, as variables.
#pragma once

#include <memory>

#include "neml2/models/nested_model.h"

namespace neml2
{
/**
 * u_i = ∂f/∂v_i: the derivatives of the Scalar output f (`function`) of the model named by
 * `model` with respect to its inputs v_i (`from`), stored in the variables u_i (`to`, same
 * order; each has the type of its v_i). The inputs of Normality are every input of the
 * sub-model; its parameters are the sub-model's, named "<model>.<name>".
 *
 * It works on graphs: the sub-model is staged into a graph of its own, differentiated there
 * (graph::with_jacobian) and the derivative graph is inlined into the caller's graph, fed with
 * the caller's symbols. Derivatives of Normality's outputs (the second derivatives of f, needed
 * by implicit updates) then come from the same forward AD as everything else.
 */
class Normality : public Model
{
public:
  Normality(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;
  std::vector<std::pair<std::string, ParameterSpec *>> all_parameters() override;

private:
  std::unique_ptr<NestedModel> _model; ///< the sub-model, with df/dv_i
  std::string _f;
  std::vector<std::string> _from, _to;
};
} // namespace neml2

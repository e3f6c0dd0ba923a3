// [EquationSystems] NonlinearSystem: a residual model and the unknowns it is solved for.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// r(u; g) = 0 where r are the outputs `residuals` (default <u>_residual) of `model` and u its
/// inputs `unknowns`; every other input of the model is given.
class NonlinearSystem : public Object
{
public:
  NonlinearSystem(const Options & options, Factory & factory);
  static OptionSchema expected_options();

  const std::shared_ptr<Model> & model() const { return _model; }
  const std::vector<std::string> & unknowns() const { return _unknowns; }
  const std::vector<std::string> & residuals() const { return _residuals; }
  /// The number of unknowns in each group (one group when the input gives no ';').
  const std::vector<std::size_t> & group_sizes() const { return _group_sizes; }

private:
  std::shared_ptr<Model> _model;
  std::vector<std::string> _unknowns, _residuals;
  std::vector<std::size_t> _group_sizes;
};
} // namespace neml2

// ImplicitUpdate: a model whose outputs solve a NonlinearSystem, point by point.
#pragma once

#include "neml2/graph/implicit.h"
#include "neml2/models/model.h"

namespace neml2
{
class NonlinearSystem;
class Predictor;

/**
 * Outputs the unknowns u of an equation system r(u; g) = 0, solved per material point by
 * Newton's method; inputs are the residual model's other inputs g. Staged as one Solve node
 * holding the residual graph (see doc/dev/ir.md), so eager and compiled iterate identically,
 * and derivatives follow from the implicit function theorem, du/dg = -(dr/du)^{-1} dr/dg.
 *
 * The initial guess comes from `predictor`: a model in [Models] whose outputs are unknowns
 * (NEML2 v3's form, e.g. ConstantExtrapolationPredictor), staged ahead of the solve, or a
 * [Predictors] object. Unknowns it does not cover, and every unknown without one, start from the
 * previous step's value u~1 when the residual model reads it, and from zero otherwise.
 */
class ImplicitUpdate : public Model
{
public:
  ImplicitUpdate(const Options & options, Factory & factory);
  static OptionSchema expected_options();

  void define(Staging & s) const override;
  std::vector<std::pair<std::string, ParameterSpec *>> all_parameters() override;
  /// Resolves the variable here, in the residual model and in the predictor model.
  void resolve_sub_batch(const std::string & name, const Shape & sub_batch) override;

private:
  /// Checks a [Models] predictor against the unknowns and declares what it reads as inputs.
  void use_predictor_model(std::shared_ptr<Model> predictor, const Options & options);

  std::shared_ptr<NonlinearSystem> _system;
  std::shared_ptr<Predictor> _predictor;   ///< a [Predictors] object, or null
  std::shared_ptr<Model> _predictor_model; ///< a [Models] predictor, or null
  graph::NewtonSettings _settings;
  int _max_substep_level = 0; ///< max_substepping_level
};
} // namespace neml2

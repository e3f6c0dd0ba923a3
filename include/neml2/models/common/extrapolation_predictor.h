// ConstantExtrapolationPredictor and LinearExtrapolationPredictor as models in [Models] (NEML2 v3):
// the initial guess of an implicit update's unknowns, named by its `predictor` option.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "neml2/models/model.h"

// In namespace neml2::models: the [Predictors] objects of the same NEML2 names are neml2::Predictor
// classes (solvers/predictor.h).
namespace neml2::models
{
/**
 * Outputs each unknown u listed in `unknowns_<Type>` from its history: u = u~1 (constant) or
 * u = u~1 + (u~1 - u~2) (t - t~1) / (t~1 - t~2) (linear). On a step without history, where
 * |t~1 - t~2| is at most the dtype's machine epsilon (the first step), u = u~1, or the variable
 * that `cold = 'u:v'` names for u.
 */
class ExtrapolationPredictor : public Model
{
public:
  ExtrapolationPredictor(const Options & options, bool linear);
  /// Options both predictors take (`linear`: the doc of the linear one).
  static OptionSchema predictor_options(bool linear);
  void define(Staging & s) const override;

private:
  struct Unknown
  {
    std::string name;
    TypeKind type;
    std::string cold; ///< empty: u~1 on a step without history
  };
  std::vector<Unknown> _unknowns;
  std::string _time;
  bool _linear;
};

class ConstantExtrapolationPredictor : public ExtrapolationPredictor
{
public:
  ConstantExtrapolationPredictor(const Options & options, Factory &)
    : ExtrapolationPredictor(options, false)
  {
  }
  static OptionSchema expected_options() { return predictor_options(false); }
};

class LinearExtrapolationPredictor : public ExtrapolationPredictor
{
public:
  LinearExtrapolationPredictor(const Options & options, Factory &)
    : ExtrapolationPredictor(options, true)
  {
  }
  static OptionSchema expected_options() { return predictor_options(true); }
};
} // namespace neml2::models

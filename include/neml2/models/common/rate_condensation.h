// RateCondensation: linearize a return path f(rate) at zero rate.
#pragma once

#include <memory>

#include "neml2/models/nested_model.h"

namespace neml2
{
/**
 * The data of a condensed rate system (NEML2 v3): for the return path `model`, rate in and
 * driving force out, trial_driving_force b = f(0) and coupling A = −∂f/∂rate at rate 0, so that
 * f(rate) ≈ b − A rate. The derivative is exact (forward AD of the path's graph). Inputs are the
 * path's inputs other than the rate; parameters are the path's, named "<model>.<name>".
 */
class RateCondensation : public Model
{
public:
  RateCondensation(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;
  std::vector<std::pair<std::string, ParameterSpec *>> all_parameters() override;

private:
  std::unique_ptr<NestedModel> _path;
  std::string _rate, _f, _A, _b;
};
} // namespace neml2

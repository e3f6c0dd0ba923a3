// [Predictors]: the initial guess of an implicit update's unknowns.
#pragma once

#include <string>
#include <vector>

#include "neml2/base/factory.h"
#include "neml2/models/staging.h"

namespace neml2
{
/// Stages the initial guess of unknown `u` for Newton's method.
class Predictor : public Object
{
public:
  using Object::Object;
  /// Variables this predictor reads for unknown `u` beyond the residual model's own inputs
  /// (the implicit update declares them as inputs).
  virtual std::vector<std::string> extra_inputs(const std::string & u) const = 0;
  /// The guess, one node per component; `available(name)` says whether an input exists.
  virtual std::vector<graph::NodeId> guess(const Staging & s, const std::string & u, std::size_t size,
                                           const std::function<bool(const std::string &)> & available) const = 0;
};

/// u0 = u~1, the previous step's value (zero when the model does not read u~1). NEML2's default.
class ConstantExtrapolationPredictor : public Predictor
{
public:
  ConstantExtrapolationPredictor(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  std::vector<std::string> extra_inputs(const std::string & u) const override;
  std::vector<graph::NodeId> guess(const Staging & s, const std::string & u, std::size_t size,
                                   const std::function<bool(const std::string &)> & available) const override;
};

/// u0 = u~1 + (u~1 - u~2) (t - t~1) / (t~1 - t~2): the last two steps extrapolated in time
/// (u~1 where t~1 = t~2, e.g. at the first step).
class LinearExtrapolationPredictor : public Predictor
{
public:
  LinearExtrapolationPredictor(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  std::vector<std::string> extra_inputs(const std::string & u) const override;
  std::vector<graph::NodeId> guess(const Staging & s, const std::string & u, std::size_t size,
                                   const std::function<bool(const std::string &)> & available) const override;

private:
  std::string _time;
};
} // namespace neml2

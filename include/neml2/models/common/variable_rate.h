// VariableRate: the backward difference rate (v - v~1) / (t - t~1) of a Scalar, Vec, SR2 or R2.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// rate = (v - v~1) / (t - t~1), where `~1` names the previous step's value.
template <typename T>
class VariableRate : public Model
{
public:
  VariableRate(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _v, _t, _rate;
};
} // namespace neml2

// ScalarMultiplication: u = c * prod_i (v_i or 1/v_i) of Scalar variables.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// u = c * prod_i w_i with w_i = 1/v_i where `reciprocal` says so, else v_i. The scaling c
/// (parameter `scaling`) is a number, a [Tensors] name, a [Models] name or a variable name.
class ScalarMultiplication : public Model
{
public:
  ScalarMultiplication(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::vector<std::string> _from;
  std::vector<bool> _reciprocal;
  std::string _to;
  Param<sym::Scalar> _scaling;
};
} // namespace neml2

// ParameterToVariable: a parameter exposed as a variable (NEML2's <Type>ParameterToVariable).
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// to = from, `from` a parameter (numbers, a [Tensors] name, a [Models] name or a variable name;
/// parameter `param`); the output defaults to `to`.
template <typename T>
class ParameterToVariable : public Model
{
public:
  ParameterToVariable(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _to;
  Param<T> _param;
};
} // namespace neml2

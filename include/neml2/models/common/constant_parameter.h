// ConstantParameter: a model whose output is one parameter, so several models can share it.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// output = value. `value` is numbers, a [Tensors] name, a [Models] name or a variable name (parameter `value`);
/// the output variable is named after the block unless `parameter` names it.
template <typename T>
class ConstantParameter : public Model
{
public:
  ConstantParameter(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _out;
  Param<T> _value;
};
} // namespace neml2

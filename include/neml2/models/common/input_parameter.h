// InputParameter: a model that passes an input variable through as a parameter-like output.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// output = input: `from` names the input; the output is named after the block unless `to` names it.
template <typename T>
class InputParameter : public Model
{
public:
  InputParameter(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _from, _to;
};
} // namespace neml2

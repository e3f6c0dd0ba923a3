// InputParameter: a model that passes an input variable through as a parameter-like output.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// parameter = variable (NEML2 v3's option names, defaulting to those words); NEML2 v2's `from`
/// (output named after the block) and `to` are accepted too.
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

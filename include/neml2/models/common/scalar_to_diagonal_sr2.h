// ScalarToDiagonalSR2: output = input I.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// The diagonal SR2 `output` = `input` I (variables default to their options' names).
class ScalarToDiagonalSR2 : public Model
{
public:
  ScalarToDiagonalSR2(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _in, _out;
};
} // namespace neml2

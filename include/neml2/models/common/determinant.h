// Determinant of a second-order tensor: SR2Determinant (Mandel storage) and R2Determinant.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// determinant = det(input) for an SR2 or R2 `input` (variables default to their options' names).
template <typename T>
class Determinant : public Model
{
public:
  Determinant(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _in, _det;
};
} // namespace neml2

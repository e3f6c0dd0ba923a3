// LinearCombination: u = sum_i c_i v_i (+ s), for Scalar, Vec, SR2 and R2 variables.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * u = c_0 v_0 + c_1 v_1 + ... + s. Each coefficient c_i (parameter `c_<i>`) is a number, a
 * [Tensors] name or a variable name; one coefficient applies to every variable. The optional
 * offset s (parameter `s`) is a Scalar added to every component of u, as in NEML2 (for an SR2
 * that is every Mandel component, not s I).
 */
template <typename T>
class LinearCombination : public Model
{
public:
  LinearCombination(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::vector<std::string> _from;
  std::string _to;
  bool _offset = false;
  std::vector<Param<sym::Scalar>> _coefficients; ///< c_0, c_1, … one per variable
  Param<sym::Scalar> _shift;                     ///< s, when there is an offset
};
} // namespace neml2

// IrreversibleScalar: a ratchet, to = max(to~1, from).
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// to = from where from > to~1, else to~1 (the previous step's value of the output): a
/// Scalar that never decreases, such as a damage variable. Variables default to their
/// options' names.
class IrreversibleScalar : public Model
{
public:
  IrreversibleScalar(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _from, _to;
};
} // namespace neml2

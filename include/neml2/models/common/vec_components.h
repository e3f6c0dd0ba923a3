// VecComponents: a Vec's three components as three Scalar variables.
#pragma once

#include <array>

#include "neml2/models/model.h"

namespace neml2
{
/// `to` names three Scalar outputs, the components 0, 1, 2 of the Vec `from` (default `from`).
class VecComponents : public Model
{
public:
  VecComponents(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _from;
  std::array<std::string, 3> _to;
};
} // namespace neml2

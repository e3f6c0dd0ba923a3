// CopyVariable: to = from, for every primitive tensor type (NEML2's Copy<Type>).
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// to = from; each variable defaults to its option's name.
template <typename T>
class CopyVariable : public Model
{
public:
  CopyVariable(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _from, _to;
};
} // namespace neml2

// MacaulaySplit: a Scalar split into its positive part <x> = max(x, 0) and the rest x − <x>.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// to_positive = max(from, 0), to_negative = from − max(from, 0); each variable defaults to its
/// option's name.
class MacaulaySplit : public Model
{
public:
  MacaulaySplit(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _from, _positive, _negative;
};
} // namespace neml2

// ModeMixity: β = δs / δn in opening, 0 in compression.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// mode_mixity = tangential_separation / normal_separation where normal_separation > 0, else 0
/// (NEML2 v3); variables default to their options' names.
class ModeMixity : public Model
{
public:
  ModeMixity(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _dn, _ds, _beta;
};
} // namespace neml2

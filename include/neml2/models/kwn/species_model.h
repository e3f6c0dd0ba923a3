// SpeciesModel: the base of KWN models that take one variable and parameter per chemical species.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// A model with lists of per-species variables and parameters (NEML2's KWN models): reads them
/// from list options and checks that the lists have one entry per species.
class SpeciesModel : public Model
{
protected:
  using Model::Model;
  /// The variables named by list option `option`, declared as inputs; at least one.
  std::vector<std::string> species_inputs(const std::string & option);
  /// One parameter per species from list option `option`, named `<prefix>_0`, `<prefix>_1`, ...;
  /// the list has `count` entries, or, with `broadcast`, one entry for every species.
  std::vector<Param<sym::Scalar>> species_parameters(const std::string & prefix, const std::string & option,
                                                     std::size_t count, Factory & factory, bool broadcast = false);
};
} // namespace neml2

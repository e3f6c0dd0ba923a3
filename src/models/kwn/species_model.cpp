// SpeciesModel: per-species variables and parameters from list options.
#include "neml2/models/kwn/species_model.h"

#include <fmt/format.h>

namespace neml2
{
std::vector<std::string>
SpeciesModel::species_inputs(const std::string & option)
{
  auto names = options().get_strings(option);
  if (names.empty())
    throw options().error(option, "expected at least one species variable");
  for (const auto & n : names)
    declare_input(n, TypeKind::Scalar);
  return names;
}

std::vector<Param<sym::Scalar>>
SpeciesModel::species_parameters(const std::string & prefix, const std::string & option, std::size_t count,
                                 Factory & factory, bool broadcast)
{
  const auto texts = options().get_strings(option);
  if (texts.size() != count && !(broadcast && texts.size() == 1))
    throw options().error(option, fmt::format("expected one value per species ({}){}, got {}", count,
                                              broadcast ? " or one for all" : "", texts.size()));
  std::vector<Param<sym::Scalar>> params;
  for (std::size_t i = 0; i < count; ++i)
    params.push_back(declare_parameter<sym::Scalar>(fmt::format("{}_{}", prefix, i), texts[texts.size() == 1 ? 0 : i],
                                                    option, factory));
  return params;
}
} // namespace neml2

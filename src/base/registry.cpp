// The type registry.
#include "neml2/base/registry.h"

namespace neml2
{
std::string_view
section_name(ObjectKind kind)
{
  switch (kind)
  {
    case ObjectKind::Tensor:
      return "Tensors";
    case ObjectKind::Data:
      return "Data";
    case ObjectKind::Model:
      return "Models";
    case ObjectKind::EquationSystem:
      return "EquationSystems";
    case ObjectKind::Solver:
      return "Solvers";
    case ObjectKind::Predictor:
      return "Predictors";
    case ObjectKind::Driver:
      return "Drivers";
  }
  return "?";
}

std::map<std::pair<ObjectKind, std::string>, RegistryEntry> &
Registry::table()
{
  static std::map<std::pair<ObjectKind, std::string>, RegistryEntry> t;
  return t;
}

bool
Registry::add(RegistryEntry entry)
{
  auto key = std::make_pair(entry.kind, entry.type);
  table()[key] = std::move(entry);
  return true;
}

const RegistryEntry *
Registry::find(ObjectKind kind, const std::string & type)
{
  auto it = table().find({kind, type});
  return it == table().end() ? nullptr : &it->second;
}

std::vector<const RegistryEntry *>
Registry::entries(ObjectKind kind)
{
  std::vector<const RegistryEntry *> out;
  for (const auto & [key, e] : table())
    if (key.first == kind)
      out.push_back(&e);
  return out;
}

std::vector<const RegistryEntry *>
Registry::all()
{
  std::vector<const RegistryEntry *> out;
  for (const auto & [key, e] : table())
    out.push_back(&e);
  return out;
}
} // namespace neml2

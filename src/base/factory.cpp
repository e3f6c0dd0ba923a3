// Lazy, cycle-checked construction of input-file objects.
#include "neml2/base/factory.h"

#include <algorithm>

#include <fmt/format.h>

#include "neml2/base/tensor_object.h"
#include "neml2/hit/hit.h"

namespace neml2
{
Factory::Factory(std::shared_ptr<const hit::Section> root)
  : _root(std::move(root))
{
}

std::shared_ptr<Factory>
Factory::from_file(const std::string & file, const std::vector<std::string> & overrides)
{
  try
  {
    std::shared_ptr<const hit::Section> root = hit::parse_file(file, overrides);
    return std::make_shared<Factory>(root);
  }
  catch (const hit::Error & e)
  {
    throw InputError(e.what());
  }
}

std::vector<std::string>
Factory::names(ObjectKind kind) const
{
  const auto * sec = _root->find_child(section_name(kind));
  return sec ? sec->child_names() : std::vector<std::string>{};
}

std::shared_ptr<Object>
Factory::get(ObjectKind kind, const std::string & name)
{
  auto key = std::make_pair(kind, name);
  if (auto it = _built.find(key); it != _built.end())
    return it->second;

  const auto sec_name = std::string(section_name(kind));
  const auto * sec = _root->find_child(sec_name);
  const auto * block = sec ? sec->find_child(name) : nullptr;
  if (!block)
  {
    auto avail = names(kind);
    auto near = hit::nearest(name, avail);
    throw InputError(fmt::format("{}: no [{}/{}] in the input file{}; declared: {}", _root->loc.file, sec_name, name,
                                 near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near),
                                 avail.empty() ? "none" : fmt::format("{}", fmt::join(avail, ", "))));
  }
  const auto path = block->path;
  if (std::find(_building.begin(), _building.end(), path) != _building.end())
  {
    std::vector<std::string> cycle(std::find(_building.begin(), _building.end(), path), _building.end());
    cycle.push_back(path);
    throw InputError(fmt::format("{}: dependency cycle: {}", block->loc.str(), fmt::join(cycle, " -> ")));
  }
  const auto * type_field = block->find_field("type");
  if (!type_field)
    throw InputError(fmt::format("{}: [{}] has no 'type'; add 'type = <TypeName>' (see neml2-syntax for the list)",
                                 block->loc.str(), path));
  const auto & type = type_field->value;
  const auto * entry = Registry::find(kind, type);
  if (!entry)
  {
    std::vector<std::string> types;
    for (const auto * e : Registry::entries(kind))
      types.push_back(e->type);
    auto near = hit::nearest(type, types);
    throw InputError(fmt::format("{}: unknown {} type '{}'{}; run neml2-syntax to list the registered types",
                                 type_field->value_loc.str(), sec_name, type,
                                 near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near)));
  }
  _building.push_back(path);
  std::shared_ptr<Object> obj;
  try
  {
    Options opts(*block, type, entry->schema());
    obj = entry->create(opts, *this);
  }
  catch (...)
  {
    _building.pop_back();
    throw;
  }
  _building.pop_back();
  _built[key] = obj;
  return obj;
}

bool
Factory::has_tensor(const std::string & name) const
{
  const auto * sec = _root->find_child("Tensors");
  return sec && sec->find_child(name);
}

bool
Factory::has_model(const std::string & name) const
{
  const auto * sec = _root->find_child("Models");
  return sec && sec->find_child(name);
}

std::shared_ptr<TensorObject>
Factory::get_tensor(const std::string & name)
{
  return get_as<TensorObject>(ObjectKind::Tensor, name);
}
} // namespace neml2

// Lazy, cycle-checked construction of input-file objects.
#include "neml2/base/factory.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include <fmt/format.h>

#include "neml2/base/tensor_object.h"
#include "neml2/hit/hit.h"

namespace neml2
{
namespace
{
/// [Settings] as NEML2 v3 reads it: `dynamic_batch` (a bool) and `example_batch_shape` (a field, or
/// a section of one field per variable), shape hints for its exporter and the sub-batch layout.
/// Batch shapes are taken from the values here; the sub-batch layouts (after ';') are returned.
/// NEML2 v2's settings are accepted too; they change nothing here, except that a floating point
/// type other than float64 is refused (compiled models choose theirs with --dtype).
/// The sub-batch of an example_batch_shape value: '(2; 12)' -> {12}; nullopt without a ';'.
std::optional<Shape>
declared_sub_batch(const hit::Field & f)
{
  const auto semi = f.value.find(';');
  if (semi == std::string::npos)
    return std::nullopt;
  Shape out;
  std::string word;
  auto flush = [&] {
    if (word.empty())
      return;
    std::int64_t n = 0;
    const auto [p, ec] = std::from_chars(word.data(), word.data() + word.size(), n);
    if (ec != std::errc() || p != word.data() + word.size() || n < 1)
      throw InputError(fmt::format("{}: [Settings] example_batch_shape '{}': '{}' is not a positive size; write the "
                                   "sub-batch sizes after ';', e.g. '(2; 12)' for 12 slip systems",
                                   f.value_loc.str(), f.value, word));
    out.push_back(n);
    word.clear();
  };
  for (const char c : f.value.substr(semi + 1))
  {
    if (c == ',' || c == ' ' || c == ')' || c == '\t')
      flush();
    else
      word += c;
  }
  flush();
  return out;
}

std::vector<DeclaredSubBatch>
check_settings(const hit::Section & settings)
{
  const std::vector<std::string> v2 = {
      "default_integer_type", "default_device",        "machine_precision",        "tolerance",
      "tighter_tolerance",    "buffer_name_separator", "parameter_name_separator", "require_double_precision",
      "disable_jit"};
  std::vector<std::string> known = {"dynamic_batch", "example_batch_shape", "default_floating_point_type"};
  known.insert(known.end(), v2.begin(), v2.end());
  const auto unknown = [&](const std::string & key, const hit::Location & loc) {
    auto near = hit::nearest(key, known);
    return InputError(fmt::format("{}: unknown [Settings] option '{}'{}; NEML2's [Settings] options are: {}", loc.str(),
                                  key, near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near),
                                  fmt::join(known, ", ")));
  };
  std::vector<const hit::Field *> shapes;
  for (const auto & f : settings.fields)
  {
    if (f.key == "dynamic_batch")
    {
      if (f.value != "true" && f.value != "false")
        throw InputError(
            fmt::format("{}: [Settings] dynamic_batch: expected true or false, got '{}'", f.value_loc.str(), f.value));
    }
    else if (f.key == "example_batch_shape")
      shapes.push_back(&f);
    else if (f.key == "default_floating_point_type")
    {
      if (f.value != "float64" && f.value != "double" && f.value != "Float64")
        throw InputError(fmt::format("{}: [Settings] default_floating_point_type '{}': models run in float64 here; "
                                     "compile with `neml2-compile --dtype float32` for single precision",
                                     f.value_loc.str(), f.value));
    }
    else if (std::find(v2.begin(), v2.end(), f.key) == v2.end())
      throw unknown(f.key, f.loc);
  }
  for (const auto & c : settings.children)
  {
    if (c->name != "example_batch_shape")
      throw unknown(c->name, c->loc);
    for (const auto & f : c->fields)
      shapes.push_back(&f);
  }
  std::vector<DeclaredSubBatch> declared;
  for (const auto * f : shapes)
    if (auto sub_batch = declared_sub_batch(*f))
      declared.push_back({f->key == "example_batch_shape" ? "" : f->key, *sub_batch, f->value_loc, f->value});
  return declared;
}
} // namespace

Factory::Factory(std::shared_ptr<const hit::Section> root)
  : _root(std::move(root))
{
  // A misspelt section would otherwise be ignored without a word.
  std::vector<std::string> sections = {"Settings"};
  for (auto k : {ObjectKind::Tensor, ObjectKind::Data, ObjectKind::Model, ObjectKind::EquationSystem,
                 ObjectKind::Solver, ObjectKind::Predictor, ObjectKind::Driver})
    sections.emplace_back(section_name(k));
  for (const auto & c : _root->children)
  {
    if (c->name == "Settings")
      _declared_sub_batches = check_settings(*c);
    else if (std::find(sections.begin(), sections.end(), c->name) == sections.end())
    {
      auto near = hit::nearest(c->name, sections);
      throw InputError(fmt::format("{}: unknown section [{}]{}; the sections of an input file are: {}", c->loc.str(),
                                   c->name, near.empty() ? "" : fmt::format(" (did you mean [{}]?)", near),
                                   fmt::join(sections, ", ")));
    }
  }
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
    obj->built(*this);
  }
  catch (const SizeError & e)
  {
    // A size comes from the input (a batch_shape, an nstep): say which block asked for it.
    _building.pop_back();
    throw InputError(fmt::format("{}: [{}]: {}", block->loc.str(), path, e.what()));
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
  auto t = get_table(name);
  if (t->sub_batch_dims() > 0)
    throw t->options().error(fmt::format("[Tensors/{}] has sub-batch (intermediate) dimensions, which model "
                                         "parameters, interpolation tables (abscissa, ordinate) and drivers' values "
                                         "take, but not this option; give it as an ordinary batched tensor here",
                                         name));
  return t;
}

std::shared_ptr<TensorObject>
Factory::get_table(const std::string & name)
{
  return get_as<TensorObject>(ObjectKind::Tensor, name);
}
} // namespace neml2

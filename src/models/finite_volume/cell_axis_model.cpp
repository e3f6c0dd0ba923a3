// CellAxisModel: one cell count N for every variable and list parameter of a finite-volume model.
#include "neml2/models/finite_volume/cell_axis_model.h"

#include <fmt/format.h>

namespace neml2
{
void
CellAxisModel::tie_variable(const std::string & name, std::int64_t offset)
{
  _variables[name] = offset;
  if (_n)
    set_sub_batch(name, {*_n + offset});
  else if (find_output(name))
    set_output_sub_batch(name, {}, true);
}

void
CellAxisModel::tie_parameter(const std::string & name, std::int64_t offset, const std::string & option)
{
  const auto & p = own_parameter(name);
  if (!p.variable.empty())
  {
    tie_variable(p.variable, offset);
    return;
  }
  _parameters.push_back({name, option, offset});
  if (p.sub_batch.size() > 1)
    throw options().error(option, fmt::format("parameter '{}' has sub-batch {}, but it lies along one axis of cells: "
                                              "give it one sub-batch axis",
                                              name, shape_str(p.sub_batch)));
  // No axis, or one entry: one value for every entry, which fixes nothing.
  if (p.sub_batch.empty() || p.sub_batch[0] == 1)
    return;
  try
  {
    set_cells(p.sub_batch[0] - offset, fmt::format("parameter '{}' ({} entries)", name, p.sub_batch[0]));
  }
  catch (const ValueError & e)
  {
    throw options().error(option, e.what());
  }
}

void
CellAxisModel::resolve_sub_batch(const std::string & name, const Shape & sub_batch)
{
  const auto it = _variables.find(name);
  if (it == _variables.end())
  {
    Model::resolve_sub_batch(name, sub_batch);
    return;
  }
  if (sub_batch.size() != 1)
    throw ValueError(fmt::format("model '{}': '{}' lies along one axis of cells, so its sub-batch has one axis, but it "
                                 "is given {}",
                                 this->name(), name, shape_str(sub_batch)));
  set_cells(sub_batch[0] - it->second, fmt::format("'{}' ({} entries)", name, sub_batch[0]));
}

std::int64_t
CellAxisModel::cells() const
{
  if (!_n)
    throw ValueError(fmt::format("model '{}': the number of cells is not known; give a per-cell parameter as a "
                                 "[Tensors] object with a sub-batch axis, compose the model with the one that "
                                 "computes its inputs, or evaluate it with values that have the cell axis",
                                 name()));
  return *_n;
}

void
CellAxisModel::set_cells(std::int64_t n, const std::string & source)
{
  if (_n)
  {
    if (*_n != n)
      throw ValueError(
          fmt::format("model '{}': {} means {} cells, but {} means {}", name(), source, n, _n_source, *_n));
    return;
  }
  auto entries_needed = [&](const std::string & what, std::int64_t offset) {
    if (n + offset < 1)
      throw ValueError(
          fmt::format("model '{}': {} means {} cells, too few for {} to have an entry", name(), source, n, what));
  };
  for (const auto & [v, offset] : _variables)
    entries_needed(fmt::format("'{}'", v), offset);
  for (const auto & p : _parameters)
  {
    entries_needed(fmt::format("parameter '{}'", p.name), p.offset);
    const auto & sub = own_parameter(p.name).sub_batch;
    const auto have = sub.empty() ? 1 : sub[0];
    if (have != 1 && have != n + p.offset)
      throw ValueError(fmt::format("model '{}': parameter '{}' (option '{}') has {} entries, but {} cells need {} "
                                   "(or one value for every entry); {} means {} cells",
                                   name(), p.name, p.option, have, n, n + p.offset, source, n));
  }
  _n = n;
  _n_source = source;
  for (const auto & [v, offset] : _variables)
    set_sub_batch(v, {n + offset});
}
} // namespace neml2

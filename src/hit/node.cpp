// Queries on the parsed HIT tree: field splitting, lookups, child creation.
#include "neml2/hit/node.h"

#include "text.h"

namespace neml2::hit
{
std::vector<std::string>
Field::words() const
{
  std::vector<std::string> out;
  for (const auto & w : detail::split_words(value))
    out.emplace_back(w.text);
  return out;
}

std::vector<std::vector<std::string>>
Field::rows() const
{
  std::vector<std::vector<std::string>> out;
  for (const auto & row : detail::split_rows(value))
  {
    auto & r = out.emplace_back();
    for (const auto & w : row)
      r.emplace_back(w.text);
  }
  return out;
}

Location
Field::location_of(std::size_t offset) const
{
  if (value != raw || offset > value.size() || value_loc.line <= 0)
    return value_loc;
  Location start = value_loc;
  if (quoted)
    start.col += verbatim ? 3 : 1;
  return detail::advance_over(start, std::string_view(value).substr(0, offset));
}

const Field *
Section::find_field(std::string_view key) const
{
  for (const auto & f : fields)
    if (f.key == key)
      return &f;
  return nullptr;
}

Field *
Section::find_field(std::string_view key)
{
  for (auto & f : fields)
    if (f.key == key)
      return &f;
  return nullptr;
}

const Section *
Section::find_child(std::string_view child_name) const
{
  for (const auto & c : children)
    if (c->name == child_name)
      return c.get();
  return nullptr;
}

Section *
Section::find_child(std::string_view child_name)
{
  for (auto & c : children)
    if (c->name == child_name)
      return c.get();
  return nullptr;
}

const Section *
Section::find(std::string_view rel_path) const
{
  const Section * s = this;
  while (s && !rel_path.empty())
  {
    const auto slash = rel_path.find('/');
    s = s->find_child(rel_path.substr(0, slash));
    rel_path = slash == std::string_view::npos ? std::string_view() : rel_path.substr(slash + 1);
  }
  return s;
}

Section *
Section::find(std::string_view rel_path)
{
  return const_cast<Section *>(static_cast<const Section *>(this)->find(rel_path));
}

Section &
Section::add_child(const std::string & child_name)
{
  auto child = std::make_unique<Section>();
  child->name = child_name;
  child->path = path.empty() ? child_name : path + "/" + child_name;
  child->header = child_name;
  child->parent = this;
  children.push_back(std::move(child));
  return *children.back();
}

std::vector<std::string>
Section::field_keys() const
{
  std::vector<std::string> out;
  for (const auto & f : fields)
    out.push_back(f.key);
  return out;
}

std::vector<std::string>
Section::child_names() const
{
  std::vector<std::string> out;
  for (const auto & c : children)
    out.push_back(c->name);
  return out;
}
} // namespace neml2::hit

// Name resolution for parameters listed under qualified names ("flow_rate.eta" inside a
// composition): the one rule shared by eager models, AOTIModel and the compiled-model runtime.
// Header-only and part of the core layer (doc/dev/layers.md).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace neml2
{
/// What a name matched among qualified names.
struct QualifiedNameMatch
{
  /// The index of the match: an exact name, else the one name ending in ".<name>".
  std::optional<std::size_t> index;
  /// When several qualified names end in ".<name>": all of them (index is then empty).
  std::vector<std::string> ambiguous;
};

/**
 * Resolves `name` among `qualified`: an exact match wins; otherwise the qualified names ending in
 * "." + name must all denote one thing. `identity[i]` (optional, one per name) says which thing
 * name i denotes, so that aliases of one parameter reached along two paths count once; the first
 * name listed for a thing is the one returned.
 */
inline QualifiedNameMatch
match_qualified_name(const std::string & name, const std::vector<std::string> & qualified,
                     const std::vector<const void *> & identity = {})
{
  auto id = [&](std::size_t i) -> const void * { return identity.empty() ? &qualified[i] : identity[i]; };
  auto first_of = [&](std::size_t i) {
    for (std::size_t j = 0; j < qualified.size(); ++j)
      if (id(j) == id(i))
        return j;
    return i;
  };
  for (std::size_t i = 0; i < qualified.size(); ++i)
    if (qualified[i] == name)
      return {first_of(i), {}};
  std::vector<std::size_t> suffix_matches;
  const std::string suffix = "." + name;
  for (std::size_t i = 0; i < qualified.size(); ++i)
  {
    if (!qualified[i].ends_with(suffix))
      continue;
    bool seen = false;
    for (auto j : suffix_matches)
      seen = seen || id(j) == id(i);
    if (!seen)
      suffix_matches.push_back(i);
  }
  if (suffix_matches.size() == 1)
    return {first_of(suffix_matches[0]), {}};
  QualifiedNameMatch out;
  for (auto i : suffix_matches)
    out.ambiguous.push_back(qualified[i]);
  return out;
}
} // namespace neml2

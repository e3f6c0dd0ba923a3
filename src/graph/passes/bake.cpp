// Baking arguments (parameters that are not promoted) into constants.
#include "neml2/graph/passes.h"
#include "rebuild.h"

namespace neml2::graph
{
Graph
bake(const Graph & g, const std::function<std::optional<std::vector<double>>(const Argument &)> & value_of)
{
  // Folding leaves the constants it consumed behind (the baked leaves, intermediate results);
  // a second rebuild drops them.
  return detail::rebuild(detail::rebuild(g, value_of), nullptr);
}
} // namespace neml2::graph

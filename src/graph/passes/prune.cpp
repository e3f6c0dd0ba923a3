// Dead-code elimination.
#include "neml2/graph/passes.h"
#include "rebuild.h"

namespace neml2::graph
{
Graph
prune(const Graph & g)
{
  return detail::rebuild(g, nullptr);
}
} // namespace neml2::graph

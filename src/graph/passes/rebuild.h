// What prune and bake share: copying the live part of a graph into a fresh one.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "neml2/graph/graph.h"

namespace neml2::graph::detail
{
/// Copies non-leaf node `id` of `src` into `dst`, its operands already mapped by `map`. Given
/// values of an implicit solve that became constants are baked into its system.
NodeId copy_node(Graph & dst, const Graph & src, NodeId id, const std::vector<NodeId> & map);

/// Copies the nodes that the outputs of `g` need into a fresh graph, replacing the leaves of
/// argument i by `subst(i)` when it returns values (those arguments are dropped). Each node
/// keeps its origin.
Graph rebuild(const Graph & g, const std::function<std::optional<std::vector<double>>(const Argument &)> & subst);
} // namespace neml2::graph::detail

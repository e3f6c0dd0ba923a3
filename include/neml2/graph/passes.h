// Whole-graph passes. CSE and constant folding happen during construction (graph.h);
// composition is inlined while staging (models/Staging); these are the remaining passes.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "neml2/graph/graph.h"

namespace neml2::graph
{
/// Dead-code elimination: keeps only the nodes the outputs need (and every argument, which is
/// part of the calling convention). Node order stays topological.
Graph prune(const Graph & g);

/// Replaces the arguments for which `value_of` returns values (one per component) by
/// constants, drops them from the argument list, folds everything that becomes constant and
/// prunes. Used to bake parameters that are not promoted.
Graph bake(const Graph & g, const std::function<std::optional<std::vector<double>>(const Argument &)> & value_of);

/// A readable text dump of the graph (`neml2-inspect --graph`).
std::string to_text(const Graph & g);

/// A hash of the graph's structure and constants (stable across runs and machines), used to
/// tie an artifact to the model it was compiled from.
std::string structural_hash(const Graph & g);
} // namespace neml2::graph

namespace neml2::graph
{
/// Copies the nodes of `src` into `dst`, substituting `arg_values[i]` (one node of `dst` per
/// component) for the leaves of argument i of `src`. Returns the components of every output
/// of `src`, in order. Used to nest one staged graph in another (Normality, implicit solves).
std::vector<std::vector<NodeId>> inline_graph(Graph & dst, const Graph & src,
                                              const std::vector<std::vector<NodeId>> & arg_values);
} // namespace neml2::graph

// Forward-mode automatic differentiation on the IR, with a direction dimension.
#pragma once

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "neml2/graph/graph.h"

namespace neml2::graph
{
/// tangents[node][direction]; no_node stands for an exact zero (never materialised).
using Tangents = std::unordered_map<NodeId, std::vector<NodeId>>;

/// Appends to `g` the tangent nodes of the `wanted` nodes in `ndir` directions, given the
/// tangents of some nodes (the seeds, usually argument leaves); returns them, one entry per
/// wanted node. Chains of the chain rule are factored (autodiff.cpp): the tangents of the
/// other nodes are never multiplied out.
Tangents forward_tangents(Graph & g, std::size_t ndir, const Tangents & seeds, const std::vector<NodeId> & wanted);

/// A copy of `g` (pruned) that also outputs the Jacobian blocks d(output)/d(argument) for each
/// (output name, argument name) pair. The argument may be a variable or a parameter. Blocks
/// have base shape (*out_base, *in_base). One direction per component of each argument.
Graph with_jacobian(const Graph & g, const std::vector<std::pair<std::string, std::string>> & pairs);

/// A copy of `g` (pruned) with one Tangent argument per named argument and, for every Value
/// output, a Tangent output J·v. Arguments without a tangent contribute nothing.
Graph with_jvp(const Graph & g, const std::vector<std::string> & wrt);
} // namespace neml2::graph

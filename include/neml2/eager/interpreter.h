// The eager interpreter: runs a graph over a batch, one vectorised loop per node.
#pragma once

#include <cstdint>
#include <span>

#include "neml2/graph/graph.h"
#include "neml2/tensors/solve_report.h"

namespace neml2::eager
{
/// Where an argument's values live: component c of point p is at
/// data[p * stride * ncomp + c] with stride 1 (one value per point) or 0 (one for all).
struct ArgView
{
  const void * data = nullptr;
  std::int64_t stride = 1;
};

/**
 * Evaluates `g` for `n` points. `args` has one view per graph argument, `outputs` one
 * pointer per graph output (array of n * ncomp values, point-major), all in `g.dtype()`.
 *
 * Points are processed in chunks small enough to stay in cache; each node is one loop over a
 * chunk calling the op's shared scalar definition, so results are bit-identical to the
 * generated kernels. Chunks run in parallel with OpenMP when the batch is large.
 *
 * An implicit solve that fails at some points throws SolverError naming them; with `report`, it
 * does not: the failed points' outputs are NaN and `report` says what became of every point.
 */
void interpret(const graph::Graph & g, std::int64_t n, std::span<const ArgView> args, std::span<void * const> outputs,
               SolveReport * report = nullptr);
} // namespace neml2::eager

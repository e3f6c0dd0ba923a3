// What the point-by-point CPU generator (codegen_cpu.cpp) asks of the SIMD-lane one
// (codegen_cpu_lanes.cpp). Internal to the code generator.
#pragma once

#include <sstream>

#include "neml2/codegen/codegen_cpu.h"
#include "neml2/graph/graph.h"

namespace neml2::codegen
{
/// Whether kernel `g` runs W points at a time on SIMD lanes by default: it has an implicit solve
/// (explicit kernels vectorise point by point already).
bool lanes_supported(const graph::Graph & g);

/// The lane functions of kernel `k` and `<symbol>_unit(u, ...)`, unit u of the batched entry: the
/// tile of W points from u W on lanes (or, when a last, partial tile has too few points to pay for
/// one, its points one by one with `<symbol>_point`).
void emit_lane_unit(std::ostringstream & os, const Kernel & k);
} // namespace neml2::codegen

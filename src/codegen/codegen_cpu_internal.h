// What the point-by-point CPU generator (codegen_cpu.cpp) asks of the SIMD-lane one
// (codegen_cpu_lanes.cpp). Internal to the code generator.
#pragma once

#include <sstream>

#include "kernel_emitter.h"
#include "neml2/codegen/codegen_cpu.h"
#include "neml2/graph/graph.h"

namespace neml2::codegen
{
/// Whether kernel `g` runs W points at a time on SIMD lanes by default: it has an implicit solve
/// (explicit kernels vectorise point by point already).
bool lanes_supported(const graph::Graph & g);

/// The lane functions of kernel `k`, `<symbol>_block(first, last, ...)`, which runs any range of
/// points chunk by chunk (each implicit solve of a chunk streamed through the lanes, newton_lanes.h's
/// nt_stream; a chunk too small to fill a tile point by point with `<symbol>_point`), and
/// `<symbol>_unit(u, ...)`, unit u of the batched entry: the chunk of `<symbol>_chunk` points from
/// u times that size.
/// Per-system functions already in `unit` are called, not printed again.
void emit_lane_unit(std::ostringstream & os, const Kernel & k, EmittedSystems & unit);

/// generate_point_functions, calling the per-system functions already printed into `unit`
/// instead of printing them again.
std::string generate_point_functions(const Kernel & k, Target target, PointLinkage linkage, EmittedSystems & unit);
} // namespace neml2::codegen

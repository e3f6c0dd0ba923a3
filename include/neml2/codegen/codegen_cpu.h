// CodegenCpu: turns graphs into one self-contained C++ source file with a C-ABI entry per graph.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "neml2/graph/graph.h"

namespace neml2::codegen
{
/// One exported kernel: the graph it evaluates and the name of its `extern "C"` entry.
struct Kernel
{
  std::string symbol;
  const graph::Graph * graph = nullptr;
};

/// Batches smaller than this run serially (no OpenMP fork for what an FE code calls per element).
inline constexpr std::int64_t cpu_parallel_threshold = 1024;

/// Kernels with implicit solves run tiles of W points on SIMD lanes; a last, partial tile with
/// fewer points than this runs point by point instead (measured with W = 8: a tile costs about as
/// much as 2.5 points one by one).
inline constexpr int cpu_min_lane_points = 3;

/// How CPU kernels walk the points: `Auto` puts kernels with implicit solves on SIMD lanes (where
/// every Newton setting has a lane form) and the rest point by point; `Points` and `Lanes` force
/// one form for every kernel (tests, benchmarks and debugging compare the two).
enum class CpuKernelForm
{
  Auto,
  Points,
  Lanes
};

/// "auto", "points", "lanes".
const char * cpu_kernel_form_name(CpuKernelForm form);
/// The form named `name`; throws CompileError listing the names otherwise.
CpuKernelForm parse_cpu_kernel_form(const std::string & name);

/**
 * The C++17 sources of a CPU kernel library, one string per translation unit; compiled apart (in
 * parallel) and linked into one shared library. Each starts with the text of scalar_ops.h and
 * newton_ops.h (copied verbatim, so results are bit-identical to the eager interpreter).
 *
 * The first unit holds, per kernel, the per-point functions (straight-line code, one local per
 * node, each line commented with its node id) and, for kernels walked point by point, the entry
 *
 *   extern "C" int <symbol>(int64_t n, const T * const * args, const int64_t * arg_strides,
 *                           T * const * outs);
 *
 * (argument i of point p, component c, at args[i][(p * arg_strides[i]) * ncomp_i + c] with stride
 * 0 = one value for all points or 1 = one per point; outputs point-major at outs[j][p * ncomp_j + c];
 * returns 0), its range and status entries, and `extern "C" const char * <signature_symbol>(void)`
 * returning `signature`. Kernels on lanes (see CpuKernelForm) evaluate W points at once instead, one
 * SIMD lane per point, with the same results (lane_ops.h, newton_lanes.h; see kernel_emitter.h and
 * codegen_cpu_lanes.cpp): their lane functions and batched entries are a second unit, which calls
 * the first unit's `<symbol>_point` for chunks too small for a tile. Compiled side by side, a
 * library takes about the time of its lanes unit (the larger: the model again on lanes, with the
 * lanes' Newton machinery) instead of both.
 * All kernels must share one dtype (T = double or float). The output depends only on the graphs.
 */
std::vector<std::string> generate_cpu_sources(const std::vector<Kernel> & kernels, const std::string & signature_symbol,
                                              const std::string & signature, const std::string & header_comment,
                                              CpuKernelForm form = CpuKernelForm::Auto);

/// Where generated per-point functions run: the CPU (`static inline`) or a CUDA device
/// (`static __device__ inline`); their bodies are the same text for both.
enum class Target
{
  Cpu,
  Cuda
};

/// Who calls a kernel's `<symbol>_point`: its own translation unit (`static inline`, the default)
/// or also another unit of the same library (an external name hidden from the library's exports).
enum class PointLinkage
{
  Unit,
  Library
};

/// `int <symbol>_point(...)` with its parameters, without linkage (a definition's and a
/// declaration's shared text).
std::string point_function_declaration(const Kernel & k, const std::string & scalar);

/**
 * The per-point functions of one kernel, shared by the CPU and CUDA generators: one
 * `<symbol>_sys<N>_eval` / `_solve` pair per implicit system, then
 *
 *   int <symbol>_point(int64_t p, const T * const * args, const int64_t * arg_strides,
 *                      T * const * outs, double * rn);
 *
 * which evaluates point p and returns how many implicit solves failed there (worst residual norm
 * in *rn). The batched entries (OpenMP loop, CUDA kernel) call it once per point.
 */
std::string generate_point_functions(const Kernel & k, Target target, PointLinkage linkage = PointLinkage::Unit);

/// scalar_ops.h and newton_ops.h, copied verbatim (with marker comments): the op definitions
/// every generated source starts with.
std::string shared_ops_source();

/// The block translation unit `unit` (0: points, 1: lanes) of a CPU library starts with: its
/// #includes and copied headers, include-guarded. It is the same text for every model, so
/// neml2-compile passes its precompiled header (prelude_cache.h) with -include and the unit skips
/// its own copy; without that the unit compiles as it is.
std::string cpu_unit_prelude(std::size_t unit);

/// The C scalar type ("double" or "float") of a library's kernels, which must share one dtype.
const char * library_scalar_type(const std::vector<Kernel> & kernels);

/// A C++ literal that is exactly `v` in `dtype` (hex float; infinities and NaN spelled out).
std::string cpu_literal(double v, Dtype dtype);

/// `name` with every character that is not [A-Za-z0-9_] replaced by '_' (a C identifier part).
std::string c_identifier(const std::string & name);
} // namespace neml2::codegen

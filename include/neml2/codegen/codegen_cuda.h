// CodegenCuda: turns graphs into one self-contained CUDA source file with a C-ABI entry per graph.
#pragma once

#include <string>
#include <vector>

#include "neml2/codegen/codegen_cpu.h"

namespace neml2::codegen
{
/// Threads per block of every generated kernel (one thread per material point).
inline constexpr int cuda_block_size = 128;

/**
 * The CUDA source (nvcc, C++17) of a CUDA kernel library: the same per-point functions as the CPU
 * library (generate_point_functions with Target::Cuda, scalar_ops.h and newton_ops.h copied
 * verbatim), one `__global__` kernel per entry (one thread per point, grid-stride loop), and per
 * entry the host functions
 *
 *   extern "C" int <symbol>(int64_t n, const T * const * args, const int64_t * arg_strides,
 *                           T * const * outs, int32_t * failed, void * stream);
 *   extern "C" int <symbol>_status(int64_t n, const T * const * args, const int64_t * arg_strides,
 *                                  T * const * outs, int32_t * status, double * rnorm, void * stream);
 *
 * `args` / `outs` are host arrays of device pointers (laid out as in the CPU ABI), `arg_strides`
 * a host array (0 or 1), `failed` an optional device counter incremented once per point whose
 * implicit solve failed, `status` / `rnorm` device arrays of n values, `stream` a cudaStream_t
 * (null: the default stream). Both return 0 once the kernel is queued, else the cudaError_t.
 * The library also exports the `neml2_cuda_*` helpers (device count, error strings, memory) so
 * that the runtime needs no CUDA link, and `const char * <signature_symbol>(void)`.
 */
std::string generate_cuda_source(const std::vector<Kernel> & kernels, const std::string & signature_symbol,
                                 const std::string & signature, const std::string & header_comment);
} // namespace neml2::codegen

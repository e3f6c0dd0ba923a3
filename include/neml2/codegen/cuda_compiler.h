// nvcc: finding it and the flags it builds CUDA kernel libraries with.
#pragma once

#include <string>
#include <vector>

#include "neml2/codegen/compiler.h"

namespace neml2::codegen
{
/// The GPU architectures built when none are asked for: 80 (A100) and 90 (H100), plus PTX for
/// 90 so that newer GPUs can JIT-compile the kernels.
const std::vector<std::string> & default_cuda_arch();

/// `--cuda-arch` values checked and normalised: "80", "sm_90", "compute_90a" -> "80", "90",
/// "90a", sorted and without duplicates (empty: the default). Throws CompileError for anything
/// else.
std::vector<std::string> normalize_cuda_arch(const std::vector<std::string> & arch);

/// `-gencode` flags: SASS for every architecture, and PTX for the highest one.
std::vector<std::string> cuda_arch_flags(const std::vector<std::string> & arch);

/// The flags of every CUDA kernel library before the -gencode ones: -O3 -std=c++17
/// --fmad=false (no FMA contraction, as -ffp-contract=off on CPU), IEEE division and square root,
/// no flush to zero, -Xcompiler -fPIC -shared, and the static CUDA runtime (the library needs only
/// the driver at run time).
const std::vector<std::string> & cuda_compile_flags();

/**
 * nvcc: $NEML2_NVCC, else $CUDACXX, else `nvcc` on PATH, else /usr/local/cuda/bin/nvcc (a value
 * with spaces, e.g. "nvcc -ccbin g++-12", is split into words), checked by running it with
 * --version, with the flags for `arch` (see normalize_cuda_arch). Throws CompileError naming the
 * CUDA toolkit when there is none.
 */
Compiler find_cuda_compiler(const std::vector<std::string> & arch = {});
} // namespace neml2::codegen

// CodegenCuda: the CPU generator's per-point functions as device code, one thread per point.
#include "neml2/codegen/codegen_cuda.h"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "codegen_cpu_internal.h"
#include "kernel_emitter.h"
#include "neml2/base/error.h"

namespace neml2::codegen
{
namespace
{
/// The kernel, the status kernel and their host launchers for one entry.
void
emit_cuda_entry(std::ostringstream & os, const Kernel & k, const char * T, EmittedSystems & unit)
{
  const auto & g = *k.graph;
  const auto na = std::max<std::size_t>(g.arguments().size(), 1); // no zero-length arrays
  const auto no = std::max<std::size_t>(g.outputs().size(), 1);
  const auto point = k.symbol + "_point", params = k.symbol + "_params";
  os << generate_point_functions(k, Target::Cuda, PointLinkage::Unit, unit);

  // The pointers travel to the device by value, inside the kernel's parameters (16 bytes per
  // argument, 8 per output), so a launch needs no device allocation.
  os << fmt::format("struct {}\n{{\n  const {} * args[{}];\n  std::int64_t strides[{}];\n  {} * outs[{}];\n}};\n",
                    params, T, na, na, T, no);
  os << fmt::format("static_assert(sizeof({}) <= 32764, \"too many arguments and outputs for one kernel launch\");\n\n",
                    params);
  os << fmt::format("static {} {}_bind(const {} * const * args, const std::int64_t * arg_strides, {} * const * outs)\n"
                    "{{\n  {} P = {{}};\n",
                    params, params, T, T, params);
  os << fmt::format("  for (int i = 0; i < {}; ++i)\n  {{\n    P.args[i] = args[i];\n    P.strides[i] = "
                    "arg_strides[i];\n  }}\n",
                    g.arguments().size());
  os << fmt::format("  for (int j = 0; j < {}; ++j)\n    P.outs[j] = outs[j];\n  return P;\n}}\n\n",
                    g.outputs().size());

  os << "// One thread per point (grid-stride loop); counts the points whose implicit solve failed.\n";
  os << fmt::format("__global__ void __launch_bounds__({}) {}_kernel(std::int64_t n, const {} P, std::int32_t * "
                    "failed)\n{{\n",
                    cuda_block_size, k.symbol, params);
  os << "  const std::int64_t step = static_cast<std::int64_t>(gridDim.x) * blockDim.x;\n";
  os << "  for (std::int64_t p = static_cast<std::int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; p < n; p += "
        "step)\n  {\n";
  os << fmt::format(
      "    double rn;\n    std::int32_t its, pieces;\n    if ({}(p, P.args, P.strides, P.outs, &rn, &its, "
      "&pieces) > 0 && failed)\n      atomicAdd(failed, 1);\n  }}\n}}\n\n",
      point);
  os << fmt::format("__global__ void __launch_bounds__({}) {}_status_kernel(std::int64_t n, const {} P, std::int32_t "
                    "* iterations, std::int32_t * substeps, double * rnorm)\n{{\n",
                    cuda_block_size, k.symbol, params);
  os << "  const std::int64_t step = static_cast<std::int64_t>(gridDim.x) * blockDim.x;\n";
  os << "  for (std::int64_t p = static_cast<std::int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; p < n; p += "
        "step)\n  {\n";
  os << fmt::format("    double rn = 0;\n    {}(p, P.args, P.strides, P.outs, &rn, iterations + p, substeps + p);\n    "
                    "rnorm[p] = rn;\n  }}\n}}\n\n",
                    point);

  os << "// Queues the kernel on `stream`: args/outs are host arrays of device pointers, `failed` an optional\n"
        "// device counter. Returns 0 or the cudaError_t of the launch.\n";
  os << fmt::format("extern \"C\" int {}({}, std::int32_t * failed, void * stream)\n{{\n", k.symbol,
                    entry_parameters(T));
  os << entry_argument_checks(k, "return -1;", "return 0;");
  os << fmt::format("  {}_kernel<<<neml2_grid(n), {}, 0, static_cast<cudaStream_t>(stream)>>>(n, {}_bind(args, "
                    "arg_strides, outs), failed);\n",
                    k.symbol, cuda_block_size, params);
  os << "  return static_cast<int>(cudaGetLastError());\n}\n\n";
  os << "// Per-point report: iterations[p] = the Newton updates of point p's solves, or -1 where one failed (its\n"
        "// residual norm in rnorm[p]); substeps[p] = the most pieces one cut its step into (device arrays).\n";
  os << fmt::format("extern \"C\" int {}_status({}, std::int32_t * iterations, std::int32_t * substeps, double * "
                    "rnorm, void * stream)\n{{\n",
                    k.symbol, entry_parameters(T));
  os << "  if (!iterations || !substeps || !rnorm)\n    return -1;\n"
     << entry_argument_checks(k, "return -1;", "return 0;");
  os << fmt::format("  {}_status_kernel<<<neml2_grid(n), {}, 0, static_cast<cudaStream_t>(stream)>>>(n, "
                    "{}_bind(args, arg_strides, outs), iterations, substeps, rnorm);\n",
                    k.symbol, cuda_block_size, params);
  os << "  return static_cast<int>(cudaGetLastError());\n}\n\n";
  os << abi_checks(k.symbol, T, {"cuda_entry", "cuda_status"});
}

/// What the runtime calls instead of linking the CUDA runtime itself (see doc/compile.md).
const char * cuda_helpers =
    R"cuda(// ---- helpers: the CUDA runtime, for callers that do not link it (libneml2). Each returns 0 or a cudaError_t.
extern "C" int neml2_cuda_device_count(int * count)
{
  *count = 0;
  return static_cast<int>(cudaGetDeviceCount(count));
}

extern "C" const char * neml2_cuda_error_string(int error)
{
  return cudaGetErrorString(static_cast<cudaError_t>(error));
}

/// The current device's name (e.g. "NVIDIA H100 80GB HBM3"), truncated to len - 1 characters.
extern "C" int neml2_cuda_device_name(char * buf, int len)
{
  int dev = 0;
  cudaError_t e = cudaGetDevice(&dev);
  cudaDeviceProp prop;
  if (e == cudaSuccess)
    e = cudaGetDeviceProperties(&prop, dev);
  if (e != cudaSuccess)
    return static_cast<int>(e);
  std::snprintf(buf, static_cast<std::size_t>(len), "%s", prop.name);
  return 0;
}

extern "C" int neml2_cuda_malloc(void ** ptr, std::size_t bytes)
{
  return static_cast<int>(cudaMalloc(ptr, bytes));
}

extern "C" int neml2_cuda_free(void * ptr)
{
  return static_cast<int>(cudaFree(ptr));
}

/// kind: 1 host to device, 2 device to host, 3 device to device (cudaMemcpyKind); ordered on `stream`.
extern "C" int neml2_cuda_memcpy(void * dst, const void * src, std::size_t bytes, int kind, void * stream)
{
  return static_cast<int>(
      cudaMemcpyAsync(dst, src, bytes, static_cast<cudaMemcpyKind>(kind), static_cast<cudaStream_t>(stream)));
}

extern "C" int neml2_cuda_memset(void * ptr, int value, std::size_t bytes, void * stream)
{
  return static_cast<int>(cudaMemsetAsync(ptr, value, bytes, static_cast<cudaStream_t>(stream)));
}

extern "C" int neml2_cuda_stream_synchronize(void * stream)
{
  return static_cast<int>(cudaStreamSynchronize(static_cast<cudaStream_t>(stream)));
}

)cuda";
} // namespace

std::string
generate_cuda_source(const std::vector<Kernel> & kernels, const std::string & signature_symbol,
                     const std::string & signature, const std::string & header_comment)
{
  const char * T = library_scalar_type(kernels);

  std::ostringstream os;
  os << "// " << header_comment << "\n";
  os << "// Generated by neml2-compile for nvcc; self-contained (C++17 standard library and the CUDA runtime only).\n";
  os << "// Do not edit. Each kernel evaluates one material point per thread with the same straight-line code as\n";
  os << "// the CPU library; node ids (%N) refer to the graph the kernel was generated from.\n";
  os << "#include <cstddef>\n#include <cstdint>\n#include <cstdio>\n#include <limits>\n#include "
        "<type_traits>\n\n#include "
        "<cuda_runtime.h>\n\n";
  os << shared_ops_source();
  os << fmt::format("// Blocks of {} threads covering n points (capped: the kernels loop over the rest).\n"
                    "static unsigned neml2_grid(std::int64_t n)\n{{\n"
                    "  const std::int64_t blocks = (n + {}) / {};\n"
                    "  return static_cast<unsigned>(blocks < 2147483647 ? blocks : 2147483647);\n}}\n\n",
                    cuda_block_size, cuda_block_size - 1, cuda_block_size);
  EmittedSystems systems; // shared by the entries that solve the same system
  for (const auto & k : kernels)
    emit_cuda_entry(os, k, T, systems);
  os << cuda_helpers;
  os << fmt::format("extern \"C\" const char * {}(void)\n{{\n  return \"{}\";\n}}\n", signature_symbol, signature);
  return os.str();
}
} // namespace neml2::codegen

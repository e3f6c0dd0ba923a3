// ArtifactLoader: finds an artifact's device folder, checks it, and loads its kernel entries.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "neml2/artifact/metadata.h"
#include "neml2/runtime/cuda_api.h"
#include "neml2/runtime/shared_library.h"

namespace neml2::aoti
{
/// The C signature of every kernel entry, with T erased (see doc/compile.md).
using KernelFn = int (*)(std::int64_t n, const void * const * args, const std::int64_t * arg_strides,
                         void * const * outs);

/// `<symbol>_status`: re-evaluates after a failed call and reports, per point, -1 where an
/// implicit solve failed (0 elsewhere) and that solve's residual norm.
using StatusFn = void (*)(std::int64_t n, const void * const * args, const std::int64_t * arg_strides,
                          void * const * outs, std::int32_t * status, double * rnorm);

/// A CUDA entry: `args` / `outs` are host arrays of device pointers, `failed` an optional device
/// counter of points whose implicit solve failed, `stream` a cudaStream_t. Returns 0 once queued,
/// else the cudaError_t.
using CudaKernelFn = int (*)(std::int64_t n, const void * const * args, const std::int64_t * arg_strides,
                             void * const * outs, std::int32_t * failed, void * stream);

/// `<symbol>_status` of a CUDA entry: `status` and `rnorm` are device arrays of n values.
using CudaStatusFn = int (*)(std::int64_t n, const void * const * args, const std::int64_t * arg_strides,
                             void * const * outs, std::int32_t * status, double * rnorm, void * stream);

struct LoadedArtifact
{
  std::string directory; ///< the device folder
  Metadata metadata;
  std::vector<std::shared_ptr<SharedLibrary>> libraries;
  std::map<std::string, KernelFn> kernels;          ///< cpu: by entry role (forward, jvp, jacobian)
  std::map<std::string, StatusFn> status;           ///< cpu: by entry role
  std::map<std::string, CudaKernelFn> cuda_kernels; ///< cuda: by entry role
  std::map<std::string, CudaStatusFn> cuda_status;  ///< cuda: by entry role
  std::shared_ptr<CudaApi> cuda;                    ///< cuda: the forward library's runtime helpers
};

/// The device folder of `artifact_dir` (`<out>/<model>` or the device folder itself) for
/// `device`; throws CompileError when there is none, listing the devices the artifact has.
std::string find_device_folder(const std::string & artifact_dir, const std::string & device);

/**
 * Loads an artifact: reads and checks its metadata (schema, self-hash, ABI, device), checks the
 * SHA-256 of each kernel library, dlopens them, checks their signatures and resolves the entries.
 * Throws CompileError with a message that says how to recompile. For device "cuda" it then asks
 * the library for a GPU and throws DeviceError ("no CUDA GPU visible: ...") when there is none.
 */
LoadedArtifact load_artifact(const std::string & artifact_dir, const std::string & device);
} // namespace neml2::aoti

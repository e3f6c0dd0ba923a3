// ArtifactLoader: finds an artifact's device folder, checks it, and loads its kernel entries.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "neml2/artifact/kernel_abi.h"
#include "neml2/artifact/metadata.h"
#include "neml2/runtime/cuda_api.h"
#include "neml2/runtime/shared_library.h"

namespace neml2::aoti
{
/// The entries of a kernel library with the scalar type erased, as declared by the plain-C ABI
/// header (artifact/kernel_abi.h) that generated sources are checked against.
using KernelFn = neml2_entry;
using RangeFn = neml2_range;
using RangeAlignFn = neml2_range_align;
using StatusFn = neml2_status;
using CudaKernelFn = neml2_cuda_entry;
using CudaStatusFn = neml2_cuda_status;

struct LoadedArtifact
{
  std::string directory; ///< the device folder
  Metadata metadata;
  std::vector<std::shared_ptr<SharedLibrary>> libraries;
  std::map<std::string, KernelFn> kernels;          ///< cpu: by entry role (forward, jvp, jacobian)
  std::map<std::string, RangeFn> ranges;            ///< cpu: the same entries over a range of points
  std::map<std::string, std::int64_t> range_aligns; ///< cpu: the alignment each range entry needs
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

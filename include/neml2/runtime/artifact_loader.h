// ArtifactLoader: finds an artifact's device folder, checks it, and loads its kernel entries.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "neml2/runtime/metadata.h"
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

struct LoadedArtifact
{
  std::string directory; ///< the device folder
  Metadata metadata;
  std::vector<std::shared_ptr<SharedLibrary>> libraries;
  std::map<std::string, KernelFn> kernels; ///< by entry role: forward, jvp, jacobian
  std::map<std::string, StatusFn> status;  ///< by entry role
};

/// The device folder of `artifact_dir` (`<out>/<model>` or the device folder itself) for
/// `device`; throws CompileError when there is none, listing the devices the artifact has.
std::string find_device_folder(const std::string & artifact_dir, const std::string & device);

/**
 * Loads an artifact: reads and checks its metadata (schema, self-hash, ABI, device), checks the
 * SHA-256 of each kernel library, dlopens them, checks their signatures and resolves the entries.
 * Throws CompileError with a message that says how to recompile.
 */
LoadedArtifact load_artifact(const std::string & artifact_dir, const std::string & device);
} // namespace neml2::aoti

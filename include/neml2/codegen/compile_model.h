// compile_model: what neml2-compile does, as a library call.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "neml2/codegen/codegen_cpu.h"
#include "neml2/codegen/prelude_cache.h"
#include "neml2/tensors/dtype.h"

namespace neml2::codegen
{
struct CompileRequest
{
  std::string input_file;
  std::string model;  ///< the [Models] block to compile (or empty with `driver`)
  std::string driver; ///< compile the model of this [Drivers] block
  std::string output_dir = "aoti";
  std::vector<std::string> derivatives;       ///< -d specs (OUT:IN, OUT:, :IN, :)
  std::vector<std::string> promote;           ///< -p parameter names (bare or qualified)
  std::vector<std::string> devices = {"cpu"}; ///< cpu and/or cuda: one folder each, one call
  std::vector<std::string> cuda_arch;         ///< --cuda-arch: GPU architectures (empty: 80 and 90)
  Dtype dtype = Dtype::Float64;
  CpuKernelForm cpu_kernels = CpuKernelForm::Auto; ///< --cpu-kernels: points, SIMD lanes, or chosen per kernel
  std::string debug_ir;     ///< --debug-ir: write the IR after each pass here (else $NEML2_DEBUG_IR, if set)
  bool keep_source = false; ///< keep the generated .cpp files in the device folder
  int jobs = 0;             ///< compiler processes at once (0: one per core)
  /// Read the copied headers of CPU units precompiled, from `cache_dir` (see prelude_cache.h).
  bool prelude_cache = true;
  std::string cache_dir = default_cache_dir(); ///< --cache-dir (empty: no cache)
  /// --interface: callers to write next to the artifact ("umat": an Abaqus UMAT in
  /// <model>/umat/, see doc/umat.md).
  std::vector<std::string> interfaces;
};

struct CompileResult
{
  std::string model;
  std::string artifact_dir;                                  ///< <out>/<model>, as the output folder was named
  std::string stub;                                          ///< <out>/<model>_aoti.i
  std::vector<std::pair<std::string, std::string>> metadata; ///< (device, <model>_meta.json path)
  std::vector<std::string> promoted;
  /// (other name, promoted name): a promoted parameter that the model also reaches under another
  /// qualified name (a sub-model used twice); it is promoted once, under the first name.
  std::vector<std::pair<std::string, std::string>> promoted_aliases;
  std::size_t derivative_pairs = 0;
  std::string debug_ir; ///< where the IR after each pass was written (empty: nowhere)
  std::string umat;     ///< the UMAT's C source (--interface umat), else empty
  double seconds = 0;   ///< wall time of the whole compile

  /// What neml2-compile prints (the seed's three lines, then the compile time).
  std::string summary() const;
};

/**
 * Compiles a model of an input file into an artifact folder and a stub (see doc/compile.md):
 * parameters not promoted are baked as constants (derivatives are taken before baking), each
 * kernel library is generated and built with the system compiler, the metadata records what the
 * loader checks, and everything is moved into place only when all of it succeeded.
 * Throws InputError (input file), CompileError (requests, compiler, output folder).
 */
CompileResult compile_model(const CompileRequest & request);
} // namespace neml2::codegen

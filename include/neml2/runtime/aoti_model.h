// neml2::aoti::Model: loads a compiled artifact folder and calls its kernels.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "neml2/artifact/metadata.h"
#include "neml2/tensors/value_map.h"

namespace neml2::aoti
{
class CudaApi;

/// Promoted parameters by qualified name.
using ParameterMap = std::map<std::string, Tensor>;

/**
 * The runtime binding of a compiled model (what `neml2-compile` writes).
 *
 * `artifact_dir` is either `<out>/<model>` (the `<device>/` subfolder is picked) or a device
 * folder itself. Loading checks the metadata (schema and ABI versions, device, dtype, its own
 * hash) and the SHA-256 of every kernel library before dlopen'ing it; each failure throws
 * CompileError saying how to recompile.
 *
 * Calls take tensors with any number of batch dims, broadcast like NumPy (a batch of one is
 * passed with stride 0, never copied); inputs must have the artifact's dtype. All `const`
 * member functions may be called concurrently from several threads.
 *
 * With device "cuda" the `cuda/` build is loaded (DeviceError when no GPU is visible); the tensor
 * calls copy their (host) inputs to the GPU and the results back, and forward_into takes device
 * pointers and a stream.
 */
class Model
{
public:
  explicit Model(const std::string & artifact_dir, const std::string & device = "cpu");
  ~Model();
  Model(const Model &) = delete;
  Model & operator=(const Model &) = delete;

  const Metadata & metadata() const;
  const std::string & name() const;
  /// The device folder the kernels were loaded from.
  const std::string & directory() const;
  Dtype dtype() const;
  const std::string & device() const;

  std::vector<std::string> input_names() const;
  std::vector<std::string> output_names() const;
  const std::vector<VariableInfo> & inputs() const;
  const std::vector<VariableInfo> & outputs() const;
  /// The derivative pairs compiled in (empty without -d).
  const std::vector<DerivativeInfo> & derivatives() const;
  bool has_derivatives() const;

  /// The outputs for `inputs` (every input variable, by name).
  ValueMap forward(const ValueMap & inputs) const;
  /// Outputs and J·v for the outputs of the compiled pairs; a missing tangent counts as zero.
  std::pair<ValueMap, ValueMap> jvp(const ValueMap & inputs, const ValueMap & tangents) const;
  /// Outputs and the compiled blocks J[out][in], shaped (*batch, *out_base, *in_base).
  std::pair<ValueMap, DerivativeMap> jacobian(const ValueMap & inputs) const;

  /// The same calls with explicit values for every promoted parameter (instead of
  /// named_parameters()); used by AOTIModel, which keeps its parameters itself.
  ValueMap forward(const ValueMap & inputs, const ParameterMap & parameters) const;
  std::pair<ValueMap, ValueMap> jvp(const ValueMap & inputs, const ValueMap & tangents,
                                    const ParameterMap & parameters) const;
  std::pair<ValueMap, DerivativeMap> jacobian(const ValueMap & inputs, const ParameterMap & parameters) const;

  /// Promoted parameters (empty when fully baked). The tensors are used by reference: editing
  /// one in place changes the next call. Values may be uniform or batched (broadcast with the
  /// inputs).
  ParameterMap & named_parameters();
  const ParameterMap & named_parameters() const;
  /// Replaces a promoted parameter's value (bare or qualified name; base shape checked, any
  /// batch shape; converted to the artifact's dtype).
  void set_parameter(const std::string & name, const Tensor & value);

  /**
   * The zero-allocation entry for inner loops: evaluates `n` points reading `args` (one pointer
   * per input variable, in input_names() order, each point-major with `strides[i]` = 1 for one
   * value per point or 0 for one value for all) and writing `outs` (one caller-owned buffer per
   * output, in output_names() order, n * ncomp values). Everything is in the artifact's dtype.
   * Promoted parameters come from named_parameters(): each must have one value or n values.
   *
   * CUDA models: `args` and `outs` are host arrays of *device* pointers, the kernel is queued on
   * `stream` (a cudaStream_t; null: the default stream). The call returns as soon as the kernel is
   * queued, except for implicit models (it waits to check convergence, SolverError as on CPU) and
   * models with promoted parameters (copied to the GPU per call; it waits before reusing the
   * copy). CPU models take no stream.
   */
  void forward_into(std::int64_t n, const void * const * args, const std::int64_t * strides, void * const * outs,
                    void * stream = nullptr) const;

  /**
   * forward_into for the `jacobian` entry (artifacts compiled with -d): the same arguments, and
   * `outs` holds one buffer per output of that entry in metadata().entry("jacobian")->outputs
   * order: the output values, then each derivative block d(output)/d(input), n * (output
   * components x input components) values, row-major per point. Throws CompileError when the
   * artifact has no derivatives.
   */
  void jacobian_into(std::int64_t n, const void * const * args, const std::int64_t * strides, void * const * outs,
                     void * stream = nullptr) const;
  /// forward_into and jacobian_into with explicit values for every promoted parameter instead of
  /// named_parameters() (each one value or n values), so that concurrent callers with different
  /// parameters need not share the model's.
  void forward_into(std::int64_t n, const void * const * args, const std::int64_t * strides, void * const * outs,
                    const ParameterMap & parameters, void * stream = nullptr) const;
  void jacobian_into(std::int64_t n, const void * const * args, const std::int64_t * strides, void * const * outs,
                     const ParameterMap & parameters, void * stream = nullptr) const;

  /// CUDA models: the GPU helpers of the loaded library (memory, copies, synchronisation), for
  /// callers that do not link the CUDA runtime. Throws ValueError for CPU models.
  const CudaApi & cuda() const;

private:
  struct Impl;
  std::unique_ptr<Impl> _impl;
  ParameterMap _parameters;
};
} // namespace neml2::aoti

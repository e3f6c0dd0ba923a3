// CudaApi: the CUDA runtime as a CUDA kernel library exports it, so libneml2 links no CUDA.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "neml2/runtime/shared_library.h"

namespace neml2::aoti
{
/// Direction of a copy (the values of cudaMemcpyKind).
enum class CopyKind : int
{
  HostToDevice = 1,
  DeviceToHost = 2,
  DeviceToDevice = 3
};

/**
 * The `neml2_cuda_*` helpers every CUDA kernel library exports (see doc/compile.md): device count,
 * error strings, memory and stream synchronisation. The runtime, the tests and the GPU benchmark use
 * a GPU through them without linking the CUDA runtime. Copies and memsets are ordered on `stream`
 * (null: the default stream). Every failure throws DeviceError naming the operation and CUDA's
 * reason.
 */
class CudaApi
{
public:
  /// Resolves the helpers of `library`; throws CompileError when one is missing.
  explicit CudaApi(std::shared_ptr<SharedLibrary> library);

  /// (number of visible GPUs, cudaError_t of the query); never throws.
  std::pair<int, int> device_count() const noexcept;
  /// Throws DeviceError "no CUDA GPU visible: <reason>" unless at least one GPU is visible.
  void require_device() const;
  std::string error_string(int error) const;
  /// The current device's name, e.g. "NVIDIA H100 80GB HBM3".
  std::string device_name() const;

  void * malloc(std::size_t bytes) const; ///< null for 0 bytes
  void free(void * ptr) const noexcept;
  void memcpy(void * dst, const void * src, std::size_t bytes, CopyKind kind, void * stream = nullptr) const;
  void memset(void * ptr, int value, std::size_t bytes, void * stream = nullptr) const;
  void synchronize(void * stream = nullptr) const;

  /// Throws DeviceError "<what>: <CUDA's reason> (CUDA error <error>)" unless error == 0.
  void check(int error, const std::string & what) const;

private:
  std::shared_ptr<SharedLibrary> _library;
  int (*_device_count)(int *) = nullptr;
  const char * (*_error_string)(int) = nullptr;
  int (*_device_name)(char *, int) = nullptr;
  int (*_malloc)(void **, std::size_t) = nullptr;
  int (*_free)(void *) = nullptr;
  int (*_memcpy)(void *, const void *, std::size_t, int, void *) = nullptr;
  int (*_memset)(void *, int, std::size_t, void *) = nullptr;
  int (*_synchronize)(void *) = nullptr;
};

/// Device memory, freed when the buffer goes out of scope (the CudaApi must outlive it).
class DeviceBuffer
{
public:
  DeviceBuffer() = default;
  DeviceBuffer(const CudaApi & api, std::size_t bytes);
  ~DeviceBuffer();
  DeviceBuffer(DeviceBuffer && other) noexcept;
  DeviceBuffer & operator=(DeviceBuffer && other) noexcept;
  DeviceBuffer(const DeviceBuffer &) = delete;
  DeviceBuffer & operator=(const DeviceBuffer &) = delete;

  void * get() const { return _ptr; }
  std::size_t size() const { return _bytes; }

private:
  const CudaApi * _api = nullptr;
  void * _ptr = nullptr;
  std::size_t _bytes = 0;
};
} // namespace neml2::aoti

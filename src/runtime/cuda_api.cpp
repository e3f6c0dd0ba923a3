// CudaApi and DeviceBuffer: the neml2_cuda_* exports of a CUDA kernel library, with errors.
#include "neml2/runtime/cuda_api.h"

#include <fmt/format.h>

#include "neml2/base/error.h"

namespace neml2::aoti
{
namespace
{
template <typename F>
void
resolve(const SharedLibrary & lib, const char * name, F & fn)
{
  fn = reinterpret_cast<F>(lib.symbol(name));
}

/// CUDA's wording is about versions even when there is simply no driver; say what it means.
const char *
reason_hint(int error)
{
  switch (error)
  {
    case 35: // cudaErrorInsufficientDriver
      return " (no NVIDIA driver on this machine, or one older than the CUDA toolkit that built the artifact)";
    case 100: // cudaErrorNoDevice
      return " (the driver sees no GPU; check CUDA_VISIBLE_DEVICES)";
    case 209: // cudaErrorNoKernelImageForDevice
      return " (the artifact has no code for this GPU; recompile with --cuda-arch naming its compute capability)";
    default:
      return "";
  }
}
} // namespace

CudaApi::CudaApi(std::shared_ptr<SharedLibrary> library)
  : _library(std::move(library))
{
  resolve(*_library, "neml2_cuda_device_count", _device_count);
  resolve(*_library, "neml2_cuda_error_string", _error_string);
  resolve(*_library, "neml2_cuda_device_name", _device_name);
  resolve(*_library, "neml2_cuda_malloc", _malloc);
  resolve(*_library, "neml2_cuda_free", _free);
  resolve(*_library, "neml2_cuda_memcpy", _memcpy);
  resolve(*_library, "neml2_cuda_memset", _memset);
  resolve(*_library, "neml2_cuda_stream_synchronize", _synchronize);
}

std::pair<int, int>
CudaApi::device_count() const noexcept
{
  int count = 0;
  const int error = _device_count(&count);
  return {error == 0 ? count : 0, error};
}

void
CudaApi::require_device() const
{
  const auto [count, error] = device_count();
  if (error != 0)
    throw DeviceError(fmt::format("no CUDA GPU visible: {}{} (cudaGetDeviceCount: CUDA error {}); run on a machine "
                                  "with an NVIDIA GPU and driver, or load the cpu build (device cpu)",
                                  error_string(error), reason_hint(error), error));
  if (count == 0)
    throw DeviceError("no CUDA GPU visible: cudaGetDeviceCount found 0 devices; run on a machine with an NVIDIA GPU "
                      "and driver, or load the cpu build (device cpu)");
}

std::string
CudaApi::error_string(int error) const
{
  const char * s = _error_string(error);
  return s ? s : fmt::format("unknown CUDA error {}", error);
}

std::string
CudaApi::device_name() const
{
  char buf[256] = {};
  check(_device_name(buf, sizeof buf), "querying the CUDA device's name");
  return buf;
}

void
CudaApi::check(int error, const std::string & what) const
{
  if (error != 0)
    throw DeviceError(fmt::format("{}: {}{} (CUDA error {})", what, error_string(error), reason_hint(error), error));
}

void *
CudaApi::malloc(std::size_t bytes) const
{
  if (bytes == 0)
    return nullptr;
  void * p = nullptr;
  check(_malloc(&p, bytes), fmt::format("allocating {} bytes of GPU memory", bytes));
  return p;
}

void
CudaApi::free(void * ptr) const noexcept
{
  if (ptr)
    _free(ptr);
}

void
CudaApi::memcpy(void * dst, const void * src, std::size_t bytes, CopyKind kind, void * stream) const
{
  if (bytes == 0)
    return;
  check(_memcpy(dst, src, bytes, static_cast<int>(kind), stream),
        fmt::format("copying {} bytes {}", bytes,
                    kind == CopyKind::HostToDevice   ? "to the GPU"
                    : kind == CopyKind::DeviceToHost ? "from the GPU"
                                                     : "on the GPU"));
}

void
CudaApi::memset(void * ptr, int value, std::size_t bytes, void * stream) const
{
  if (bytes == 0)
    return;
  check(_memset(ptr, value, bytes, stream), "clearing GPU memory");
}

void
CudaApi::synchronize(void * stream) const
{
  check(_synchronize(stream), "waiting for the GPU");
}

DeviceBuffer::DeviceBuffer(const CudaApi & api, std::size_t bytes)
  : _api(&api),
    _ptr(api.malloc(bytes)),
    _bytes(bytes)
{
}

DeviceBuffer::~DeviceBuffer()
{
  if (_api)
    _api->free(_ptr);
}

DeviceBuffer::DeviceBuffer(DeviceBuffer && other) noexcept
  : _api(other._api),
    _ptr(other._ptr),
    _bytes(other._bytes)
{
  other._api = nullptr;
  other._ptr = nullptr;
  other._bytes = 0;
}

DeviceBuffer &
DeviceBuffer::operator=(DeviceBuffer && other) noexcept
{
  if (this != &other)
  {
    if (_api)
      _api->free(_ptr);
    _api = other._api;
    _ptr = other._ptr;
    _bytes = other._bytes;
    other._api = nullptr;
    other._ptr = nullptr;
    other._bytes = 0;
  }
  return *this;
}
} // namespace neml2::aoti

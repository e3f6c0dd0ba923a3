// dlopen/dlsym with errors that name the file.
#include "neml2/runtime/shared_library.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

#include <fmt/format.h>

#include "neml2/base/error.h"

namespace neml2::aoti
{
namespace
{
/// A kernel library pulls in its OpenMP runtime when it is loaded. That runtime must outlive the
/// kernel: its worker threads stay parked inside it after a parallel region, and it keeps
/// allocations in its globals. So when dlclose drops the last kernel, the OpenMP runtime stays
/// mapped (RTLD_NOLOAD only touches libraries already loaded; RTLD_NODELETE pins them).
void
pin_openmp_runtime()
{
  for (const char * name : {"libgomp.so.1", "libomp.so", "libomp.so.5", "libiomp5.so"})
    dlopen(name, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
}

/// Held around every dlopen, dlsym and dlclose of kernel libraries. glibc serialises them itself,
/// but with a lock inside the dynamic loader that ThreadSanitizer cannot see, so a load in one
/// thread and an unload in another would read to it as a race on the loader's own tables.
/// Loads are rare; one lock costs nothing.
std::mutex &
loader_mutex()
{
  static std::mutex m;
  return m;
}

std::string
fd_path(int fd)
{
  return fmt::format("/proc/self/fd/{}", fd);
}
} // namespace

SharedLibrary::SharedLibrary(const std::string & path)
  : _path(path)
{
  open(path);
}

std::shared_ptr<SharedLibrary>
SharedLibrary::from_bytes(const std::string & bytes, const std::string & path)
{
  std::shared_ptr<SharedLibrary> lib(new SharedLibrary());
  lib->_path = path;
  lib->_memfd = memfd_create("neml2-kernel", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (lib->_memfd < 0)
    throw CompileError(
        fmt::format("cannot load the kernel library '{}': memfd_create failed: {}", path, std::strerror(errno)));
  std::size_t put = 0;
  while (put < bytes.size())
  {
    const auto n = ::write(lib->_memfd, bytes.data() + put, bytes.size() - put);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      throw CompileError(fmt::format("cannot load the kernel library '{}': writing its in-memory copy failed: {}", path,
                                     std::strerror(errno)));
    put += static_cast<std::size_t>(n);
  }
  if (fcntl(lib->_memfd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) != 0)
    throw CompileError(fmt::format("cannot load the kernel library '{}': sealing its in-memory copy failed: {}", path,
                                   std::strerror(errno)));
  lib->open(fd_path(lib->_memfd));
  return lib;
}

void
SharedLibrary::open(const std::string & file)
{
  std::lock_guard lock(loader_mutex());
  _handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!_handle)
  {
    const char * why = dlerror();
    throw CompileError(fmt::format("cannot load the kernel library '{}': {}; recompile the model with neml2-compile "
                                   "on this machine",
                                   _path, why ? why : "unknown reason"));
  }
  pin_openmp_runtime();
}

SharedLibrary::~SharedLibrary()
{
  std::lock_guard lock(loader_mutex());
  if (_handle)
    dlclose(_handle);
  if (_memfd < 0)
    return;
  // dlopen recognises a library by its file name first. While a library loaded from
  // /proc/self/fd/N stays mapped (dlclose may keep it), N must not name another library, so its
  // descriptor is closed only once the library is gone.
  if (void * still = dlopen(fd_path(_memfd).c_str(), RTLD_NOW | RTLD_NOLOAD))
    dlclose(still);
  else
    ::close(_memfd);
}

void *
SharedLibrary::symbol(const std::string & name) const
{
  void * p = nullptr;
  {
    std::lock_guard lock(loader_mutex());
    dlerror();
    p = dlsym(_handle, name.c_str());
  }
  if (!p)
    throw CompileError(fmt::format("the kernel library '{}' does not export '{}' (tampered or built by another "
                                   "neml2 version?); recompile the model with neml2-compile",
                                   _path, name));
  return p;
}
} // namespace neml2::aoti

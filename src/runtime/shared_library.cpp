// dlopen/dlsym with errors that name the file.
#include "neml2/runtime/shared_library.h"

#include <dlfcn.h>

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
} // namespace

SharedLibrary::SharedLibrary(const std::string & path)
  : _path(path)
{
  _handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!_handle)
  {
    const char * why = dlerror();
    throw CompileError(fmt::format("cannot load the kernel library '{}': {}; recompile the model with neml2-compile "
                                   "on this machine",
                                   path, why ? why : "unknown reason"));
  }
  pin_openmp_runtime();
}

SharedLibrary::~SharedLibrary()
{
  if (_handle)
    dlclose(_handle);
}

void *
SharedLibrary::symbol(const std::string & name) const
{
  dlerror();
  void * p = dlsym(_handle, name.c_str());
  if (!p)
    throw CompileError(fmt::format("the kernel library '{}' does not export '{}' (tampered or built by another "
                                   "neml2 version?); recompile the model with neml2-compile",
                                   _path, name));
  return p;
}
} // namespace neml2::aoti

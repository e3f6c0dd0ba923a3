// A dlopen'ed shared library, closed when the last owner lets go.
#pragma once

#include <string>

namespace neml2::aoti
{
class SharedLibrary
{
public:
  /// Opens `path` (RTLD_NOW | RTLD_LOCAL); throws CompileError with dlerror()'s reason.
  explicit SharedLibrary(const std::string & path);
  ~SharedLibrary();
  SharedLibrary(const SharedLibrary &) = delete;
  SharedLibrary & operator=(const SharedLibrary &) = delete;

  /// The address of an exported symbol; throws CompileError when it is missing.
  void * symbol(const std::string & name) const;
  const std::string & path() const { return _path; }

private:
  std::string _path;
  void * _handle = nullptr;
};
} // namespace neml2::aoti

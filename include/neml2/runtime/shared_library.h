// A dlopen'ed shared library, closed when the last owner lets go.
#pragma once

#include <memory>
#include <string>

namespace neml2::aoti
{
class SharedLibrary
{
public:
  /// Opens `path` (RTLD_NOW | RTLD_LOCAL); throws CompileError with dlerror()'s reason.
  explicit SharedLibrary(const std::string & path);
  /// Loads exactly `bytes` (already verified), named `path` in errors: they are copied into a
  /// sealed in-memory file that nothing can change, and that file is what dlopen maps. So a file
  /// replaced or edited between verification and loading cannot slip in.
  static std::shared_ptr<SharedLibrary> from_bytes(const std::string & bytes, const std::string & path);
  ~SharedLibrary();
  SharedLibrary(const SharedLibrary &) = delete;
  SharedLibrary & operator=(const SharedLibrary &) = delete;

  /// The address of an exported symbol; throws CompileError when it is missing.
  void * symbol(const std::string & name) const;
  const std::string & path() const { return _path; }

private:
  SharedLibrary() = default;
  void open(const std::string & file);

  std::string _path;
  void * _handle = nullptr;
  int _memfd = -1; ///< the sealed copy of a library loaded from bytes
};
} // namespace neml2::aoti

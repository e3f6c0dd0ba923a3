// Reading input files from disk and resolving '!include' paths.
#include "source.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace neml2::hit::detail
{
std::optional<std::string>
read_regular_file(const std::string & path)
{
  std::error_code ec;
  // Only regular files: devices and FIFOs could block or never end.
  if (!fs::is_regular_file(path, ec) || ec)
    return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad())
    return std::nullopt;
  return std::move(out).str();
}

std::string
resolve_include(const std::string & including_file, const std::string & path)
{
  const fs::path p(path);
  if (p.is_absolute())
    return p.lexically_normal().string();
  return (fs::path(including_file).parent_path() / p).lexically_normal().string();
}

std::string
file_identity(const std::string & path)
{
  std::error_code ec;
  auto canonical = fs::weakly_canonical(path, ec);
  if (ec)
    return fs::path(path).lexically_normal().string();
  return canonical.string();
}
} // namespace neml2::hit::detail

// SHA-256 digests: how an artifact's metadata pins the exact bytes of its kernel libraries.
#pragma once

#include <string>
#include <string_view>

namespace neml2::aoti
{
/// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);
/// Lower-case hex SHA-256 of a file's contents; throws CompileError when it cannot be read.
std::string sha256_file(const std::string & path);
} // namespace neml2::aoti

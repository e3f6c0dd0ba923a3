// Reading input files from disk and resolving '!include' paths.
#pragma once

#include <optional>
#include <string>

namespace neml2::hit::detail
{
/// The whole content of a regular file, or nothing if it cannot be read.
std::optional<std::string> read_regular_file(const std::string & path);
/// `path` as written in a '!include' of `including_file`: absolute paths unchanged, relative ones
/// against the directory of `including_file`; lexically normalized.
std::string resolve_include(const std::string & including_file, const std::string & path);
/// A key identifying a file for include-cycle detection (canonical path where it exists).
std::string file_identity(const std::string & path);
} // namespace neml2::hit::detail

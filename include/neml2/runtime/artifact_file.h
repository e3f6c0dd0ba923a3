// Reading one file of an artifact without trusting its metadata: a regular file inside the
// artifact's folder, read once through a descriptor, so that the bytes checked are the bytes used.
#pragma once

#include <cstddef>
#include <string>

namespace neml2::aoti
{
struct ArtifactFile
{
  std::string path;  ///< as errors name it: folder/name
  std::string bytes; ///< the whole file
};

/**
 * Reads `name` (one path component, as metadata lists it) from `folder`. Refused, with a
 * CompileError naming the file and the check: a name with a separator or "..", a symbolic link
 * whose target lies outside the folder, anything but a regular file (a directory, /dev/zero),
 * more than `max_bytes`, or a file that changes size while it is read. `what` says what the file
 * is ("kernel library", "artifact metadata").
 */
ArtifactFile read_artifact_file(const std::string & folder, const std::string & name, const char * what,
                                std::size_t max_bytes);

/// Throws CompileError naming `path` unless `bytes` is a complete ELF shared object for this
/// machine: every program and section header, and every segment, inside the file. dlopen maps a
/// truncated library without complaint and the process dies of SIGBUS when it touches the rest.
void check_elf_shared_object(const std::string & bytes, const std::string & path);
} // namespace neml2::aoti

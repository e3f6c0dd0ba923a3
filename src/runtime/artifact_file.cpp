// Confined, descriptor-based reads of artifact files and the structural check of kernel libraries.
#include "neml2/runtime/artifact_file.h"

#include <elf.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "neml2/base/error.h"

namespace fs = std::filesystem;

namespace neml2::aoti
{
namespace
{
const char * recompile = "recompile the model with neml2-compile";

/// Closes a descriptor on every exit path.
struct Descriptor
{
  int fd = -1;
  ~Descriptor()
  {
    if (fd >= 0)
      ::close(fd);
  }
};

std::string
kind_of(mode_t mode)
{
  if (S_ISDIR(mode))
    return "a directory";
  if (S_ISCHR(mode) || S_ISBLK(mode))
    return "a device";
  if (S_ISFIFO(mode))
    return "a pipe";
  if (S_ISSOCK(mode))
    return "a socket";
  return "not a regular file";
}

bool
inside(const fs::path & child, const fs::path & folder)
{
  const auto rel = child.lexically_relative(folder);
  return !rel.empty() && *rel.begin() != ".." && rel.is_relative() && rel.string() != ".";
}
} // namespace

ArtifactFile
read_artifact_file(const std::string & folder, const std::string & name, const char * what, std::size_t max_bytes)
{
  ArtifactFile out;
  out.path = (fs::path(folder) / name).string();
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos ||
      name.find('\0') != std::string::npos)
    throw CompileError(fmt::format("artifact metadata in '{}' names the {} '{}', which is not a file name in the "
                                   "artifact folder (paths are refused); {}",
                                   folder, what, name, recompile));
  std::error_code ec;
  const auto real_folder = fs::canonical(folder, ec);
  if (ec)
    throw CompileError(fmt::format("cannot resolve the artifact folder '{}': {}", folder, ec.message()));
  // A symbolic link is followed only to a file in the same folder (a copied tree may use links).
  const auto target = fs::weakly_canonical(fs::path(folder) / name, ec);
  if (ec)
    throw CompileError(fmt::format("cannot resolve the {} '{}': {}; {}", what, out.path, ec.message(), recompile));
  if (!inside(target, real_folder))
    throw CompileError(fmt::format("the {} '{}' is a link to '{}', outside the artifact folder; artifacts hold their "
                                   "own files, {}",
                                   what, out.path, target.string(), recompile));
  Descriptor d;
  d.fd = ::open(target.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (d.fd < 0)
  {
    const int err = errno;
    if (err == ENOENT)
      throw CompileError(fmt::format("artifact folder '{}' is missing '{}' (listed in its metadata); the artifact is "
                                     "incomplete, {}",
                                     folder, name, recompile));
    throw CompileError(fmt::format("cannot open the {} '{}': {}", what, out.path, std::strerror(err)));
  }
  struct stat st
  {
  };
  if (::fstat(d.fd, &st) != 0)
    throw CompileError(fmt::format("cannot inspect the {} '{}': {}", what, out.path, std::strerror(errno)));
  if (!S_ISREG(st.st_mode))
    throw CompileError(
        fmt::format("the {} '{}' is {}, not a regular file; {}", what, out.path, kind_of(st.st_mode), recompile));
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size > max_bytes)
    throw CompileError(fmt::format("the {} '{}' has {} bytes, more than the {} any neml2-compile writes; {}", what,
                                   out.path, size, max_bytes, recompile));
  out.bytes.resize(size);
  std::size_t got = 0;
  while (got < size)
  {
    const auto n = ::read(d.fd, out.bytes.data() + got, size - got);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      throw CompileError(fmt::format("cannot read the {} '{}': {}", what, out.path, std::strerror(errno)));
    if (n == 0)
      break;
    got += static_cast<std::size_t>(n);
  }
  char extra = 0;
  if (got != size || ::read(d.fd, &extra, 1) != 0)
    throw CompileError(
        fmt::format("the {} '{}' changed while it was read; load it again once nothing writes to it", what, out.path));
  return out;
}

void
check_elf_shared_object(const std::string & bytes, const std::string & path)
{
  const auto bad = [&](const std::string & why) {
    return CompileError(
        fmt::format("kernel library '{}' is not a loadable shared library ({}); {}", path, why, recompile));
  };
  if (bytes.size() < sizeof(Elf64_Ehdr) || std::memcmp(bytes.data(), ELFMAG, SELFMAG) != 0)
    throw bad("no ELF header");
  Elf64_Ehdr eh{};
  std::memcpy(&eh, bytes.data(), sizeof eh);
  if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB)
    throw bad("not a 64-bit little-endian ELF file");
#if defined(__x86_64__)
  constexpr auto machine = EM_X86_64;
#elif defined(__aarch64__)
  constexpr auto machine = EM_AARCH64;
#else
  const auto machine = eh.e_machine;
#endif
  if (eh.e_machine != machine)
    throw bad(fmt::format("built for ELF machine {}, this process is machine {}", eh.e_machine, machine));
  if (eh.e_type != ET_DYN)
    throw bad("not a shared object");
  const auto size = static_cast<std::uint64_t>(bytes.size());
  // Each table must lie inside the file; the products cannot wrap (16-bit counts and sizes).
  const auto table_fits = [&](std::uint64_t off, std::uint64_t count, std::uint64_t entsize) {
    return off <= size && count * entsize <= size - off;
  };
  if (eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum == 0 || !table_fits(eh.e_phoff, eh.e_phnum, eh.e_phentsize))
    throw bad(fmt::format("its program header table does not fit in its {} bytes (truncated?)", size));
  if (eh.e_shoff != 0 && !table_fits(eh.e_shoff, eh.e_shnum, eh.e_shentsize))
    throw bad(fmt::format("its section header table ends past its {} bytes (truncated?)", size));
  for (std::uint16_t i = 0; i < eh.e_phnum; ++i)
  {
    Elf64_Phdr ph{};
    std::memcpy(&ph, bytes.data() + eh.e_phoff + std::uint64_t{i} * sizeof ph, sizeof ph);
    if (ph.p_type == PT_LOAD && (ph.p_offset > size || ph.p_filesz > size - ph.p_offset))
      throw bad(fmt::format("segment {} ends at byte {}, past its {} bytes (truncated?)", i, ph.p_offset + ph.p_filesz,
                            size));
  }
}
} // namespace neml2::aoti

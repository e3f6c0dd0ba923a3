// Precompiled preludes: GCC precompiled headers of the text generated units start with, kept in a
// per-user cache. The copied headers (<immintrin.h> among them) are half of what parsing a unit
// costs, and they are the same for every model compiled with one neml2, compiler and host.
#include "neml2/codegen/prelude_cache.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <fmt/format.h>

#include "neml2/artifact/sha256.h"
#include "neml2/codegen/process.h"

namespace fs = std::filesystem;

namespace neml2::codegen
{
namespace
{
/// Entries kept in the cache (two per neml2 build, compiler and host: points and lanes).
constexpr std::size_t max_entries = 8;
/// An entry used this recently is never removed: a compile may be reading it.
constexpr auto in_use = std::chrono::minutes(10);

/// What -march=native means here: the first processor's model name and flags (Linux).
std::string
host_cpu()
{
  std::ifstream in("/proc/cpuinfo");
  std::string line, out;
  while (std::getline(in, line) && !line.empty())
    if (line.rfind("model name", 0) == 0 || line.rfind("flags", 0) == 0)
      out += line + "\n";
  return out;
}

std::string
read_text(const fs::path & path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool
write_text(const fs::path & path, const std::string & text)
{
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  return static_cast<bool>(out);
}

/// An exclusive lock on `path` (created if needed) for as long as it lives; not held if the file
/// cannot be opened.
class FileLock
{
public:
  explicit FileLock(const fs::path & path)
    : _fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644))
  {
    if (_fd >= 0 && ::flock(_fd, LOCK_EX) != 0)
    {
      ::close(_fd);
      _fd = -1;
    }
  }
  FileLock(const FileLock &) = delete;
  FileLock & operator=(const FileLock &) = delete;
  ~FileLock()
  {
    if (_fd >= 0)
      ::close(_fd); // releases the lock
  }
  bool held() const { return _fd >= 0; }

private:
  int _fd;
};

/// Removes the least recently used entries beyond max_entries (not those in use), and the
/// folders of builds that were interrupted (older than in_use).
void
prune(const fs::path & root)
{
  std::error_code ec;
  const auto now = fs::file_time_type::clock::now();
  std::vector<std::pair<fs::file_time_type, fs::path>> entries;
  for (const auto & e : fs::directory_iterator(root, ec))
  {
    if (!e.is_directory(ec))
      continue;
    const auto time = fs::last_write_time(e.path(), ec);
    if (e.path().filename().string().find('.') == std::string::npos)
      entries.emplace_back(time, e.path());
    else if (now - time > in_use) // <key>.tmp<pid>, left by a build that never finished
      fs::remove_all(e.path(), ec);
  }
  if (entries.size() <= max_entries)
    return;
  std::sort(entries.begin(), entries.end(), [](const auto & a, const auto & b) { return a.first > b.first; });
  for (std::size_t i = max_entries; i < entries.size(); ++i)
    if (now - entries[i].first > in_use)
    {
      fs::remove_all(entries[i].second, ec);
      fs::remove(fs::path(entries[i].second).concat(".lock"), ec);
    }
}

/// Builds `entry` (prelude.h and its .gch, or prelude.h and the log of a failed build in
/// `failed`) in a folder of its own and moves it into place whole.
void
build_entry(const Compiler & compiler, const std::string & prelude, const fs::path & entry)
{
  std::error_code ec;
  const auto tmp = fs::path(entry).concat(fmt::format(".tmp{}", ::getpid()));
  fs::remove_all(tmp, ec);
  if (!fs::create_directory(tmp, ec) || !write_text(tmp / "prelude.h", prelude))
  {
    fs::remove_all(tmp, ec);
    return;
  }
  auto cmd = compiler.command;
  const auto flags = object_flags(compiler.flags);
  cmd.insert(cmd.end(), flags.begin(), flags.end());
  cmd.insert(cmd.end(), {"-x", "c++-header", (tmp / "prelude.h").string(), "-o", (tmp / "prelude.h.gch").string()});
  const auto r = run_process(cmd);
  if (!r.started || r.exit_code != 0)
  {
    fs::remove(tmp / "prelude.h.gch", ec);
    write_text(tmp / "failed", fmt::format("{}\n{}{}\n", command_line(cmd), r.output, r.error));
  }
  fs::rename(tmp, entry, ec);
  if (ec) // another process put one there (its lock file was pruned under it): use that one
    fs::remove_all(tmp, ec);
}
} // namespace

std::string
default_cache_dir()
{
  for (const char * var : {"NEML2_CACHE_DIR", "XDG_CACHE_HOME", "HOME"})
  {
    const char * v = std::getenv(var);
    if (!v || !*v)
      continue;
    const std::string name = var;
    if (name == "NEML2_CACHE_DIR")
      return v;
    return (fs::path(v) / (name == "HOME" ? ".cache/neml2" : "neml2")).string();
  }
  return {};
}

bool
takes_precompiled_prelude(const Compiler & compiler)
{
  if (!compiler.gcc || compiler.command.empty())
    return false;
  const auto program = fs::path(compiler.command.front()).filename().string();
  return program != "ccache" && program != "sccache";
}

std::string
precompiled_prelude(const Compiler & compiler, const std::string & prelude, const std::string & cache_dir)
{
  if (cache_dir.empty() || !takes_precompiled_prelude(compiler))
    return {};
  std::string identity;
  for (const auto & part : {compiler.command, std::vector<std::string>{compiler.version}, compiler.flags,
                            std::vector<std::string>{host_cpu(), prelude}})
    for (const auto & word : part)
      identity += word + '\0';
  const fs::path root = fs::path(cache_dir) / "preludes";
  const fs::path entry = root / aoti::sha256_hex(identity).substr(0, 24);
  const fs::path header = entry / "prelude.h";
  std::error_code ec;
  auto usable = [&] {
    return fs::exists(entry / "prelude.h.gch", ec) && !fs::exists(entry / "failed", ec) && read_text(header) == prelude;
  };
  if (!fs::is_directory(entry, ec))
  {
    fs::create_directories(root, ec);
    FileLock lock(fs::path(entry).concat(".lock"));
    if (!lock.held())
      return {};
    if (!fs::is_directory(entry, ec)) // not built by the process that held the lock before
    {
      build_entry(compiler, prelude, entry);
      prune(root);
    }
  }
  if (!usable())
    return {};
  fs::last_write_time(entry, fs::file_time_type::clock::now(), ec); // recently used
  return header.string();
}

void
reject_precompiled_prelude(const std::string & header)
{
  const auto entry = fs::path(header).parent_path();
  write_text(entry / "failed", "a unit failed to compile with this prelude and compiled without it\n");
}
} // namespace neml2::codegen

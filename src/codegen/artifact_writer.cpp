// ArtifactWriter: staging in a temporary folder and publishing by rename.
#include "neml2/codegen/artifact_writer.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <set>

#include <fmt/format.h>

#include "neml2/base/error.h"

namespace fs = std::filesystem;

namespace neml2::codegen
{
void
write_text_file(const fs::path & path, const std::string & text)
{
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out)
    throw CompileError(fmt::format("cannot write '{}': {}", path.string(), std::strerror(errno)));
  out << text;
  out.close();
  if (!out)
    throw CompileError(fmt::format("cannot write '{}' (disk full?)", path.string()));
}

namespace
{
constexpr std::string_view temp_prefix = ".neml2-compile-";
constexpr auto unlocked_grace = std::chrono::minutes(1);

/// The temporary folders of the writers alive in this process.
struct LiveFolders
{
  std::mutex mutex;
  std::set<fs::path> folders;
};
LiveFolders &
live_folders()
{
  static LiveFolders live;
  return live;
}

/// Whether `dir` is a compile's temporary folder whose compile is gone.
bool
abandoned(const fs::path & dir)
{
  const int fd = ::open((dir / ".lock").c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0)
  {
    // No lock file: killed right after mkdtemp, or being set up this instant. Age tells.
    std::error_code ec;
    const auto t = fs::last_write_time(dir, ec);
    return !ec && fs::file_time_type::clock::now() - t > unlocked_grace;
  }
  const bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
  ::close(fd);
  return free;
}
} // namespace

std::vector<fs::path>
remove_stale_temporary_folders(const fs::path & output_dir)
{
  std::vector<fs::path> removed;
  std::error_code ec;
  for (const auto & e : fs::directory_iterator(output_dir, ec))
  {
    const auto name = e.path().filename().string();
    std::error_code ignored;
    if (!name.starts_with(temp_prefix) || !e.is_directory(ignored) || e.is_symlink(ignored))
      continue;
    {
      std::lock_guard lock(live_folders().mutex);
      if (live_folders().folders.count(e.path()))
        continue; // this process's own
    }
    if (abandoned(e.path()) && fs::remove_all(e.path(), ignored) > 0 && !ignored)
      removed.push_back(e.path());
  }
  return removed;
}

std::size_t
remove_temporary_folders()
{
  std::lock_guard lock(live_folders().mutex);
  std::size_t n = 0;
  for (const auto & dir : live_folders().folders)
  {
    std::error_code ec;
    n += fs::remove_all(dir, ec) > 0 ? 1 : 0;
  }
  live_folders().folders.clear();
  return n;
}

ArtifactWriter::ArtifactWriter(const std::string & output_dir, const std::string & model)
  : _out(output_dir.empty() ? fs::path(".") : fs::path(output_dir)),
    _model(model)
{
  std::error_code ec;
  fs::create_directories(_out, ec);
  if (ec || !fs::is_directory(_out))
    throw CompileError(fmt::format("cannot create the output folder '{}': {}; choose a writable --output-dir",
                                   _out.string(), ec ? ec.message() : std::string("a file of that name exists")));
  std::string tmpl = (_out / fmt::format(".neml2-compile-{}-XXXXXX", model)).string();
  if (!mkdtemp(tmpl.data()))
    throw CompileError(fmt::format("the output folder '{}' is not writable: {}; choose a writable --output-dir",
                                   _out.string(), std::strerror(errno)));
  _tmp = tmpl;
  {
    std::lock_guard lock(live_folders().mutex);
    live_folders().folders.insert(_tmp);
  }
  _lock = ::open((_tmp / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (_lock >= 0)
    (void)::flock(_lock, LOCK_EX | LOCK_NB); // ours alone: the folder was just made
  remove_stale_temporary_folders(_out);
}

ArtifactWriter::~ArtifactWriter()
{
  std::error_code ec;
  fs::remove_all(_tmp, ec);
  {
    std::lock_guard lock(live_folders().mutex);
    live_folders().folders.erase(_tmp);
  }
  if (_lock >= 0)
    ::close(_lock);
}

void
ArtifactWriter::publish()
{
  const auto final_artifact = artifact_path(), final_stub = stub_path();
  const auto old = _tmp / ".previous";
  // Compiles publishing into one folder (threads or processes) take turns, or one could move its
  // artifact in between another's test for a previous artifact and its move (the second move then
  // fails: the folder is no longer empty). The lock is the folder's own (flock on its descriptor),
  // so nothing is left behind in it; closing the descriptor releases it.
  struct FolderLock
  {
    int fd;
    ~FolderLock()
    {
      if (fd >= 0)
        ::close(fd);
    }
  } turn{::open(_out.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (turn.fd >= 0)
    (void)::flock(turn.fd, LOCK_EX);
  std::error_code ec;
  const bool had_old = fs::exists(final_artifact, ec);
  if (had_old)
  {
    fs::rename(final_artifact, old, ec);
    if (ec)
      throw CompileError(
          fmt::format("cannot replace the previous artifact '{}': {}", final_artifact.string(), ec.message()));
  }
  fs::rename(staging_artifact(), final_artifact, ec);
  if (ec)
  {
    std::error_code ignored;
    if (had_old)
      fs::rename(old, final_artifact, ignored);
    throw CompileError(fmt::format("cannot move the artifact into '{}': {}", final_artifact.string(), ec.message()));
  }
  fs::rename(staging_stub(), final_stub, ec);
  if (ec)
    throw CompileError(fmt::format("cannot write the stub '{}': {}", final_stub.string(), ec.message()));
  _published = true;
}
} // namespace neml2::codegen

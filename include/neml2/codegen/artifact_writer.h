// ArtifactWriter: builds an artifact in a temporary folder and moves it into place at the end.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace neml2::codegen
{
/**
 * Everything is written under `<out>/.neml2-compile-<model>-XXXXXX/` and only publish() moves
 * the artifact folder and the stub to `<out>/<model>` and `<out>/<model>_aoti.i` (renames on
 * one file system), so a failed or interrupted compile never leaves a half-written artifact;
 * an unpublished temporary folder is removed by the destructor.
 *
 * A compile killed outright (kill -9, a crash) runs no destructor, so the folder holds a lock file
 * locked (flock) for the writer's lifetime; the kernel drops that lock when the process dies. Each
 * new writer removes the temporary folders of `<out>` whose lock it can take, i.e. whose compile
 * is gone. remove_temporary_folders() is for signal-time cleanup (see neml2-compile).
 */
class ArtifactWriter
{
public:
  /// Creates `output_dir` if needed and the temporary folder; throws CompileError when the
  /// output folder cannot be created or written.
  ArtifactWriter(const std::string & output_dir, const std::string & model);
  ~ArtifactWriter();
  ArtifactWriter(const ArtifactWriter &) = delete;
  ArtifactWriter & operator=(const ArtifactWriter &) = delete;

  /// Where to build the artifact folder and the stub before publish().
  std::filesystem::path staging_artifact() const { return _tmp / _model; }
  std::filesystem::path staging_stub() const { return _tmp / stub_name(); }

  /// The final paths, as the user named the output folder ("aoti/elasticity").
  std::filesystem::path artifact_path() const { return _out / _model; }
  std::filesystem::path stub_path() const { return _out / stub_name(); }
  const std::filesystem::path & output_dir() const { return _out; }

  /// Replaces any previous artifact and stub of the model by the staged ones.
  void publish();

private:
  std::string stub_name() const { return _model + "_aoti.i"; }

  std::filesystem::path _out, _tmp;
  std::string _model;
  bool _published = false;
  int _lock = -1; ///< descriptor holding the flock on `_tmp`/.lock
};

/// Removes the temporary folders of every ArtifactWriter alive in this process (for a signal
/// handler thread that then ends the process). Returns how many it removed.
std::size_t remove_temporary_folders();

/// Removes the temporary folders in `output_dir` left by compiles that are no longer running
/// (their lock is free), and folders without a lock older than a minute (a compile killed
/// between creating the folder and locking it). Returns the folders removed.
std::vector<std::filesystem::path> remove_stale_temporary_folders(const std::filesystem::path & output_dir);

/// Writes `text` to `path` (binary, whole); throws CompileError on failure.
void write_text_file(const std::filesystem::path & path, const std::string & text);
} // namespace neml2::codegen

// ArtifactWriter: staging in a temporary folder and publishing by rename.
#include "neml2/codegen/artifact_writer.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

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
}

ArtifactWriter::~ArtifactWriter()
{
  std::error_code ec;
  fs::remove_all(_tmp, ec);
}

void
ArtifactWriter::publish()
{
  const auto final_artifact = artifact_path(), final_stub = stub_path();
  const auto old = _tmp / ".previous";
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

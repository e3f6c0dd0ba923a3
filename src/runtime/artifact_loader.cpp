// ArtifactLoader: locating, validating and dlopen'ing an artifact's kernel libraries.
#include "neml2/runtime/artifact_loader.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "neml2/artifact/sha256.h"
#include "neml2/base/error.h"
#include "neml2/runtime/artifact_file.h"

namespace fs = std::filesystem;

namespace neml2::aoti
{
namespace
{
const char * recompile = "recompile the model with neml2-compile";

bool
has_metadata_file(const fs::path & dir)
{
  std::error_code ec;
  for (const auto & e : fs::directory_iterator(dir, ec))
    if (e.path().filename().string().ends_with("_meta.json"))
      return true;
  return false;
}

fs::path
clean(const std::string & p)
{
  fs::path d = fs::path(p).lexically_normal();
  if (d.filename().empty() && d.has_parent_path())
    d = d.parent_path();
  return d;
}

// Far larger than any neml2-compile writes; a bigger file is not an artifact's.
constexpr std::size_t max_metadata_bytes = std::size_t{256} << 20, max_library_bytes = std::size_t{4} << 30;
} // namespace

std::string
find_device_folder(const std::string & artifact_dir, const std::string & device)
{
  const fs::path dir = clean(artifact_dir);
  std::error_code ec;
  if (!fs::exists(dir, ec))
    throw CompileError(fmt::format("artifact folder '{}' does not exist; compile the model first, e.g. "
                                   "'neml2-compile input.i --model NAME' writes aoti/NAME",
                                   artifact_dir));
  if (!fs::is_directory(dir, ec))
    throw CompileError(fmt::format("artifact path '{}' is not a folder; pass the folder <out>/<model> that "
                                   "neml2-compile wrote",
                                   artifact_dir));
  if (fs::is_directory(dir / device, ec))
    return (dir / device).string();
  if (has_metadata_file(dir))
    return dir.string();
  std::vector<std::string> devices;
  for (const auto & e : fs::directory_iterator(dir, ec))
    if (e.is_directory() && has_metadata_file(e.path()))
      devices.push_back(e.path().filename().string());
  std::sort(devices.begin(), devices.end());
  if (!devices.empty())
    throw CompileError(fmt::format("artifact '{}' has no build for device '{}' (it has: {}); recompile the model "
                                   "with neml2-compile --device {}{}",
                                   artifact_dir, device, fmt::join(devices, ", "), device,
                                   device == "cuda" ? " (or --device cpu cuda for both)" : ""));
  throw CompileError(fmt::format("'{}' is not an artifact folder: it has neither a '{}/' subfolder nor a "
                                 "*_meta.json file (the artifact is incomplete?); {}",
                                 artifact_dir, device, recompile));
}

LoadedArtifact
load_artifact(const std::string & artifact_dir, const std::string & device)
{
  if (device != "cpu" && device != "cuda")
    throw CompileError(
        fmt::format("unknown device '{}' for artifact '{}'; the devices are cpu and cuda", device, artifact_dir));
  LoadedArtifact a;
  a.directory = find_device_folder(artifact_dir, device);
  const fs::path folder(a.directory);

  // The metadata file: <model>_meta.json, the model being the artifact folder's name.
  fs::path meta_path;
  const auto parent_name = clean(artifact_dir).filename().string();
  if (fs::exists(folder / (parent_name + "_meta.json")))
    meta_path = folder / (parent_name + "_meta.json");
  else
  {
    std::vector<fs::path> found;
    std::error_code ec;
    for (const auto & e : fs::directory_iterator(folder, ec))
      if (e.path().filename().string().ends_with("_meta.json"))
        found.push_back(e.path());
    if (found.empty())
      throw CompileError(fmt::format("artifact folder '{}' is missing its metadata file (<model>_meta.json); the "
                                     "artifact is incomplete, {}",
                                     a.directory, recompile));
    if (found.size() > 1)
      throw CompileError(fmt::format("artifact folder '{}' holds several metadata files; pass the folder of one "
                                     "model",
                                     a.directory));
    meta_path = found[0];
  }
  a.metadata = parse_metadata(
      read_artifact_file(a.directory, meta_path.filename().string(), "artifact metadata", max_metadata_bytes).bytes,
      meta_path.string());
  const auto & m = a.metadata;

  if (m.abi_version != kernel_abi_version)
    throw CompileError(fmt::format("artifact '{}' uses kernel ABI version {}, this neml2 calls version {}; {} from "
                                   "this neml2 version",
                                   a.directory, m.abi_version, kernel_abi_version, recompile));
  if (m.device != device)
    throw CompileError(fmt::format("artifact '{}' was compiled for device '{}', not '{}'; recompile the model with "
                                   "neml2-compile --device {}",
                                   a.directory, m.device, device, device));

  const auto interface = interface_digest(m);
  for (const auto & lib : m.libraries)
  {
    // Read once, checked, and loaded from those very bytes (SharedLibrary::from_bytes).
    const auto file = read_artifact_file(a.directory, lib.file, "kernel library", max_library_bytes);
    if (sha256_hex(file.bytes) != lib.sha256)
      throw CompileError(fmt::format("kernel library '{}' does not match the SHA-256 recorded in its metadata "
                                     "(tampered, or replaced after compilation); {}",
                                     file.path, recompile));
    std::vector<std::string> hashes;
    for (const auto & e : m.entries)
      if (e.library == lib.file)
        hashes.push_back(e.graph_hash);
    const auto expected = library_signature(m.dtype, m.device, hashes, interface);
    if (lib.signature != expected)
      throw CompileError(fmt::format("artifact metadata '{}' does not describe the kernels library '{}' was generated "
                                     "for (its signature should be '{}'; the metadata was edited?); {}",
                                     meta_path.string(), lib.file, expected, recompile));
    check_elf_shared_object(file.bytes, file.path);
    auto so = SharedLibrary::from_bytes(file.bytes, file.path);
    using SignatureFn = const char * (*)();
    auto sig = reinterpret_cast<SignatureFn>(so->symbol(lib.signature_symbol));
    if (expected != sig())
      throw CompileError(fmt::format("kernel library '{}' was generated for '{}', but its metadata describes '{}' "
                                     "(the metadata was edited to describe other kernels?); {}",
                                     file.path, sig(), expected, recompile));
    for (const auto & e : m.entries)
      if (e.library == lib.file && device == "cuda")
      {
        a.cuda_kernels[e.role] = reinterpret_cast<CudaKernelFn>(so->symbol(e.symbol));
        a.cuda_status[e.role] = reinterpret_cast<CudaStatusFn>(so->symbol(e.symbol + "_status"));
      }
      else if (e.library == lib.file)
      {
        a.kernels[e.role] = reinterpret_cast<KernelFn>(so->symbol(e.symbol));
        a.ranges[e.role] = reinterpret_cast<RangeFn>(so->symbol(e.symbol + "_range"));
        const auto align = reinterpret_cast<RangeAlignFn>(so->symbol(e.symbol + "_range_align"))();
        if (align < 1 || NEML2_KERNEL_RANGE_ALIGN % align != 0)
          throw CompileError(fmt::format("kernel library '{}' asks for ranges of entry '{}' aligned to {} points, "
                                         "which does not divide {} as kernel_abi.h requires; {}",
                                         file.path, e.role, align, NEML2_KERNEL_RANGE_ALIGN, recompile));
        a.range_aligns[e.role] = align;
        a.status[e.role] = reinterpret_cast<StatusFn>(so->symbol(e.symbol + "_status"));
      }
    if (device == "cuda" && !a.cuda)
      a.cuda = std::make_shared<CudaApi>(so);
    a.libraries.push_back(std::move(so));
  }
  for (const auto & e : m.entries)
    if (!a.kernels.count(e.role) && !a.cuda_kernels.count(e.role))
      throw CompileError(fmt::format("artifact metadata '{}' names library '{}' for entry '{}', which it does not "
                                     "list; {}",
                                     meta_path.string(), e.library, e.role, recompile));
  if (!a.kernels.count("forward") && !a.cuda_kernels.count("forward"))
    throw CompileError(fmt::format("artifact '{}' has no forward kernel; {}", a.directory, recompile));
  if (a.cuda)
    a.cuda->require_device(); // the artifact is sound; now the machine must have a GPU
  return a;
}
} // namespace neml2::aoti

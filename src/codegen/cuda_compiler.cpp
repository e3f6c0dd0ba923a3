// nvcc: where it is looked for, which flags build the CUDA kernel libraries.
#include "neml2/codegen/cuda_compiler.h"

#include <algorithm>
#include <cstdlib>
#include <regex>

#include <fmt/format.h>

#include "neml2/base/error.h"
#include "neml2/codegen/process.h"

namespace neml2::codegen
{
namespace
{
const char * install_hint = "install the CUDA toolkit (e.g. apt-get install nvidia-cuda-toolkit, or NVIDIA's "
                            "cuda-toolkit package) or set NEML2_NVCC to its nvcc; or compile with --device cpu only";

/// "80" < "86" < "90" < "90a" < "100": by number, then suffix.
bool
arch_less(const std::string & a, const std::string & b)
{
  const int na = std::stoi(a), nb = std::stoi(b);
  return na != nb ? na < nb : a < b;
}
} // namespace

const std::vector<std::string> &
default_cuda_arch()
{
  static const std::vector<std::string> arch = {"80", "90"};
  return arch;
}

std::vector<std::string>
normalize_cuda_arch(const std::vector<std::string> & arch)
{
  if (arch.empty())
    return default_cuda_arch();
  static const std::regex pattern("(?:sm_|compute_)?([0-9]{2,3}[a-z]?)");
  std::vector<std::string> out;
  for (const auto & a : arch)
  {
    std::smatch m;
    if (!std::regex_match(a, m, pattern))
      throw CompileError(fmt::format("--cuda-arch {}: expected a compute capability such as 80, 86, 90 or 90a "
                                     "(optionally written sm_90)",
                                     a));
    out.push_back(m[1].str());
  }
  std::sort(out.begin(), out.end(), arch_less);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string>
cuda_arch_flags(const std::vector<std::string> & arch)
{
  std::vector<std::string> flags;
  for (std::size_t i = 0; i < arch.size(); ++i)
  {
    flags.push_back("-gencode");
    if (i + 1 < arch.size())
      flags.push_back(fmt::format("arch=compute_{0},code=sm_{0}", arch[i]));
    else // PTX of the newest architecture: GPUs newer than every SASS built still run it
      flags.push_back(fmt::format("arch=compute_{0},code=[sm_{0},compute_{0}]", arch[i]));
  }
  return flags;
}

const std::vector<std::string> &
cuda_compile_flags()
{
  static const std::vector<std::string> flags = {
      "-O3",
      "-std=c++17",
      "--fmad=false",
      "--prec-div=true",
      "--prec-sqrt=true",
      "--ftz=false",
      "--expt-relaxed-constexpr", // std::numeric_limits<T>::quiet_NaN() in device code
      "-Xcompiler",
      "-fPIC",
      "-shared",
      "-cudart",
      "static",
      "-Xlinker", // the library's host code calls its own copies of the shared headers (as on CPU)
      "-Bsymbolic"};
  return flags;
}

Compiler
find_cuda_compiler(const std::vector<std::string> & arch)
{
  Compiler c;
  c.name = "nvcc";
  c.arch = normalize_cuda_arch(arch);
  std::vector<std::pair<std::string, std::string>> candidates; // (command, from)
  if (const char * v = std::getenv("NEML2_NVCC"); v && *v)
    candidates.emplace_back(v, "NEML2_NVCC");
  else if (const char * cxx = std::getenv("CUDACXX"); cxx && *cxx)
    candidates.emplace_back(cxx, "CUDACXX");
  else
  {
    candidates.emplace_back("nvcc", "PATH");
    candidates.emplace_back("/usr/local/cuda/bin/nvcc", "default");
  }
  std::vector<std::string> tried;
  for (const auto & [text, from] : candidates)
  {
    const auto origin = from == "PATH" ? std::string("nvcc on PATH") : from == "default" ? text : "$" + from;
    auto probe = split_words(text);
    if (probe.empty())
      throw CompileError(fmt::format("${} is empty; {}", from, install_hint));
    probe.push_back("--version");
    const auto r = run_process(probe);
    if (!r.started)
    {
      tried.push_back(fmt::format("{} ({})", origin, r.error));
      continue;
    }
    if (r.exit_code != 0)
      throw CompileError(fmt::format("nvcc '{}' ({}) does not run: '{} --version' exited with {}:\n{}\n{}", text,
                                     origin, text, r.exit_code, trimmed(r.output), install_hint));
    c.command = split_words(text);
    c.from = from;
    // "Cuda compilation tools, release 13.0, V13.0.88"
    const auto at = r.output.find("release");
    const auto begin = at == std::string::npos ? 0 : r.output.rfind('\n', at) + 1;
    c.version = r.output.substr(begin, r.output.find('\n', begin) - begin);
    c.flags = cuda_compile_flags();
    const auto gencode = cuda_arch_flags(c.arch);
    c.flags.insert(c.flags.end(), gencode.begin(), gencode.end());
    return c;
  }
  throw CompileError(fmt::format("--device cuda needs nvcc (the CUDA toolkit), which was not found (tried: {}); {}",
                                 fmt::join(tried, ", "), install_hint));
}
} // namespace neml2::codegen

// A private temporary folder for a fuzzer that must hand its input to a reader as a file.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

/// Made once per process under the system temp folder (left there: fuzzers are killed, not ended).
inline const std::filesystem::path &
fuzz_scratch_dir(const char * fuzzer)
{
  static const std::filesystem::path dir = [&] {
    std::string tmpl = (std::filesystem::temp_directory_path() / (std::string("neml2_") + fuzzer + "_XXXXXX")).string();
    if (!mkdtemp(tmpl.data()))
      std::abort();
    return std::filesystem::path(tmpl);
  }();
  return dir;
}

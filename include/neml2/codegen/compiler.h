// The system C++ compiler that builds generated CPU kernels into shared libraries.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace neml2::codegen
{
struct Compiler
{
  std::vector<std::string> command;      ///< program and any arguments given with it ("ccache g++")
  std::string from;                      ///< where it came from: "NEML2_CXX", "CXX" or "default"
  std::string version;                   ///< first line of `<compiler> --version`
  bool gcc = false;                      ///< GCC (its --version names the Free Software Foundation)
  std::vector<std::string> flags;        ///< the flags every kernel library is built with
  std::string name = "the C++ compiler"; ///< how error messages call it ("nvcc" for CUDA)
  std::vector<std::string> arch;         ///< CUDA: the GPU architectures built for ("80", "90")
};

/// `s` split at spaces and tabs ("ccache g++" -> {"ccache", "g++"}).
std::vector<std::string> split_words(const std::string & s);

/// The first `max_chars` characters of a long compiler log, with a note of how much was cut.
std::string trimmed(const std::string & log, std::size_t max_chars = 6000);

/// The flags of every CPU kernel library: -O3 -march=native -fPIC -shared -fopenmp
/// -ffp-contract=off -fno-tree-slp-vectorize -fno-math-errno -std=c++17 -fno-builtin-pow
/// -fno-builtin-powf (no fast-math, no rewriting of pow: compiled equals eager bit for bit) and
/// -Wl,-Bsymbolic (the kernel calls its own copies of the shared headers, never the process's).
const std::vector<std::string> & cpu_compile_flags();

/// `flags` without those only the linker reads (-shared, -Wl,...): the flags of an object file.
std::vector<std::string> object_flags(const std::vector<std::string> & flags);

/// The compiler named by $NEML2_CXX, else $CXX, else `c++`, checked by running it with
/// --version. Throws CompileError saying which variable named it when it cannot be run.
Compiler find_cpu_compiler();

/// One shared library to build from its translation units.
struct LibraryBuild
{
  std::vector<std::string> sources; ///< its translation units, compiled apart and linked together
  /// Per source (or none): the prelude block it starts with (cpu_unit_prelude), which is then
  /// read precompiled from the cache where it can be (precompiled_prelude).
  std::vector<std::string> preludes;
  std::string library;              ///< the shared library to write
  std::string kept_source_note;     ///< added to a failure's message: where the sources are kept
  std::function<void()> on_failure; ///< called before a failure is reported (to keep the sources)
};

/**
 * Builds `libraries`, up to `jobs` compiler processes at once (0: one per core), the largest
 * translation units first. A library of one unit is one compiler command (build_command); one of
 * several compiles each unit to an object beside the library (flags without the linker's), links
 * the objects with the full flags and removes them. Units with a prelude include its precompiled
 * header from `cache_dir` (built first where missing; none when empty); one that fails with it is
 * compiled once more without it. On failure throws CompileError with the command, the
 * compiler's output and the library's `kept_source_note`, once every running compiler has
 * finished.
 */
void build_shared_libraries(const Compiler & compiler, const std::vector<LibraryBuild> & libraries, int jobs = 0,
                            const std::string & cache_dir = {});

/// build_shared_libraries for one library.
void build_shared_library(const Compiler & compiler, const std::vector<std::string> & sources,
                          const std::string & library, const std::string & kept_source_note);

/// The full command that builds one translation unit `source` into `library`.
std::vector<std::string> build_command(const Compiler & compiler, const std::string & source,
                                       const std::string & library);
} // namespace neml2::codegen

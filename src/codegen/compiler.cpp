// Finding the system compiler and building generated kernels with it.
#include "neml2/codegen/compiler.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <future>
#include <map>
#include <thread>

#include <fmt/format.h>

#include "neml2/base/error.h"
#include "neml2/codegen/prelude_cache.h"
#include "neml2/codegen/process.h"

namespace neml2::codegen
{
std::vector<std::string>
split_words(const std::string & s)
{
  std::vector<std::string> out;
  std::string cur;
  for (char c : s)
    if (c == ' ' || c == '\t')
    {
      if (!cur.empty())
        out.push_back(std::move(cur));
      cur.clear();
    }
    else
      cur += c;
  if (!cur.empty())
    out.push_back(cur);
  return out;
}

std::string
trimmed(const std::string & log, std::size_t max_chars)
{
  if (log.size() <= max_chars)
    return log;
  return log.substr(0, max_chars) + fmt::format("\n[... {} more characters]", log.size() - max_chars);
}

const std::vector<std::string> &
cpu_compile_flags()
{
  // -fno-builtin-pow(f): compilers rewrite pow(x, 2) as x * x and pow(x, -1) as 1 / x when the
  // exponent is a constant, which the C library's pow (what the interpreter calls) does not always
  // equal (it is not correctly rounded).
  // -fno-tree-slp-vectorize: GCC's straight-line (SLP) vectorizer fuses a * b + c and a * b - c
  // in neighbouring lanes into vfmaddsub despite -ffp-contract=off (seen with GCC 12 on AVX2), so
  // large kernels drifted from the interpreter by an ulp. The lanes kernels vectorize explicitly.
  // -Wl,-Bsymbolic: the kernel calls its own copies of the shared headers' templates. The neml2
  // libraries of the calling process hold instances of some of them too (the same names, built for
  // baseline x86-64, where a 32-byte vector is passed in memory, not in a register), and the
  // dynamic linker would otherwise bind the kernel's calls to those: AVX2 kernels crashed in
  // lane_pow.
  static const std::vector<std::string> flags = {"-O3",
                                                 "-march=native",
                                                 "-fPIC",
                                                 "-shared",
                                                 "-fopenmp",
                                                 "-ffp-contract=off",
                                                 "-fno-tree-slp-vectorize",
                                                 "-fno-math-errno",
                                                 "-std=c++17",
                                                 "-fno-builtin-pow",
                                                 "-fno-builtin-powf",
                                                 "-Wl,-Bsymbolic"};
  return flags;
}

Compiler
find_cpu_compiler()
{
  Compiler c;
  const char * from_neml2 = std::getenv("NEML2_CXX");
  const char * from_cxx = std::getenv("CXX");
  std::string text;
  if (from_neml2 && *from_neml2)
  {
    c.from = "NEML2_CXX";
    text = from_neml2;
  }
  else if (from_cxx && *from_cxx)
  {
    c.from = "CXX";
    text = from_cxx;
  }
  else
  {
    c.from = "default";
    text = "c++";
  }
  c.command = split_words(text);
  const std::string origin = c.from == "default" ? "the default compiler" : fmt::format("${}", c.from);
  if (c.command.empty())
    throw CompileError(fmt::format("{} is empty; set NEML2_CXX to a C++17 compiler, e.g. NEML2_CXX=g++", origin));
  auto probe = c.command;
  probe.push_back("--version");
  const auto r = run_process(probe);
  if (!r.started)
    throw CompileError(fmt::format("C++ compiler '{}' ({}) not found: {}; install a C++17 compiler or set "
                                   "NEML2_CXX to one, e.g. NEML2_CXX=g++",
                                   text, origin, r.error));
  if (r.exit_code != 0)
    throw CompileError(fmt::format("C++ compiler '{}' ({}) does not run: '{} --version' exited with {}:\n{}\nset "
                                   "NEML2_CXX to a working C++17 compiler",
                                   text, origin, text, r.exit_code, trimmed(r.output)));
  c.version = r.output.substr(0, r.output.find('\n'));
  c.gcc = r.output.find("Free Software Foundation") != std::string::npos;
  c.flags = cpu_compile_flags();
  return c;
}

std::vector<std::string>
build_command(const Compiler & compiler, const std::string & source, const std::string & library)
{
  auto cmd = compiler.command;
  cmd.insert(cmd.end(), compiler.flags.begin(), compiler.flags.end());
  cmd.push_back("-o");
  cmd.push_back(library);
  cmd.push_back(source);
  return cmd;
}

std::vector<std::string>
object_flags(const std::vector<std::string> & flags)
{
  std::vector<std::string> out;
  for (const auto & f : flags)
    if (f != "-shared" && f.rfind("-Wl,", 0) != 0)
      out.push_back(f);
  return out;
}

namespace
{
/// Runs `cmd`; throws CompileError with its output when it cannot run or fails.
void
run_compiler(const Compiler & compiler, const std::vector<std::string> & cmd, const std::string & kept_source_note)
{
  const auto r = run_process(cmd);
  if (!r.started)
    throw CompileError(fmt::format("could not run {}: {}\n  command: {}\n{}", compiler.name, r.error, command_line(cmd),
                                   kept_source_note));
  if (r.exit_code != 0)
    throw CompileError(fmt::format("{} failed (exit status {})\n  command: {}\n  compiler output:\n{}\n{}",
                                   compiler.name, r.exit_code, command_line(cmd), trimmed(r.output), kept_source_note));
}

/// Runs `tasks` on up to `width` threads, each taking the next task when it is done; the
/// exception of each task that threw, by index.
std::vector<std::exception_ptr>
run_tasks(const std::vector<std::function<void()>> & tasks, std::size_t width)
{
  std::vector<std::exception_ptr> errors(tasks.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t t; (t = next++) < tasks.size();)
      try
      {
        tasks[t]();
      }
      catch (...)
      {
        errors[t] = std::current_exception();
      }
  };
  std::vector<std::future<void>> threads;
  for (std::size_t w = 1; w < std::min(width, tasks.size()); ++w)
    threads.push_back(std::async(std::launch::async, worker));
  worker();
  for (auto & t : threads)
    t.get();
  return errors;
}

/// The precompiled header of each distinct prelude of `libraries` (by text; "" where none),
/// built `width` at a time where the cache lacks them.
std::map<std::string, std::string>
precompiled_preludes(const Compiler & compiler, const std::vector<LibraryBuild> & libraries,
                     const std::string & cache_dir, std::size_t width)
{
  std::map<std::string, std::string> headers;
  if (cache_dir.empty() || !takes_precompiled_prelude(compiler))
    return headers;
  for (const auto & lib : libraries)
    for (const auto & p : lib.preludes)
      if (!p.empty())
        headers[p];
  std::vector<std::function<void()>> builds;
  for (auto & entry : headers) // (prelude, its header)
    builds.emplace_back([&] { entry.second = precompiled_prelude(compiler, entry.first, cache_dir); });
  run_tasks(builds, width); // a failed build is no header, never an error
  return headers;
}
} // namespace

void
build_shared_libraries(const Compiler & compiler, const std::vector<LibraryBuild> & libraries, int jobs,
                       const std::string & cache_dir)
{
  struct Unit
  {
    std::size_t library, index;
    std::uintmax_t size;
  };
  std::vector<Unit> units;
  std::vector<std::vector<std::string>> objects(libraries.size());
  for (std::size_t l = 0; l < libraries.size(); ++l)
  {
    const auto & lib = libraries[l];
    NEML2_ASSERT(!lib.sources.empty(), "library '{}' has no sources", lib.library);
    for (std::size_t i = 0; i < lib.sources.size(); ++i)
    {
      std::error_code ec;
      const auto size = std::filesystem::file_size(lib.sources[i], ec);
      units.push_back({l, i, ec ? 0 : size});
      if (lib.sources.size() > 1)
        objects[l].push_back(fmt::format("{}.{}.o", lib.library, i));
    }
  }
  // The largest first: the others fill in around it.
  std::stable_sort(units.begin(), units.end(), [](const Unit & a, const Unit & b) { return a.size > b.size; });
  const std::size_t width =
      jobs > 0 ? static_cast<std::size_t>(jobs) : std::max<std::size_t>(1, std::thread::hardware_concurrency());
  const auto headers = precompiled_preludes(compiler, libraries, cache_dir, width);
  const auto compile_flags = object_flags(compiler.flags);
  std::vector<std::function<void()>> tasks;
  for (const auto & u : units)
    tasks.emplace_back([&, u] {
      const auto & lib = libraries[u.library];
      auto cmd = lib.sources.size() == 1 ? build_command(compiler, lib.sources[0], lib.library) : compiler.command;
      if (lib.sources.size() > 1)
      {
        cmd.insert(cmd.end(), compile_flags.begin(), compile_flags.end());
        cmd.insert(cmd.end(), {"-c", "-o", objects[u.library][u.index], lib.sources[u.index]});
      }
      const auto found = u.index < lib.preludes.size() ? headers.find(lib.preludes[u.index]) : headers.end();
      if (found == headers.end() || found->second.empty())
        return run_compiler(compiler, cmd, lib.kept_source_note);
      // Before the source, so that the unit's own copy of the prelude is skipped.
      auto with_header = cmd;
      with_header.insert(with_header.end() - 1, {"-include", found->second});
      try
      {
        run_compiler(compiler, with_header, lib.kept_source_note);
      }
      catch (const CompileError &)
      {
        run_compiler(compiler, cmd, lib.kept_source_note); // the unit's error, reported on its own text
        reject_precompiled_prelude(found->second);         // it was the cache entry
      }
    });
  const auto errors = run_tasks(tasks, width);

  std::vector<std::exception_ptr> failed(libraries.size());
  for (std::size_t t = 0; t < units.size(); ++t)
    if (errors[t] && !failed[units[t].library])
      failed[units[t].library] = errors[t];
  for (std::size_t l = 0; l < libraries.size(); ++l)
    if (!failed[l] && objects[l].size() > 1)
      try
      {
        auto cmd = compiler.command;
        cmd.insert(cmd.end(), compiler.flags.begin(), compiler.flags.end());
        cmd.insert(cmd.end(), {"-o", libraries[l].library});
        cmd.insert(cmd.end(), objects[l].begin(), objects[l].end());
        run_compiler(compiler, cmd, libraries[l].kept_source_note);
      }
      catch (...)
      {
        failed[l] = std::current_exception();
      }
  for (const auto & objs : objects)
    for (const auto & o : objs)
    {
      std::error_code ec;
      std::filesystem::remove(o, ec);
    }
  std::exception_ptr first;
  for (std::size_t l = 0; l < libraries.size(); ++l)
    if (failed[l])
    {
      if (libraries[l].on_failure)
        libraries[l].on_failure();
      if (!first)
        first = failed[l];
    }
  if (first)
    std::rethrow_exception(first);
}

void
build_shared_library(const Compiler & compiler, const std::vector<std::string> & sources, const std::string & library,
                     const std::string & kept_source_note)
{
  build_shared_libraries(compiler, {{sources, {}, library, kept_source_note, {}}});
}
} // namespace neml2::codegen

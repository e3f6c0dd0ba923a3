// Finding the system compiler and building generated kernels with it.
#include "neml2/codegen/compiler.h"

#include <cstdlib>

#include <fmt/format.h>

#include "neml2/base/error.h"
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

void
build_shared_library(const Compiler & compiler, const std::string & source, const std::string & library,
                     const std::string & kept_source_note)
{
  const auto cmd = build_command(compiler, source, library);
  const auto r = run_process(cmd);
  if (!r.started)
    throw CompileError(fmt::format("could not run {}: {}\n  command: {}\n{}", compiler.name, r.error, command_line(cmd),
                                   kept_source_note));
  if (r.exit_code != 0)
    throw CompileError(fmt::format("{} failed (exit status {})\n  command: {}\n  compiler output:\n{}\n{}",
                                   compiler.name, r.exit_code, command_line(cmd), trimmed(r.output), kept_source_note));
}
} // namespace neml2::codegen

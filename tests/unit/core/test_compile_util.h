// Helpers for the neml2-compile / runtime tests: temp folders, compiling, byte comparison, CLI runs.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>

#include <sys/wait.h>

#include <gtest/gtest.h>

#include "neml2/codegen/codegen_cpu.h"
#include "neml2/codegen/compile_model.h"
#include "neml2/codegen/compiler.h"
#include "neml2/models/model.h"
#include "neml2/runtime/shared_library.h"
#include "test_paths.h"
#include "test_util.h"

namespace neml2::test
{
namespace fs = std::filesystem;

/// A fresh folder under the system temp dir, removed with everything in it at the end.
class TempDir
{
public:
  TempDir()
  {
    std::string t = (fs::temp_directory_path() / "neml2_test_compile_XXXXXX").string();
    if (!mkdtemp(t.data()))
      throw std::runtime_error("mkdtemp failed");
    _path = t;
  }
  ~TempDir()
  {
    std::error_code ec;
    fs::remove_all(_path, ec);
  }
  TempDir(const TempDir &) = delete;
  TempDir & operator=(const TempDir &) = delete;
  const fs::path & path() const { return _path; }
  std::string str(const std::string & rel = "") const { return rel.empty() ? _path.string() : (_path / rel).string(); }

private:
  fs::path _path;
};

/// Sets (or unsets, with nullopt) an environment variable for the lifetime of the guard.
class ScopedEnv
{
public:
  ScopedEnv(const char * name, std::optional<std::string> value)
    : _name(name)
  {
    if (const char * old = std::getenv(name))
      _old = old;
    if (value)
      setenv(name, value->c_str(), 1);
    else
      unsetenv(name);
  }
  ~ScopedEnv()
  {
    if (_old)
      setenv(_name.c_str(), _old->c_str(), 1);
    else
      unsetenv(_name.c_str());
  }

private:
  std::string _name;
  std::optional<std::string> _old;
};

inline std::string
seed_input()
{
  return example("elasticity/input.i");
}

/// Compiles the seed's elasticity model into `out`.
inline codegen::CompileResult
compile_seed(const std::string & out, std::vector<std::string> pairs = {}, std::vector<std::string> promote = {},
             Dtype dtype = Dtype::Float64, const std::string & input = seed_input(),
             const std::string & model = "elasticity")
{
  codegen::CompileRequest req;
  req.input_file = input;
  req.model = model;
  req.output_dir = out;
  req.derivatives = std::move(pairs);
  req.promote = std::move(promote);
  req.dtype = dtype;
  return codegen::compile_model(req);
}

/// The batched entry of a float64 kernel library (the C ABI of generate_cpu_sources).
using KernelFn = int (*)(std::int64_t, const double * const *, const std::int64_t *, double * const *);

/// The arguments of `g` at step k of a transient run (`results` one ValueMap per step): variables
/// from step k, `X~1` from step k - 1, parameters from `model`, each expanded to `batch` points.
inline std::vector<Tensor>
step_arguments(const graph::Graph & g, Model & model, const std::vector<ValueMap> & results, std::size_t k,
               std::int64_t batch)
{
  std::vector<Tensor> args;
  for (const auto & a : g.arguments())
  {
    Tensor t;
    if (a.kind == graph::ArgKind::Parameter)
      t = model.parameter(a.name);
    else if (a.name.ends_with("~1"))
      t = results[k - 1].at(a.name.substr(0, a.name.size() - 2));
    else
      t = results[k].at(a.name);
    args.push_back(t.expand_batch({batch}).clone());
  }
  return args;
}

/// Calls kernel `fn` of graph `g` on `args` (one per point); the outputs go to `outs`. Returns
/// what the kernel returns (the number of points whose solve failed).
inline int
call_kernel(KernelFn fn, const graph::Graph & g, const std::vector<Tensor> & args, std::int64_t batch,
            std::vector<Tensor> & outs)
{
  std::vector<const double *> ptrs;
  std::vector<std::int64_t> strides;
  for (const auto & t : args)
  {
    ptrs.push_back(t.data<double>());
    strides.push_back(1);
  }
  outs.clear();
  std::vector<double *> out_ptrs;
  for (const auto & o : g.outputs())
  {
    outs.push_back(Tensor::zeros({batch}, o.base_shape));
    out_ptrs.push_back(outs.back().data<double>());
  }
  return fn(batch, ptrs.data(), strides.data(), out_ptrs.data());
}

/// Same dtype, shape and bytes.
inline ::testing::AssertionResult
bitwise_equal(const Tensor & a, const Tensor & b)
{
  if (a.dtype() != b.dtype())
    return ::testing::AssertionFailure() << "dtypes differ";
  if (a.batch_shape() != b.batch_shape() || a.base_shape() != b.base_shape())
    return ::testing::AssertionFailure() << "shapes differ: " << shape_str(a.shape()) << " vs " << shape_str(b.shape());
  const auto bytes = static_cast<std::size_t>(a.numel()) * dtype_size(a.dtype());
  if (bytes && std::memcmp(a.raw(), b.raw(), bytes) != 0)
  {
    for (std::int64_t i = 0; i < a.numel(); ++i)
      if (a.at(i) != b.at(i) || std::signbit(a.at(i)) != std::signbit(b.at(i)))
        return ::testing::AssertionFailure()
               << "first difference at flat index " << i << ": " << a.at(i) << " vs " << b.at(i);
  }
  return ::testing::AssertionSuccess();
}

/// The translation units of a generated CPU library (generate_cpu_sources) as one text, to search.
inline std::string
joined(const std::vector<std::string> & units)
{
  std::string text;
  for (const auto & u : units)
    text += u;
  return text;
}

/// Writes `units` (generate_cpu_sources) as `<dir>/k.cpp`, `<dir>/k_1.cpp`, ... and builds them
/// with `compiler` into `<dir>/k.so`; returns the library's path.
inline std::string
build_units(const std::vector<std::string> & units, const fs::path & dir,
            const codegen::Compiler & compiler = codegen::find_cpu_compiler())
{
  std::vector<std::string> sources;
  for (std::size_t i = 0; i < units.size(); ++i)
  {
    sources.push_back((dir / (i == 0 ? std::string("k.cpp") : "k_" + std::to_string(i) + ".cpp")).string());
    std::ofstream(sources.back()) << units[i];
  }
  const auto lib = (dir / "k.so").string();
  codegen::build_shared_library(compiler, sources, lib, "");
  return lib;
}

/// A generated source is self-contained: every `#include "neml2/..."` it holds comes from a copied
/// header, under the `NEML2_KERNEL_SOURCE` guard that the source defines before any of them.
inline void
expect_no_active_neml2_include(const std::string & src)
{
  const auto define = src.find("#define NEML2_KERNEL_SOURCE");
  for (auto at = src.find("#include \"neml2"); at != std::string::npos; at = src.find("#include \"neml2", at + 1))
  {
    EXPECT_LT(define, at) << "NEML2_KERNEL_SOURCE is not defined before " << src.substr(at, 60);
    const auto line = src.rfind('\n', at - 1);
    const auto previous = src.rfind('\n', line - 1);
    EXPECT_NE(src.substr(previous, line - previous).find("NEML2_KERNEL_SOURCE"), std::string::npos)
        << src.substr(at, 60) << " is not guarded by NEML2_KERNEL_SOURCE";
  }
}

inline std::string
read_all(const fs::path & p)
{
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

/// Replaces the file's contents by `s`.
inline void
write_all(const fs::path & p, const std::string & s)
{
  std::ofstream(p, std::ios::binary | std::ios::trunc) << s;
}

/// Checks that `call` throws E whose what() contains `substring`.
template <typename E, typename F>
::testing::AssertionResult
throws_with(F && call, const std::string & substring)
{
  try
  {
    call();
  }
  catch (const E & e)
  {
    const std::string what = e.what();
    if (what.find(substring) == std::string::npos)
      return ::testing::AssertionFailure() << "message lacks \"" << substring << "\": " << what;
    return ::testing::AssertionSuccess();
  }
  catch (const std::exception & e)
  {
    return ::testing::AssertionFailure() << "wrong exception type: " << e.what();
  }
  return ::testing::AssertionFailure() << "nothing thrown (expected \"" << substring << "\")";
}

struct CliRun
{
  int status = -1;
  std::string output; // stdout and stderr
};

/// Runs the built neml2-compile with `args` (shell words) in folder `cwd`.
inline CliRun
run_cli(const std::string & args, const std::string & cwd)
{
  const std::string cmd =
      "cd '" + cwd + "' && '" + neml2::test::binary_dir() + "/apps/neml2-compile' " + args + " 2>&1";
  CliRun r;
  FILE * p = popen(cmd.c_str(), "r");
  if (!p)
    return r;
  char buf[4096];
  std::size_t got = 0;
  while ((got = std::fread(buf, 1, sizeof(buf), p)) > 0)
    r.output.append(buf, got);
  const int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

/// Random SR2 strains of the given batch shape (entries in [-0.01, 0.01)).
inline Tensor
random_strain(const Shape & batch, unsigned seed, Dtype dtype = Dtype::Float64)
{
  return random_tensor(batch, {6}, -0.01, 0.01, seed).to(dtype);
}

/// The seed's two strains.
inline Tensor
seed_strain(Dtype dtype = Dtype::Float64)
{
  return Tensor::from_values({2}, {6}, std::vector<double>{0.01, 0, 0, 0, 0, 0, 0.005, -0.002, 0, 0, 0, 0.001}, dtype);
}
} // namespace neml2::test

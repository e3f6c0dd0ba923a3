// neml2-compile: compiles a model of an input file ahead of time into an artifact folder + stub.
#include "tools_internal.h"

#include <cstdio>
#include <exception>
#include <filesystem>
#include <system_error>

#include <CLI/CLI.hpp>

#include "neml2/base/error.h"
#include "neml2/codegen/compile_model.h"

namespace neml2::cli
{
int
neml2_compile(int argc, char ** argv)
{
  CLI::App app{"Compile a model of a NEML2 input file ahead of time into native kernels.\n"
               "Writes <out>/<model>_aoti.i (a drop-in stub) and <out>/<model>/<device>/ (metadata and kernel "
               "libraries).",
               "neml2-compile"};
  neml2::codegen::CompileRequest req;
  std::string dtype = "float64";
  std::string cpu_kernels = "auto";
  bool quiet = false;
  app.add_option("input", req.input_file, "the input file")->required();
  app.add_option("--model", req.model, "the [Models] block to compile");
  app.add_option("--driver", req.driver, "compile the model of this [Drivers] block (its `model = ...`)");
  app.add_option("--output-dir", req.output_dir, "where to write the artifact and the stub")->capture_default_str();
  app.add_option("-d", req.derivatives,
                 "compile derivatives OUT:IN (OUT: every input, :IN every output, : every pair; IN may be a "
                 "parameter); repeatable")
      ->allow_extra_args(false);
  app.add_option("-p", req.promote, "keep parameter NAME a runtime input instead of baking it; repeatable")
      ->allow_extra_args(false);
  app.add_option("--device", req.devices, "devices to compile for, one folder each: cpu, cuda (nvcc) or both")
      ->capture_default_str()
      ->check(CLI::IsMember({"cpu", "cuda"}));
  app.add_option("--cuda-arch", req.cuda_arch,
                 "GPU architectures for --device cuda, e.g. 80 90 (the default: SASS for each, PTX for the "
                 "highest)");
  app.add_option("--dtype", dtype, "float64 or float32")
      ->capture_default_str()
      ->check(CLI::IsMember({"float64", "float32"}));
  app.add_option("--cpu-kernels", cpu_kernels,
                 "how CPU kernels walk the points: points (one by one), lanes (W at a time on SIMD lanes) or "
                 "auto (lanes for kernels with implicit solves)")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "points", "lanes"}));
  app.add_option("--debug-ir", req.debug_ir,
                 "write the IR of each kernel after each compile pass into DIR/<model>/<kernel>/NN-<pass>.txt (also: "
                 "NEML2_DEBUG_IR=DIR)");
  app.add_option("--interface", req.interfaces,
                 "also write a caller of the artifact: umat (an Abaqus UMAT in <out>/<model>/umat/; adds the "
                 "derivative stress:<strain>)")
      ->check(CLI::IsMember({"umat"}));
  app.add_flag("-q,--quiet", quiet, "print nothing on success");
  app.add_flag("--keep-source", req.keep_source, "keep the generated C++ next to the libraries");
  auto * cache_dir =
      app.add_option("--cache-dir", req.cache_dir,
                     "where to keep the precompiled headers that generated CPU code starts with (default: "
                     "$NEML2_CACHE_DIR, else $XDG_CACHE_HOME/neml2, else ~/.cache/neml2)")
          ->capture_default_str();
  app.add_flag("!--no-cache", req.prelude_cache, "compile every header from its text (use no cache)");
  app.add_option("-j", req.jobs, "compiler processes at once (default: one per core)")
      ->check(CLI::Validator(
          [](const std::string & v) {
            // CLI::PositiveNumber's message prints the whole range of a double (300 digits).
            return v.find_first_not_of("0123456789") == std::string::npos &&
                           v.find_first_not_of('0') != std::string::npos
                       ? std::string()
                       : "must be a whole number of processes >= 1, got '" + v + "'";
          },
          "INT >= 1"));

  return parse_and_run(app, argc, argv, "neml2-compile", [&] {
    if (req.model.empty() && req.driver.empty())
    {
      std::fprintf(stderr, "neml2-compile: give the model to compile with --model NAME (or --driver NAME)\n"
                           "Run with --help for more information.\n");
      return 2;
    }
    for (const auto & d : req.derivatives)
      if (d.find(':') == std::string::npos)
      {
        std::fprintf(stderr,
                     "neml2-compile: -d %s: expected OUT:IN, e.g. -d stress:strain (leave a side empty for all)\n",
                     d.c_str());
        return 2;
      }
    // A folder asked for by name must be usable (the default one is skipped when it is not).
    if (cache_dir->count() > 0 && req.prelude_cache)
    {
      std::error_code ec;
      if (req.cache_dir.empty())
        ec = std::make_error_code(std::errc::invalid_argument);
      else
        std::filesystem::create_directories(std::filesystem::path(req.cache_dir) / "preludes", ec);
      if (ec)
      {
        std::fprintf(stderr,
                     "neml2-compile: --cache-dir '%s': cannot make the cache folder there (%s); give a folder "
                     "you can write to, or --no-cache\n",
                     req.cache_dir.c_str(), ec.message().c_str());
        return 1;
      }
    }
    neml2::parse_dtype(dtype, req.dtype);
    req.cpu_kernels = neml2::codegen::parse_cpu_kernel_form(cpu_kernels);

    const auto result = neml2::codegen::compile_model(req);
    if (!quiet)
      std::fputs(result.summary().c_str(), stdout);
    return 0;
  });
}
} // namespace neml2::cli

// The CUDA backend. Without nvcc the compile tests skip; with nvcc (also on CPU-only machines) the
// artifacts are built and checked (metadata, exported C ABI through dlopen/dlsym); with a GPU the
// CUDA results are compared with the CPU build's: 1e-12 relative (elasticity), 1e-10 (implicit).
// Without a GPU the execution tests skip with the runtime's own reason.
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cmath>
#include <limits>
#include <memory>
#include <random>
#include <set>

#include "backend_matrix.h"
#include "neml2/artifact/metadata.h"
#include "neml2/artifact/sha256.h"
#include "neml2/codegen/codegen_cuda.h"
#include "neml2/codegen/cuda_compiler.h"
#include "neml2/drivers/transient_driver.h"
#include "neml2/eager/interpreter.h"
#include "neml2/runtime/aoti_model.h"
#include "neml2/runtime/cuda_api.h"
#include "neml2/tensors/solve_report.h"
#include "test_compile_util.h"
#include "test_paths.h"

using namespace neml2;
using namespace neml2::test;
using graph::OpKind;

namespace
{
/// Why nvcc cannot be used here (empty when it can).
std::string
nvcc_missing()
{
  try
  {
    codegen::find_cuda_compiler();
    return "";
  }
  catch (const CompileError & e)
  {
    return e.what();
  }
}

/// A small graph: every elementwise op of the table on arguments x (per point) and y (any stride).
graph::Graph
op_table_graph(std::vector<OpKind> & ops)
{
  graph::Graph g(Dtype::Float64);
  const auto x =
      g.arguments()[static_cast<std::size_t>(g.add_argument("x", graph::ArgKind::Variable, TypeKind::Scalar, {}))]
          .leaves[0];
  const auto y =
      g.arguments()[static_cast<std::size_t>(g.add_argument("y", graph::ArgKind::Variable, TypeKind::Scalar, {}))]
          .leaves[0];
  graph::Output out;
  out.name = "all";
  for (int k = 0; k < graph::num_ops; ++k)
  {
    const auto op = static_cast<OpKind>(k);
    if (op == OpKind::Part || op == OpKind::Solve || op == OpKind::LinSolve || graph::arity(op) == 0)
      continue;
    ops.push_back(op);
    if (graph::arity(op) == 1)
      out.components.push_back(g.apply(op, x));
    else if (graph::arity(op) == 2)
      out.components.push_back(g.apply(op, x, y));
    else
      out.components.push_back(g.apply(op, g.apply(OpKind::Gt, x, y), x, y));
  }
  out.base_shape = {static_cast<std::int64_t>(out.components.size())};
  g.add_output(out);
  return g;
}

/**
 * The CUDA artifacts of these tests, built once per build of libneml2 and nvcc and shared by the
 * test processes (ctest runs every test in a process of its own, and nvcc takes seconds per
 * library): <build>/tests/cuda-artifacts/<key>/, the key hashing libneml2 and nvcc's identity.
 * The first process builds under an exclusive lock; the others wait for it and reuse the folder.
 */
struct Built
{
  std::string skip;  ///< nvcc missing: every test skips with this
  std::string error; ///< a build failed: every test fails with this
  fs::path root;

  std::string artifact(const std::string & name, const std::string & model) const
  {
    return (root / name / model).string();
  }
  std::string stub(const std::string & name, const std::string & model) const
  {
    return (root / name / (model + "_aoti.i")).string();
  }
  std::string elasticity() const { return artifact("elasticity", "elasticity"); }
  std::string isoharden() const { return artifact("isoharden", "model"); }
  std::string strict() const { return artifact("strict", "strict"); }
  std::string substep() const { return artifact("substep", "update"); }
};

/// Builds the artifacts into `root`.
void
build_all(const Built & b)
{
  auto request = [&](const std::string & input, const std::string & model, const std::string & out) {
    codegen::CompileRequest req;
    req.input_file = input;
    req.model = model;
    req.output_dir = (b.root / out).string();
    req.devices = {"cpu", "cuda"};
    return req;
  };
  auto req = request(seed_input(), "elasticity", "elasticity");
  req.derivatives = {"stress:strain"};
  codegen::compile_model(req);
  req = request(example("plasticity/viscoplasticity_isoharden.i"), "", "isoharden");
  req.driver = "driver";
  codegen::compile_model(req);
  codegen::compile_model(request(data("implicit/cubic.i"), "strict", "strict"));
  codegen::compile_model(request(data("implicit/substep.i"), "update", "substep")); // nt_substep on the device
}

Built &
built()
{
  static Built b = [] {
    Built r;
    r.skip = nvcc_missing();
    if (!r.skip.empty())
      return r;
    try
    {
      Dl_info self{};
      dladdr(reinterpret_cast<void *>(&codegen::generate_cuda_source), &self);
      const auto nvcc = codegen::find_cuda_compiler();
      // What build_all makes is part of the key: adding an artifact there rebuilds the cache.
      const auto key =
          aoti::sha256_hex(aoti::sha256_file(self.dli_fname) + nvcc.version +
                           fmt::format("{}", fmt::join(nvcc.command, " ")) + "elasticity isoharden strict substep")
              .substr(0, 16);
      const fs::path cache = fs::path(neml2::test::binary_dir()) / "tests" / "cuda-artifacts";
      fs::create_directories(cache);
      r.root = cache / key;
      struct Lock // held until the end of this block (closing the file releases it)
      {
        int fd;
        ~Lock()
        {
          if (fd >= 0)
            close(fd);
        }
      } lock{open((cache / (key + ".lock")).c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644)};
      if (lock.fd < 0 || flock(lock.fd, LOCK_EX) != 0)
        throw std::runtime_error("cannot lock " + (cache / (key + ".lock")).string());
      if (!fs::exists(r.root / "complete"))
      {
        for (const auto & e : fs::directory_iterator(cache)) // artifacts of an older build
          if (e.path().filename().string().substr(0, 16) != key)
            fs::remove_all(e.path());
        fs::remove_all(r.root);
        fs::create_directories(r.root);
        build_all(r);
        std::ofstream(r.root / "complete") << "built\n";
      }
    }
    catch (const std::exception & e)
    {
      r.error = e.what();
    }
    return r;
  }();
  return b;
}

class CompileCuda : public ::testing::Test
{
protected:
  void SetUp() override
  {
    if (!built().skip.empty())
      GTEST_SKIP() << "nvcc not available, CUDA compile tests skipped: " << built().skip;
    if (!built().error.empty())
      FAIL() << "building the CUDA test artifacts failed: " << built().error;
  }

  /// The CUDA build of `artifact`, or null with `why` set when no GPU is visible.
  static std::unique_ptr<aoti::Model> load_cuda(const std::string & artifact, std::string & why)
  {
    try
    {
      return std::make_unique<aoti::Model>(artifact, "cuda");
    }
    catch (const DeviceError & e)
    {
      why = e.what();
      return nullptr;
    }
  }
};

/// Calls the library's own helper: (visible GPUs, CUDA error).
std::pair<int, int>
gpus_seen_by(const std::string & library)
{
  void * h = dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!h)
    return {0, -1};
  auto count = reinterpret_cast<int (*)(int *)>(dlsym(h, "neml2_cuda_device_count"));
  int n = 0;
  const int err = count ? count(&n) : -1;
  dlclose(h);
  return {n, err};
}
} // namespace

// ---- without nvcc or a GPU: the errors

TEST(CompileCudaErrors, MissingNvccNamesTheToolkit)
{
  TempDir dir;
  ScopedEnv nvcc("NEML2_NVCC", "/nonexistent/bin/nvcc");
  codegen::CompileRequest req;
  req.input_file = seed_input();
  req.model = "elasticity";
  req.output_dir = dir.str("out");
  req.devices = {"cpu", "cuda"};
  EXPECT_TRUE(throws_with<CompileError>([&] { codegen::compile_model(req); }, "CUDA toolkit"));
  EXPECT_TRUE(throws_with<CompileError>([&] { codegen::compile_model(req); }, "$NEML2_NVCC"));
  EXPECT_TRUE(throws_with<CompileError>([&] { codegen::compile_model(req); }, "apt-get install nvidia-cuda-toolkit"));
  EXPECT_FALSE(fs::exists(dir.path() / "out" / "elasticity")) << "nothing may be written without nvcc";
  // (the CLI's exit status for this is checked in test_compile_cli.cpp)
}

TEST(CompileCudaErrors, CudaArchIsChecked)
{
  EXPECT_EQ(codegen::normalize_cuda_arch({}), (std::vector<std::string>{"80", "90"}));
  EXPECT_EQ(codegen::normalize_cuda_arch({"sm_90", "80", "compute_90", "100", "90a"}),
            (std::vector<std::string>{"80", "90", "90a", "100"}));
  EXPECT_TRUE(throws_with<CompileError>([] { codegen::normalize_cuda_arch({"hopper"}); }, "--cuda-arch hopper"));
  EXPECT_EQ(codegen::cuda_arch_flags({"80", "90"}),
            (std::vector<std::string>{"-gencode", "arch=compute_80,code=sm_80", "-gencode",
                                      "arch=compute_90,code=[sm_90,compute_90]"}));
  const auto & f = codegen::cuda_compile_flags();
  for (const char * want : {"--fmad=false", "-O3", "-std=c++17", "-shared", "static", "-Bsymbolic"})
    EXPECT_NE(std::find(f.begin(), f.end(), want), f.end()) << want;

  TempDir dir;
  codegen::CompileRequest req;
  req.input_file = seed_input();
  req.model = "elasticity";
  req.output_dir = dir.str("out");
  req.cuda_arch = {"90"};
  EXPECT_TRUE(throws_with<CompileError>([&] { codegen::compile_model(req); }, "add --device cuda"));
  req.devices = {"cuda"};
  req.cuda_arch = {"ninety"};
  EXPECT_TRUE(throws_with<CompileError>([&] { codegen::compile_model(req); }, "--cuda-arch ninety"));
}

TEST(CompileCudaErrors, CpuArtifactsRefuseCudaCalls)
{
  // (a missing cuda/ folder is checked in test_compile_errors.cpp, WrongDevice)
  TempDir dir;
  const auto r = compile_seed(dir.str("out"));
  EXPECT_TRUE(throws_with<CompileError>([&] { aoti::Model(r.artifact_dir, "cuda"); }, "--device cpu cuda for both"));
  EXPECT_TRUE(throws_with<CompileError>([&] { aoti::Model(r.artifact_dir, "gpu"); }, "the devices are cpu and cuda"));
  aoti::Model cpu(r.artifact_dir);
  EXPECT_TRUE(throws_with<ValueError>([&] { cpu.cuda(); }, "cuda() is for CUDA models"));
  double x[6] = {}, y[6];
  const void * args[] = {x};
  void * outs[] = {y};
  const std::int64_t strides[] = {1};
  int stream = 0;
  EXPECT_TRUE(throws_with<ValueError>([&] { cpu.forward_into(1, args, strides, outs, &stream); },
                                      "a stream is for CUDA models"));
}

TEST(CodegenCuda, SourceSharesThePerPointFunctions)
{
  std::vector<OpKind> ops;
  const auto g = op_table_graph(ops);
  const codegen::Kernel k{"k", &g};
  auto cpu = codegen::generate_point_functions(k, codegen::Target::Cpu);
  const auto cuda = codegen::generate_point_functions(k, codegen::Target::Cuda);
  for (std::size_t at = 0; (at = cpu.find("static inline", at)) != std::string::npos;)
    cpu.replace(at, 13, "static __device__ inline");
  EXPECT_EQ(cpu, cuda) << "the CUDA per-point functions must be the CPU ones with a __device__ qualifier";

  const auto src = codegen::generate_cuda_source({k}, "k_signature", "sig", "test kernel");
  EXPECT_EQ(src, codegen::generate_cuda_source({k}, "k_signature", "sig", "test kernel")) << "deterministic";
  // The headers verbatim but for `#pragma once`, which compilers warn about outside a header.
  const auto copied = [](const char * header) {
    auto text = read_all(fs::path(neml2::test::source_dir()) / "include/neml2/graph" / header);
    const std::string once = "#pragma once\n";
    if (const auto at = text.find(once); at != std::string::npos)
      text.erase(at, once.size());
    return text;
  };
  EXPECT_NE(src.find(copied("scalar_ops.h")), std::string::npos);
  EXPECT_NE(src.find(copied("newton_ops.h")), std::string::npos);
  EXPECT_EQ(src.find("#pragma once"), std::string::npos);
  EXPECT_NE(src.find(cuda), std::string::npos);
  expect_no_active_neml2_include(src);
  for (const char * want :
       {"extern \"C\" int k(std::int64_t n, const double * const * args, const std::int64_t * arg_strides, double * "
        "const * outs, std::int32_t * failed, void * stream)",
        "extern \"C\" int k_status(std::int64_t n, const double * const * args, const std::int64_t * arg_strides, "
        "double * const * outs, std::int32_t * iterations, std::int32_t * substeps, double * rnorm, void * stream)",
        "__global__ void __launch_bounds__(128) k_kernel(", "atomicAdd(failed, 1)",
        "extern \"C\" int neml2_cuda_device_count(int * count)", "extern \"C\" const char * k_signature(void)"})
    EXPECT_NE(src.find(want), std::string::npos) << want;
}

// ---- with nvcc: the artifacts (no GPU needed)

TEST_F(CompileCuda, BothDevicesInOneCall)
{
  // one compile_model call with devices {cpu, cuda} (build_all); the CLI's summary is checked below
  const fs::path art(built().elasticity());
  for (const char * f : {"cpu/elasticity.so", "cpu/elasticity_jvp.so", "cpu/elasticity_meta.json", "cuda/elasticity.so",
                         "cuda/elasticity_jvp.so", "cuda/elasticity_meta.json"})
    EXPECT_TRUE(fs::exists(art / f)) << f;
  EXPECT_FALSE(fs::exists(art / "cuda/elasticity.cu")) << "sources are removed unless --keep-source";
  EXPECT_TRUE(fs::exists(built().stub("elasticity", "elasticity")));
  EXPECT_TRUE(fs::exists(built().isoharden() + "/cuda/model.so"));
  EXPECT_TRUE(fs::exists(built().strict() + "/cuda/strict.so"));
  EXPECT_TRUE(fs::exists(built().substep() + "/cuda/update.so"));
}

TEST_F(CompileCuda, CliBuildsBothFoldersForTheArchitecturesAsked)
{
  TempDir dir;
  const auto r = run_cli("'" + seed_input() + "' --model elasticity --device cpu cuda --cuda-arch sm_90", dir.str());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("for [cpu, cuda]"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("cuda: aoti/elasticity/cuda/elasticity_meta.json"), std::string::npos) << r.output;
  const auto m = aoti::parse_metadata(read_all(dir.path() / "aoti/elasticity/cuda/elasticity_meta.json"), "meta");
  EXPECT_EQ(m.cuda_arch, (std::vector<std::string>{"90"}));
  EXPECT_NE(std::find(m.compiler.flags.begin(), m.compiler.flags.end(), "arch=compute_90,code=[sm_90,compute_90]"),
            m.compiler.flags.end());
  EXPECT_NE(run_cli("--help", dir.str()).output.find("--cuda-arch"), std::string::npos);
}

TEST_F(CompileCuda, MetadataRecordsNvccAndTheArchitectures)
{
  const fs::path art(built().elasticity());
  const auto m = aoti::parse_metadata(read_all(art / "cuda/elasticity_meta.json"), "cuda meta");
  const auto c = aoti::parse_metadata(read_all(art / "cpu/elasticity_meta.json"), "cpu meta");
  EXPECT_EQ(m.device, "cuda");
  EXPECT_EQ(c.device, "cpu");
  EXPECT_TRUE(c.cuda_arch.empty());
  EXPECT_EQ(m.cuda_arch, (std::vector<std::string>{"80", "90"}));
  EXPECT_NE(m.compiler.version.find("release"), std::string::npos) << m.compiler.version;
  EXPECT_NE(m.compiler.command.find("nvcc"), std::string::npos) << m.compiler.command;
  for (const char * want : {"--fmad=false", "arch=compute_80,code=sm_80", "arch=compute_90,code=[sm_90,compute_90]"})
    EXPECT_NE(std::find(m.compiler.flags.begin(), m.compiler.flags.end(), want), m.compiler.flags.end()) << want;
  // Same graphs, same entries and arguments as the CPU build; libraries hashed and signed for cuda.
  ASSERT_EQ(m.entries.size(), c.entries.size());
  for (std::size_t i = 0; i < m.entries.size(); ++i)
  {
    EXPECT_EQ(m.entries[i].symbol, c.entries[i].symbol);
    EXPECT_EQ(m.entries[i].graph_hash, c.entries[i].graph_hash);
    EXPECT_EQ(m.entries[i].arguments.size(), c.entries[i].arguments.size());
  }
  for (const auto & lib : m.libraries)
  {
    EXPECT_EQ(lib.sha256, aoti::sha256_file((art / "cuda" / lib.file).string())) << lib.file;
    EXPECT_NE(lib.signature.find("device=cuda"), std::string::npos) << lib.signature;
  }
}

TEST_F(CompileCuda, LibrariesExportTheCAbi)
{
  const fs::path art(built().elasticity());
  const auto m = aoti::parse_metadata(read_all(art / "cuda/elasticity_meta.json"), "cuda meta");
  for (const auto & lib : m.libraries)
  {
    const auto path = (art / "cuda" / lib.file).string();
    void * h = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL); // no GPU needed: the CUDA runtime is static
    ASSERT_TRUE(h) << dlerror();
    auto sig = reinterpret_cast<const char * (*)()>(dlsym(h, lib.signature_symbol.c_str()));
    ASSERT_TRUE(sig) << lib.signature_symbol;
    EXPECT_EQ(std::string(sig()), lib.signature);
    for (const auto & e : m.entries)
      if (e.library == lib.file)
      {
        EXPECT_TRUE(dlsym(h, e.symbol.c_str())) << e.symbol;
        EXPECT_TRUE(dlsym(h, (e.symbol + "_status").c_str())) << e.symbol;
      }
    for (const char * helper :
         {"neml2_cuda_device_count", "neml2_cuda_error_string", "neml2_cuda_device_name", "neml2_cuda_malloc",
          "neml2_cuda_free", "neml2_cuda_memcpy", "neml2_cuda_memset", "neml2_cuda_stream_synchronize"})
      EXPECT_TRUE(dlsym(h, helper)) << helper;
    EXPECT_FALSE(dlsym(h, "cudaMalloc")) << "the static CUDA runtime must stay hidden";
    auto errstr = reinterpret_cast<const char * (*)(int)>(dlsym(h, "neml2_cuda_error_string"));
    EXPECT_EQ(std::string(errstr(0)), "no error");
    dlclose(h);
  }
}

TEST_F(CompileCuda, LoadingWithoutAGpuSaysSo)
{
  const auto [gpus, err] = gpus_seen_by(built().elasticity() + "/cuda/elasticity.so");
  if (gpus > 0)
    GTEST_SKIP() << gpus << " GPU(s) visible: the no-GPU error cannot be shown here";
  EXPECT_TRUE(throws_with<DeviceError>([&] { aoti::Model(built().elasticity(), "cuda"); }, "no CUDA GPU visible: "));
  EXPECT_TRUE(
      throws_with<DeviceError>([&] { aoti::Model(built().elasticity(), "cuda"); }, fmt::format("CUDA error {}", err)));
  // Through a stub: located at the AOTIModel's options.
  EXPECT_TRUE(throws_with<InputError>(
      [&] { load_model(built().stub("elasticity", "elasticity"), "elasticity", {"Models/elasticity/device=cuda"}); },
      "no CUDA GPU visible"));
}

// ---- with a GPU: CUDA results against the CPU build

TEST_F(CompileCuda, ElasticityMatchesCpu)
{
  std::string why;
  auto gpu = load_cuda(built().elasticity(), why);
  if (!gpu)
    GTEST_SKIP() << "no CUDA GPU: " << why;
  aoti::Model cpu(built().elasticity(), "cpu");
  EXPECT_EQ(gpu->device(), "cuda");
  EXPECT_TRUE(gpu->directory().ends_with("cuda"));
  for (const Shape & batch : {Shape{}, Shape{1000}, Shape{7, 300}})
  {
    const auto strain = random_strain(batch, 11);
    const auto a = gpu->forward({{"strain", strain}}).at("stress");
    const auto b = cpu.forward({{"strain", strain}}).at("stress");
    EXPECT_LE(max_rel_error(a, b), 1e-12) << shape_str(batch);
    const auto [ga, Ja] = gpu->jacobian({{"strain", strain}});
    const auto [gb, Jb] = cpu.jacobian({{"strain", strain}});
    EXPECT_LE(max_rel_error(Ja.at("stress").at("strain"), Jb.at("stress").at("strain")), 1e-12);
    const auto t = random_strain(batch, 12);
    EXPECT_LE(max_rel_error(gpu->jvp({{"strain", strain}}, {{"strain", t}}).second.at("stress"),
                            cpu.jvp({{"strain", strain}}, {{"strain", t}}).second.at("stress")),
              1e-12);
  }
}

TEST_F(CompileCuda, ForwardIntoTakesDevicePointers)
{
  std::string why;
  auto gpu = load_cuda(built().elasticity(), why);
  if (!gpu)
    GTEST_SKIP() << "no CUDA GPU: " << why;
  aoti::Model cpu(built().elasticity(), "cpu");
  const auto & api = gpu->cuda();
  EXPECT_FALSE(api.device_name().empty());
  const std::int64_t n = 100000;
  const auto strain = random_strain({n}, 5);
  const auto bytes = static_cast<std::size_t>(6 * n) * sizeof(double);
  aoti::DeviceBuffer din(api, bytes), dout(api, bytes);
  api.memcpy(din.get(), strain.raw(), bytes, aoti::CopyKind::HostToDevice);
  for (std::int64_t stride : {1, 0}) // per point, then point 0's strain for all
  {
    const void * args[] = {din.get()};
    void * outs[] = {dout.get()};
    const std::int64_t strides[] = {stride};
    gpu->forward_into(n, args, strides, outs); // default stream
    auto got = Tensor::zeros({n}, {6});
    api.memcpy(got.raw(), dout.get(), bytes, aoti::CopyKind::DeviceToHost);
    api.synchronize();
    auto want = Tensor::zeros({n}, {6});
    const void * hargs[] = {strain.raw()};
    void * houts[] = {want.raw()};
    cpu.forward_into(n, hargs, strides, houts);
    EXPECT_LE(max_rel_error(got, want), 1e-12) << "stride " << stride;
  }
}

TEST_F(CompileCuda, IsohardenDriverMatchesCpu)
{
  std::string why;
  if (!load_cuda(built().isoharden(), why))
    GTEST_SKIP() << "no CUDA GPU: " << why;
  TempDir out;
  const std::vector<std::string> save = {"Drivers/driver/save_as=" + out.str("out.npz")};
  auto with_device = save;
  with_device.push_back("Models/model/device=cuda");
  auto c = std::dynamic_pointer_cast<TransientDriver>(load_driver(built().stub("isoharden", "model"), "driver", save));
  auto g = std::dynamic_pointer_cast<TransientDriver>(
      load_driver(built().stub("isoharden", "model"), "driver", with_device));
  ASSERT_TRUE(c && g);
  c->run();
  g->run();
  ASSERT_EQ(c->results().size(), g->results().size());
  double worst = 0;
  for (std::size_t k = 0; k < c->results().size(); ++k)
    for (const auto & name : c->recorded())
      worst = std::max(worst, max_rel_error(g->results()[k].at(name), c->results()[k].at(name)));
  EXPECT_LE(worst, 1e-10) << "CUDA vs CPU over the whole history";
  RecordProperty("max_rel_error", std::to_string(worst));
}

TEST_F(CompileCuda, FailedPointsRaiseSolverError)
{
  std::string why;
  auto gpu = load_cuda(built().strict(), why);
  if (!gpu)
    GTEST_SKIP() << "no CUDA GPU: " << why;
  auto b = Tensor::from_values({4}, {}, std::vector<double>{0.0, 100.0, 0.0, 300.0});
  EXPECT_TRUE(throws_with<SolverError>(
      [&] {
        gpu->forward({{"b", b}});
      },
      "compiled model 'strict' did not converge (float64) at 2 of 4 point(s)"));
  EXPECT_TRUE(throws_with<SolverError>([&] { gpu->forward({{"b", b}}); }, "failed points: 1, 3"));
  const auto & api = gpu->cuda();
  aoti::DeviceBuffer din(api, 4 * sizeof(double)), dout(api, 4 * sizeof(double));
  api.memcpy(din.get(), b.raw(), din.size(), aoti::CopyKind::HostToDevice);
  const void * args[] = {din.get()};
  void * outs[] = {dout.get()};
  const std::int64_t strides[] = {1};
  EXPECT_TRUE(throws_with<SolverError>([&] { gpu->forward_into(4, args, strides, outs); }, "failed points: 1, 3"));
  // Converging points only: no error, and the pooled scratch is reused.
  auto ok = Tensor::from_values({2}, {}, std::vector<double>{0.0, 0.0});
  api.memcpy(din.get(), ok.raw(), 2 * sizeof(double), aoti::CopyKind::HostToDevice);
  EXPECT_NO_THROW(gpu->forward_into(2, args, strides, outs));
  EXPECT_NO_THROW(gpu->forward_into(2, args, strides, outs));
}

TEST_F(CompileCuda, SubsteppingAndCapturedFailuresMatchCpu)
{
  std::string why;
  auto gpu = load_cuda(built().substep(), why);
  if (!gpu)
    GTEST_SKIP() << "no CUDA GPU: " << why;
  aoti::Model cpu(built().substep());
  // Steps of 1 (whole), 10 and 100 (in pieces) and 1000 (fails): see tests/data/implicit/substep.i.
  const ValueMap in = {{"t", Tensor::from_values({4}, {}, std::vector<double>{1, 10, 100, 1000})},
                       {"t~1", Tensor::zeros({}, {})},
                       {"x~1", Tensor::zeros({}, {})}};
  EXPECT_TRUE(throws_with<SolverError>([&] { gpu->forward(in); }, "failed points: 3"));
  FailureCapture capture;
  const auto want = cpu.forward(in).at("x");
  const auto cpu_report = capture.report();
  const auto got = gpu->forward(in).at("x");
  EXPECT_EQ(capture.report().iterations, cpu_report.iterations);
  EXPECT_EQ(capture.report().substeps, cpu_report.substeps);
  EXPECT_GT(capture.report().substeps[2], 1);
  EXPECT_EQ(capture.report().num_failed(), 1);
  for (std::int64_t p = 0; p < 3; ++p)
    EXPECT_NEAR(got.at(p), want.at(p), 1e-12 * std::abs(want.at(p))) << p;
  EXPECT_TRUE(std::isnan(got.at(3)));
}

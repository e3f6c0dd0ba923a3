// What may run at once does so exactly: several threads calling one compiled or eager model, loading
// artifacts, parsing inputs and compiling into one output folder at the same time. Each result
// must equal the serial one bit for bit. Built also under ThreadSanitizer (the `tsan` preset), where
// a data race fails the run. Large batches spread over the thread team (neml2::parallel_for) while
// other threads' calls run at once.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <random>
#include <thread>

#include "neml2/base/factory.h"
#include "neml2/codegen/compile_model.h"
#include "neml2/models/model.h"
#include "neml2/runtime/aoti_model.h"
#include "neml2/tensors/thread_team.h"
#include "test_paths.h"

using namespace neml2;
namespace fs = std::filesystem;

namespace
{
constexpr int nthreads = 6;

std::string
example(const std::string & rel)
{
  return neml2::test::source_dir() + "/examples/" + rel;
}

/// A fresh folder removed at the end.
struct Scratch
{
  fs::path dir;
  Scratch()
  {
    std::string tmpl = (fs::temp_directory_path() / "neml2_concurrency_XXXXXX").string();
    dir = mkdtemp(tmpl.data()) ? fs::path(tmpl) : fs::path();
  }
  ~Scratch()
  {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

Tensor
random_strains(std::int64_t n, unsigned seed)
{
  std::mt19937 gen(seed);
  std::uniform_real_distribution<double> u(-0.01, 0.01);
  std::vector<double> v(static_cast<std::size_t>(n) * 6);
  for (auto & x : v)
    x = u(gen);
  return Tensor::from_values({n}, {6}, v);
}

bool
same_bytes(const Tensor & a, const Tensor & b)
{
  return a.shape() == b.shape() && a.dtype() == b.dtype() &&
         std::memcmp(a.raw(), b.raw(), static_cast<std::size_t>(a.numel()) * dtype_size(a.dtype())) == 0;
}

/// Runs `work(t)` on `nthreads` threads at once and returns how many reported success.
template <typename F>
int
in_threads(F work)
{
  std::vector<int> ok(nthreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < nthreads; ++t)
    threads.emplace_back([&, t] { ok[static_cast<std::size_t>(t)] = work(t) ? 1 : 0; });
  for (auto & th : threads)
    th.join();
  int n = 0;
  for (int v : ok)
    n += v;
  return n;
}

codegen::CompileResult
compile(const std::string & input, const std::string & model, const fs::path & out)
{
  codegen::CompileRequest req;
  req.input_file = input;
  req.model = model;
  req.output_dir = out.string();
  req.derivatives = {":"};
  return codegen::compile_model(req);
}
} // namespace

TEST(Concurrency, OneEagerImplicitModelCalledFromSeveralThreads)
{
  auto model = load_model(example("plasticity/viscoplasticity_isoharden.i"), "model");
  std::vector<ValueMap> inputs;
  std::vector<Tensor> refs;
  for (int t = 0; t < nthreads; ++t)
  {
    ValueMap in;
    for (const auto & v : model->input_spec())
      in[v.name] = v.name == "E"   ? random_strains(100 + t, 7 + t)   // the strain
                   : v.name == "t" ? Tensor::full({}, v.shape(), 0.1) // one step of 0.1 from t~1 = 0
                                   : Tensor::zeros({}, v.shape());    // a virgin state
    inputs.push_back(in);
    refs.push_back(model->value(in).begin()->second);
  }
  EXPECT_EQ(in_threads([&](int t) {
              bool good = true;
              for (int rep = 0; rep < 5; ++rep)
                good &= same_bytes(model->value(inputs[static_cast<std::size_t>(t)]).begin()->second,
                                   refs[static_cast<std::size_t>(t)]);
              return good;
            }),
            nthreads);
}

TEST(Concurrency, CompiledModelsLoadedAndCalledFromSeveralThreads)
{
  Scratch s;
  const auto r = compile(example("elasticity/input.i"), "elasticity", s.dir);
  const aoti::Model shared(r.artifact_dir);
  std::vector<Tensor> strains, refs, jrefs;
  for (int t = 0; t < nthreads; ++t)
  {
    strains.push_back(random_strains(17 + 100 * t, 100 + t));
    refs.push_back(shared.forward({{"strain", strains.back()}}).at("stress"));
    jrefs.push_back(shared.jacobian({{"strain", strains.back()}}).second.at("stress").at("strain"));
  }
  EXPECT_EQ(in_threads([&](int t) {
              const auto i = static_cast<std::size_t>(t);
              const aoti::Model own(r.artifact_dir); // loading at the same time as the others
              bool good = true;
              for (int rep = 0; rep < 20; ++rep)
              {
                const auto & m = rep % 2 ? shared : own;
                good &= same_bytes(m.forward({{"strain", strains[i]}}).at("stress"), refs[i]);
                good &= same_bytes(m.jacobian({{"strain", strains[i]}}).second.at("stress").at("strain"), jrefs[i]);
              }
              return good;
            }),
            nthreads);
}

TEST(Concurrency, LargeBatchesOnTheThreadTeamWhileOtherThreadsCall)
{
  // Batches past the eager interpreter's and the compiled dispatch's parallel thresholds: whichever
  // call gets the team spreads over it, the others run on their own threads; all equal a team of 1.
  Scratch s;
  const auto r = compile(example("elasticity/input.i"), "elasticity", s.dir);
  const aoti::Model compiled(r.artifact_dir);
  auto eager = load_model(example("plasticity/viscoplasticity_isoharden.i"), "model");
  ValueMap in;
  for (const auto & v : eager->input_spec())
    in[v.name] = v.name == "E"   ? random_strains(4500, 3)
                 : v.name == "t" ? Tensor::full({}, v.shape(), 0.1)
                                 : Tensor::zeros({}, v.shape());
  const auto strains = random_strains(200000, 5);
  set_num_threads(1);
  const auto eager_ref = eager->value(in).begin()->second;
  const auto compiled_ref = compiled.forward({{"strain", strains}}).at("stress");
  set_num_threads(3);
  EXPECT_EQ(in_threads([&](int t) {
              return t % 2 ? same_bytes(eager->value(in).begin()->second, eager_ref)
                           : same_bytes(compiled.forward({{"strain", strains}}).at("stress"), compiled_ref);
            }),
            nthreads);
  set_num_threads(0);
}

TEST(Concurrency, InputFilesParsedAndModelsBuiltInSeveralThreads)
{
  const auto file = example("plasticity/viscoplasticity_isoharden.i");
  const auto names = Factory::from_file(file)->names(ObjectKind::Model);
  EXPECT_EQ(in_threads([&](int) {
              auto f = Factory::from_file(file);
              for (const auto & n : names)
                (void)f->get_model(n);
              return f->names(ObjectKind::Model) == names;
            }),
            nthreads);
}

TEST(Concurrency, CompilesIntoOneFolderAtOnce)
{
  // Each compile sweeps the folder for temporary folders of dead compiles while the others are
  // writing theirs: none may take another's for dead.
  Scratch s;
  const auto input = neml2::test::source_dir() + "/tests/data/implicit/cubic.i";
  const std::vector<std::string> models = {"update", "strict", "update", "strict"};
  std::vector<codegen::CompileResult> results(models.size());
  std::vector<std::thread> threads;
  std::vector<std::string> errors(models.size());
  for (std::size_t k = 0; k < models.size(); ++k)
    threads.emplace_back([&, k] {
      try
      {
        results[k] = compile(input, models[k], s.dir / std::to_string(k % 2));
      }
      catch (const std::exception & e)
      {
        errors[k] = e.what();
      }
    });
  for (auto & th : threads)
    th.join();
  for (std::size_t k = 0; k < models.size(); ++k)
    EXPECT_EQ(errors[k], "") << "compile " << k;
  for (const auto & sub : {"0", "1"})
    for (const auto & e : fs::directory_iterator(s.dir / sub))
      EXPECT_FALSE(e.path().filename().string().starts_with(".neml2-compile-")) << e.path();
  const aoti::Model update(results[0].artifact_dir);
  EXPECT_NEAR(update.forward({{"b", Tensor::full({}, {}, 3.0)}}).at("x").at(0), 1.0, 1e-10); // 2 x^3 + x = 3
}

// The catalog on the CUDA backend: each explicit model of catalog_cases.h and each example's
// driver, compiled with --device cuda and run on the GPU, against the eager interpreter on the
// CPU. Values and every Jacobian block of the explicit models agree to 1e-12 relative (CUDA's
// exp, log and pow are within a few ulps of glibc's; --fmad=false keeps products unfused); the
// drivers' histories to 1e-8 relative, since their Newton iterations may stop one iterate apart.
// Without a GPU every case skips with the reason, before anything is compiled.
#include <gtest/gtest.h>

#include "backend_matrix.h"
#include "catalog_cases.h"
#include "neml2/drivers/transient_driver.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
const BackendCase cuda64{Backend::Cuda, Dtype::Float64};

class CudaCatalog : public ::testing::TestWithParam<CatalogCase>
{
protected:
  void SetUp() override
  {
    if (const auto why = unavailable(cuda64); !why.empty())
      GTEST_SKIP() << why;
  }
  TempDir dir;
};

class CudaExamples : public ::testing::TestWithParam<const char *>
{
protected:
  void SetUp() override
  {
    if (const auto why = unavailable(cuda64); !why.empty())
      GTEST_SKIP() << why;
  }
  TempDir dir;
};
} // namespace

TEST_P(CudaCatalog, ValuesAndJacobiansMatchEager)
{
  const auto & c = GetParam();
  const auto input = data(c.file);
  auto eager = load_model(input, c.model);
  std::vector<std::string> derivatives;
  for (const auto & o : eager->output_spec())
    derivatives.push_back(o.name + ":");
  auto gpu = model_on(cuda64, input, c.model, derivatives, dir);
  // 300 points: more than one thread block, and a partial last one.
  const auto in = random_inputs(*eager, {300}, c.ranges, 23);
  const auto [ev, eJ] = eager->jacobian(in);
  const auto [gv, gJ] = gpu->jacobian(in);
  for (const auto & [name, value] : ev)
    EXPECT_LE(max_rel_error(gv.at(name), value), 1e-12) << name;
  for (const auto & [out, row] : eJ)
    for (const auto & [wrt, block] : row)
      EXPECT_LE(max_rel_error(gJ.at(out).at(wrt), block), 1e-12) << "d" << out << "/d" << wrt;
}

TEST_P(CudaExamples, DriverHistoryMatchesEager)
{
  const auto input = example(GetParam());
  codegen::CompileRequest req;
  req.input_file = input;
  req.driver = "driver";
  req.output_dir = dir.str("aoti");
  req.devices = {"cuda"};
  const auto compiled = codegen::compile_model(req);

  const std::vector<std::string> save = {"Drivers/driver/save_as=" + dir.str("out.npz")};
  auto on_gpu = save;
  on_gpu.push_back("Models/" + compiled.model + "/device=cuda");
  auto e = std::dynamic_pointer_cast<TransientDriver>(load_driver(input, "driver", save));
  auto g = std::dynamic_pointer_cast<TransientDriver>(load_driver(compiled.stub, "driver", on_gpu));
  ASSERT_TRUE(e && g);
  e->run();
  g->run();
  ASSERT_EQ(e->results().size(), g->results().size());
  double worst = 0;
  for (std::size_t k = 0; k < e->results().size(); ++k)
    for (const auto & name : e->recorded())
    {
      const auto err = max_rel_error(g->results()[k].at(name), e->results()[k].at(name));
      EXPECT_LE(err, 1e-8) << name << " at step " << k;
      worst = std::max(worst, err);
    }
  RecordProperty("max_rel_error", std::to_string(worst));
}

INSTANTIATE_TEST_SUITE_P(Cuda, CudaCatalog, ::testing::ValuesIn(explicit_catalog_cases),
                         [](const auto & p) { return std::string(p.param.model); });
INSTANTIATE_TEST_SUITE_P(Cuda, CudaExamples, ::testing::ValuesIn(driver_examples),
                         [](const auto & p) { return example_label(p.param); });

// The neml2-compile command line, run as a subprocess: the seed's output, layout and exit codes.
#include "neml2/runtime/aoti_model.h"
#include "test_compile_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
std::vector<std::string>
lines(const std::string & s)
{
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string l; std::getline(ss, l);)
    out.push_back(l);
  return out;
}

std::set<std::string>
listing(const fs::path & dir)
{
  std::set<std::string> out;
  for (const auto & e : fs::directory_iterator(dir))
    out.insert(e.path().filename().string());
  return out;
}

/// A working folder holding a copy of the seed's input.i, as in the walk-through.
class CompileCli : public ::testing::Test
{
protected:
  void SetUp() override { fs::copy_file(seed_input(), dir.path() / "input.i"); }
  TempDir dir;
};
} // namespace

TEST_F(CompileCli, SeedCommandPrintsTheSeedLinesAndWritesTheSeedLayout)
{
  const auto r = run_cli("input.i --model elasticity -d stress:strain", dir.str());
  ASSERT_EQ(r.status, 0) << r.output;
  const auto l = lines(r.output);
  ASSERT_EQ(l.size(), 4u) << r.output;
  EXPECT_EQ(l[0], "Compiled 'elasticity' (composed, fully baked, 1 derivative pair(s)) for [cpu] -> aoti/elasticity");
  EXPECT_EQ(l[1], "  stub: aoti/elasticity_aoti.i");
  EXPECT_EQ(l[2], "  cpu: aoti/elasticity/cpu/elasticity_meta.json");
  EXPECT_TRUE(l[3].starts_with("  compile time: ") && l[3].ends_with(" s")) << l[3];
  std::cout << "[ seed compile ] " << l[3] << "\n";

  EXPECT_EQ(listing(dir.path() / "aoti"), (std::set<std::string>{"elasticity", "elasticity_aoti.i"}));
  EXPECT_EQ(listing(dir.path() / "aoti/elasticity"), (std::set<std::string>{"cpu"}));
  EXPECT_EQ(listing(dir.path() / "aoti/elasticity/cpu"),
            (std::set<std::string>{"elasticity.so", "elasticity_jvp.so", "elasticity_meta.json"}));

  // The stub loads from any working directory and matches eager bit for bit.
  auto compiled = load_model(dir.str("aoti/elasticity_aoti.i"), "elasticity");
  auto eager = load_model(dir.str("input.i"), "elasticity");
  EXPECT_TRUE(bitwise_equal(compiled->value({{"strain", seed_strain()}}).at("stress"),
                            eager->value({{"strain", seed_strain()}}).at("stress")));
}

TEST_F(CompileCli, PromotedCommandPrintsThePromotedSummary)
{
  const auto r = run_cli("input.i --model elasticity --output-dir aoti_promoted -p E -d stress:strain", dir.str());
  ASSERT_EQ(r.status, 0) << r.output;
  const auto l = lines(r.output);
  ASSERT_GE(l.size(), 3u);
  EXPECT_EQ(l[0], "Compiled 'elasticity' (composed, 1 promoted parameter(s), 1 derivative pair(s)) for [cpu] -> "
                  "aoti_promoted/elasticity");
  EXPECT_EQ(l[1], "  stub: aoti_promoted/elasticity_aoti.i");
  EXPECT_EQ(l[2], "  cpu: aoti_promoted/elasticity/cpu/elasticity_meta.json");
}

TEST_F(CompileCli, WithoutDerivativesOnlyTheForwardLibraryIsBuilt)
{
  const auto r = run_cli("input.i --model elasticity -q --keep-source -j 1", dir.str());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(r.output, "");
  EXPECT_EQ(listing(dir.path() / "aoti/elasticity/cpu"),
            (std::set<std::string>{"elasticity.cpp", "elasticity.so", "elasticity_meta.json"}));
  aoti::Model m(dir.str("aoti/elasticity"));
  EXPECT_FALSE(m.has_derivatives());
}

TEST_F(CompileCli, DriverPicksItsModelAndStaysInTheStub)
{
  std::ofstream(dir.path() / "driven.i") << "[Models]\n  [elasticity]\n    type = LinearIsotropicElasticity\n"
                                            "    coefficients = '200e3 0.3'\n"
                                            "    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'\n  []\n[]\n"
                                            "[Tensors]\n  [times]\n    type = LinspaceScalar\n    start = 0\n"
                                            "    end = 1\n    nstep = 3\n  []\n[]\n"
                                            "[Drivers]\n  [driver]\n    type = TransientDriver\n"
                                            "    model = 'elasticity'\n    prescribed_time = 'times'\n  []\n[]\n";
  const auto ok = run_cli("driven.i --driver driver --dtype float32", dir.str());
  ASSERT_EQ(ok.status, 0) << ok.output;
  EXPECT_NE(ok.output.find("Compiled 'elasticity' (composed, fully baked, forward only) for [cpu] -> aoti/elasticity"),
            std::string::npos)
      << ok.output;
  std::ifstream f(dir.path() / "aoti/elasticity_aoti.i");
  std::stringstream ss;
  ss << f.rdbuf();
  EXPECT_NE(ss.str().find("[Drivers]\n  [driver]\n    type = TransientDriver\n    model = 'elasticity'"),
            std::string::npos)
      << ss.str();
  aoti::Model m(dir.str("aoti/elasticity"));
  EXPECT_EQ(m.dtype(), Dtype::Float32);
}

TEST_F(CompileCli, ExitCodes)
{
  // 0: help.
  auto r = run_cli("--help", dir.str());
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.output.find("--output-dir"), std::string::npos);
  // 2: usage errors.
  EXPECT_EQ(run_cli("", dir.str()).status, 2);
  EXPECT_EQ(run_cli("input.i", dir.str()).status, 2);
  EXPECT_EQ(run_cli("input.i --model elasticity --dtype float16", dir.str()).status, 2);
  EXPECT_EQ(run_cli("input.i --model elasticity --device tpu", dir.str()).status, 2);
  EXPECT_EQ(run_cli("input.i --model elasticity --no-such-flag", dir.str()).status, 2);
  r = run_cli("input.i --model elasticity -d stress", dir.str());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("expected OUT:IN"), std::string::npos) << r.output;
  // 1: errors.
  r = run_cli("input.i --model elasticty", dir.str());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("did you mean 'elasticity'"), std::string::npos) << r.output;
  {
    ScopedEnv nvcc("NEML2_NVCC", "/nonexistent/nvcc"); // CUDA without the toolkit
    r = run_cli("input.i --model elasticity --device cpu cuda", dir.str());
  }
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("needs nvcc (the CUDA toolkit)"), std::string::npos) << r.output;
  r = run_cli("input.i --model elasticity -d stress:strian", dir.str());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("did you mean 'strain'"), std::string::npos) << r.output;
  r = run_cli("missing.i --model elasticity", dir.str());
  EXPECT_EQ(r.status, 1);
  EXPECT_FALSE(fs::exists(dir.path() / "aoti"));
}

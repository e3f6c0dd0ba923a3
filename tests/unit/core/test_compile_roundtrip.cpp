// Compiled vs eager: the seed's elasticity model, bit for bit on CPU, float64 and float32.
#include <thread>

#include "neml2/aoti_model/aoti_model.h"
#include "neml2/runtime/aoti_model.h"
#include "test_compile_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
/// One artifact per dtype, compiled once for the whole suite (-d stress:strain).
class CompiledElasticity : public ::testing::TestWithParam<Dtype>
{
protected:
  struct Shared
  {
    TempDir dir;
    codegen::CompileResult result;
    std::unique_ptr<aoti::Model> compiled;
  };
  static std::map<Dtype, std::unique_ptr<Shared>> & shared()
  {
    static std::map<Dtype, std::unique_ptr<Shared>> s;
    return s;
  }
  static void SetUpTestSuite()
  {
    for (auto d : {Dtype::Float64, Dtype::Float32})
    {
      auto s = std::make_unique<Shared>();
      s->result = compile_seed(s->dir.str("aoti"), {"stress:strain"}, {}, d);
      s->compiled = std::make_unique<aoti::Model>(s->result.artifact_dir);
      shared()[d] = std::move(s);
    }
  }
  static void TearDownTestSuite() { shared().clear(); }

  Dtype dtype() const { return GetParam(); }
  const aoti::Model & compiled() const { return *shared().at(dtype())->compiled; }
  const Shared & artifact() const { return *shared().at(dtype()); }
  std::shared_ptr<Model> eager() const { return load_model(seed_input(), "elasticity"); }
};

std::string
dtype_label(const ::testing::TestParamInfo<Dtype> & info)
{
  return std::string(dtype_name(info.param));
}
} // namespace

TEST_P(CompiledElasticity, SeedStrainsMatchEagerBitForBit)
{
  const auto strain = seed_strain(dtype());
  const auto c = compiled().forward({{"strain", strain}}).at("stress");
  const auto e = eager()->value({{"strain", strain}}).at("stress");
  EXPECT_TRUE(bitwise_equal(c, e));
  EXPECT_EQ(c.batch_shape(), (Shape{2}));
  const double tol = dtype() == Dtype::Float64 ? 1e-4 : 1e-2;
  EXPECT_NEAR(c.at(0), 2692.3077, tol);
  EXPECT_NEAR(c.at(1), 1153.8462, tol);
  EXPECT_NEAR(c.at(6), 1115.3846, tol);
  EXPECT_NEAR(c.at(7), 38.4615, tol);
  EXPECT_NEAR(c.at(8), 346.1538, tol);
  EXPECT_NEAR(c.at(11), 153.8462, tol);
}

TEST_P(CompiledElasticity, RandomBatchesMatchEagerBitForBit)
{
  unsigned seed = 1;
  for (const Shape & batch : {Shape{1}, Shape{7}, Shape{3, 5}, Shape{}, Shape{2, 1, 3}})
  {
    const auto strain = random_strain(batch, seed++, dtype());
    const auto c = compiled().forward({{"strain", strain}}).at("stress");
    const auto e = eager()->value({{"strain", strain}}).at("stress");
    EXPECT_TRUE(bitwise_equal(c, e)) << "batch " << shape_str(batch);
  }
}

TEST_P(CompiledElasticity, MillionPointsMatchEagerBitForBit)
{
  const auto strain = random_strain({1000000}, 42, dtype());
  const auto c = compiled().forward({{"strain", strain}}).at("stress");
  const auto e = eager()->value({{"strain", strain}}).at("stress");
  EXPECT_TRUE(bitwise_equal(c, e));
}

TEST_P(CompiledElasticity, EmptyBatch)
{
  const auto strain = Tensor::zeros({0}, {6}, dtype());
  const auto c = compiled().forward({{"strain", strain}}).at("stress");
  EXPECT_EQ(c.shape(), (Shape{0, 6}));
}

TEST_P(CompiledElasticity, JvpGivesTheStiffnessColumn)
{
  const auto strain = seed_strain(dtype());
  auto tangent = Tensor::zeros({2}, {6}, dtype());
  tangent.set(0, 1.0);
  tangent.set(6, 1.0);
  const auto [out, jv] = compiled().jvp({{"strain", strain}}, {{"strain", tangent}});
  const auto & t = jv.at("stress");
  ASSERT_EQ(t.shape(), (Shape{2, 6}));
  const double E = 200e3, nu = 0.3;
  const double lam = E * nu / ((1 + nu) * (1 - 2 * nu)), mu = E / (2 * (1 + nu));
  const double rel = dtype() == Dtype::Float64 ? 1e-12 : 1e-6;
  for (int p = 0; p < 2; ++p)
  {
    EXPECT_NEAR(t.at(6 * p + 0), lam + 2 * mu, rel * E);
    EXPECT_NEAR(t.at(6 * p + 1), lam, rel * E);
    EXPECT_NEAR(t.at(6 * p + 2), lam, rel * E);
    for (int i = 3; i < 6; ++i)
      EXPECT_EQ(t.at(6 * p + i), 0.0);
  }
  EXPECT_NEAR(t.at(0), 269230.7692, dtype() == Dtype::Float64 ? 1e-4 : 0.05);
  EXPECT_NEAR(t.at(1), 115384.6154, dtype() == Dtype::Float64 ? 1e-4 : 0.05);
  // Same as eager, bit for bit, and the value outputs too.
  const auto [eout, ejv] = eager()->jvp({{"strain", strain}}, {{"strain", tangent}});
  EXPECT_TRUE(bitwise_equal(t, ejv.at("stress")));
  EXPECT_TRUE(bitwise_equal(out.at("stress"), eout.at("stress")));
  // A missing tangent is zero.
  const auto [out0, jv0] = compiled().jvp({{"strain", strain}}, {});
  for (std::int64_t i = 0; i < jv0.at("stress").numel(); ++i)
    EXPECT_EQ(jv0.at("stress").at(i), 0.0);
}

TEST_P(CompiledElasticity, JacobianIsTheIsotropicStiffness)
{
  const auto strain = random_strain({4}, 7, dtype());
  const auto [out, J] = compiled().jacobian({{"strain", strain}});
  const auto & block = J.at("stress").at("strain");
  ASSERT_EQ(block.shape(), (Shape{4, 6, 6}));
  const double E = 200e3, nu = 0.3;
  const double lam = E * nu / ((1 + nu) * (1 - 2 * nu)), mu = E / (2 * (1 + nu));
  const double rel = dtype() == Dtype::Float64 ? 1e-12 : 1e-6;
  for (int p = 0; p < 4; ++p)
    for (int i = 0; i < 6; ++i)
      for (int j = 0; j < 6; ++j)
      {
        const double ref = (i == j ? 2 * mu : 0.0) + (i < 3 && j < 3 ? lam : 0.0);
        EXPECT_NEAR(block.at(p * 36 + i * 6 + j), ref, rel * E) << p << " " << i << " " << j;
      }
  const auto [eout, eJ] = eager()->jacobian({{"strain", strain}});
  EXPECT_TRUE(bitwise_equal(block, eJ.at("stress").at("strain")));
  EXPECT_TRUE(bitwise_equal(out.at("stress"), eout.at("stress")));
}

TEST_P(CompiledElasticity, JacobianMatchesCentralDifferences)
{
  if (dtype() != Dtype::Float64)
    GTEST_SKIP() << "finite differences are checked in float64";
  const auto strain = random_strain({3}, 11);
  const auto [out, J] = compiled().jacobian({{"strain", strain}});
  const auto & block = J.at("stress").at("strain");
  const double h = 1e-6;
  for (int j = 0; j < 6; ++j)
  {
    auto plus = strain.clone(), minus = strain.clone();
    for (int p = 0; p < 3; ++p)
    {
      plus.set(p * 6 + j, plus.at(p * 6 + j) + h);
      minus.set(p * 6 + j, minus.at(p * 6 + j) - h);
    }
    const auto sp = compiled().forward({{"strain", plus}}).at("stress");
    const auto sm = compiled().forward({{"strain", minus}}).at("stress");
    for (int p = 0; p < 3; ++p)
      for (int i = 0; i < 6; ++i)
      {
        const double fd = (sp.at(p * 6 + i) - sm.at(p * 6 + i)) / (2 * h);
        EXPECT_NEAR(block.at(p * 36 + i * 6 + j), fd, 1e-6 * 200e3) << p << " " << i << " " << j;
      }
  }
}

TEST_P(CompiledElasticity, ForwardIntoWritesCallerBuffers)
{
  const auto strain = random_strain({5}, 3, dtype());
  auto out = Tensor::zeros({5}, {6}, dtype());
  const void * args[] = {strain.raw()};
  const std::int64_t strides[] = {1};
  void * outs[] = {out.raw()};
  compiled().forward_into(5, args, strides, outs);
  EXPECT_TRUE(bitwise_equal(out, compiled().forward({{"strain", strain}}).at("stress")));
  // Stride 0: one strain for every point.
  const auto one = random_strain({1}, 4, dtype());
  const void * args1[] = {one.raw()};
  const std::int64_t strides0[] = {0};
  compiled().forward_into(5, args1, strides0, outs);
  const auto ref = compiled().forward({{"strain", one}}).at("stress");
  for (int p = 0; p < 5; ++p)
    for (int i = 0; i < 6; ++i)
      EXPECT_EQ(out.at(p * 6 + i), ref.at(i));
}

TEST_P(CompiledElasticity, ForwardIntoRefusesNullPointersAndNegativeCounts)
{
  const auto strain = random_strain({2}, 3, dtype());
  auto out = Tensor::zeros({2}, {6}, dtype());
  const void * args[] = {strain.raw()};
  const void * null_arg[] = {nullptr};
  const std::int64_t strides[] = {1};
  void * outs[] = {out.raw()};
  void * null_out[] = {nullptr};
  auto refused = [&](auto && call, const std::string & says) {
    EXPECT_TRUE(throws_with<ValueError>(call, says)) << says;
  };
  refused([&] { compiled().forward_into(-1, args, strides, outs); }, "the number of points must be >= 0, got -1");
  refused([&] { compiled().forward_into(2, nullptr, strides, outs); }, "args is a null pointer");
  refused([&] { compiled().forward_into(2, args, nullptr, outs); }, "strides is a null pointer");
  refused([&] { compiled().forward_into(2, args, strides, nullptr); }, "outs is a null pointer");
  refused([&] { compiled().forward_into(2, null_arg, strides, outs); },
          "the pointer of input 'strain' (args[0]) is null");
  refused([&] { compiled().forward_into(2, args, strides, null_out); },
          "the buffer of output 'stress' (outs[0]) is null");
  // Zero points: nothing is read or written, so null pointers are fine.
  compiled().forward_into(0, nullptr, nullptr, nullptr);
}

TEST_P(CompiledElasticity, TenMillionPointsThroughForwardInto)
{
  if (dtype() != Dtype::Float32)
    GTEST_SKIP() << "one large batch is enough (float32 halves the memory)";
  const std::int64_t n = 10'000'000;
  const auto one = seed_strain(dtype()).view({2}, {6});
  auto out = Tensor::zeros({n}, {6}, dtype());
  const void * args[] = {one.raw()};
  const std::int64_t strides[] = {0};
  void * outs[] = {out.raw()};
  compiled().forward_into(n, args, strides, outs);
  const auto ref = compiled().forward({{"strain", seed_strain(dtype())}}).at("stress");
  for (std::int64_t p : {std::int64_t(0), n / 3, n - 1})
    for (int i = 0; i < 6; ++i)
      EXPECT_EQ(out.at(p * 6 + i), ref.at(i));
}

TEST_P(CompiledElasticity, ConcurrentCallsFromSeveralThreads)
{
  std::vector<Tensor> strains, refs;
  for (unsigned t = 0; t < 6; ++t)
  {
    strains.push_back(random_strain({t % 2 ? 2000 : 17}, 100 + t, dtype()));
    refs.push_back(compiled().forward({{"strain", strains.back()}}).at("stress"));
  }
  std::vector<int> ok(6, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 6; ++t)
    threads.emplace_back([&, t] {
      bool good = true;
      for (int rep = 0; rep < 20; ++rep)
        good &= bool(bitwise_equal(compiled().forward({{"strain", strains[t]}}).at("stress"), refs[t]));
      ok[t] = good;
    });
  for (auto & th : threads)
    th.join();
  for (std::size_t t = 0; t < 6; ++t)
    EXPECT_TRUE(ok[t]) << "thread " << t;
}

TEST_P(CompiledElasticity, StubLoadsAsAnAOTIModel)
{
  auto m = load_model(artifact().result.stub, "elasticity");
  ASSERT_TRUE(std::dynamic_pointer_cast<AOTIModel>(m));
  ASSERT_EQ(m->input_spec().size(), 1u);
  EXPECT_EQ(m->input_spec()[0].name, "strain");
  EXPECT_EQ(m->input_spec()[0].type, TypeKind::SR2);
  ASSERT_EQ(m->output_spec().size(), 1u);
  EXPECT_EQ(m->output_spec()[0].name, "stress");
  const auto strain = random_strain({3, 5}, 9, dtype());
  EXPECT_TRUE(
      bitwise_equal(m->value({{"strain", strain}}).at("stress"), eager()->value({{"strain", strain}}).at("stress")));
  const auto [out, J] = m->jacobian({{"strain", strain}});
  EXPECT_EQ(J.at("stress").at("strain").shape(), (Shape{3, 5, 6, 6}));
}

TEST_P(CompiledElasticity, RelativeArtifactPathResolvesAgainstTheStub)
{
  // A stub in the output folder naming the artifact relatively, loaded from another cwd.
  const fs::path out = fs::path(artifact().result.artifact_dir).parent_path();
  const auto stub = (out / "relative_aoti.i").string();
  {
    std::ofstream f(stub);
    f << "[Models]\n  [elasticity]\n    type = AOTIModel\n    artifact_path = 'elasticity'\n  []\n[]\n";
  }
  auto m = load_model(stub, "elasticity");
  const auto strain = seed_strain(dtype());
  EXPECT_TRUE(
      bitwise_equal(m->value({{"strain", strain}}).at("stress"), eager()->value({{"strain", strain}}).at("stress")));
  fs::remove(stub);
}

TEST_P(CompiledElasticity, DeviceFolderLoadsDirectly)
{
  aoti::Model m((fs::path(artifact().result.artifact_dir) / "cpu").string());
  EXPECT_EQ(m.name(), "elasticity");
  EXPECT_EQ(m.dtype(), dtype());
  EXPECT_EQ(m.input_names(), std::vector<std::string>{"strain"});
  EXPECT_EQ(m.output_names(), std::vector<std::string>{"stress"});
  EXPECT_TRUE(m.has_derivatives());
  EXPECT_TRUE(m.named_parameters().empty());
}

TEST_P(CompiledElasticity, StubKeepsEverythingElseVerbatim)
{
  std::ifstream f(artifact().result.stub);
  std::stringstream ss;
  ss << f.rdbuf();
  const auto stub = ss.str();
  EXPECT_NE(stub.find("# Linear isotropic elasticity model used as the compilation target."), std::string::npos);
  EXPECT_NE(stub.find("type = AOTIModel"), std::string::npos);
  const auto abs = fs::absolute(artifact().result.artifact_dir).lexically_normal().string();
  EXPECT_NE(stub.find("artifact_path = '" + abs + "'"), std::string::npos) << stub;
  EXPECT_EQ(stub.find("coefficients"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Dtypes, CompiledElasticity, ::testing::Values(Dtype::Float64, Dtype::Float32), dtype_label);

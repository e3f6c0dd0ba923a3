// Promoted parameters (-p): runtime-editable values, per-point values, parameter derivatives.
#include <algorithm>

#include "neml2/aoti_model/aoti_model.h"
#include "neml2/runtime/aoti_model.h"
#include "test_compile_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
/// `-p E -d stress:strain -d stress:E`, compiled once for the suite.
class PromotedElasticity : public ::testing::Test
{
protected:
  static inline std::unique_ptr<TempDir> dir;
  static inline codegen::CompileResult result;
  static void SetUpTestSuite()
  {
    dir = std::make_unique<TempDir>();
    result = compile_seed(dir->str("aoti_promoted"), {"stress:strain", "stress:E"}, {"E"});
  }
  static void TearDownTestSuite() { dir.reset(); }
};
} // namespace

TEST_F(PromotedElasticity, SummaryCountsThePromotedParameter)
{
  const auto s = result.summary();
  EXPECT_NE(s.find("Compiled 'elasticity' (composed, 1 promoted parameter(s), 2 derivative pair(s)) for [cpu] -> "),
            std::string::npos)
      << s;
}

TEST_F(PromotedElasticity, EditingNamedParameterInPlaceHalvesTheStress)
{
  aoti::Model m(result.artifact_dir);
  ASSERT_EQ(m.named_parameters().size(), 1u);
  ASSERT_TRUE(m.named_parameters().count("E"));
  EXPECT_EQ(m.named_parameters().at("E").at(0), 200e3);
  const auto strain = seed_strain();
  const auto s0 = m.forward({{"strain", strain}}).at("stress");
  m.named_parameters()["E"].set(0, 100e3); // in place, like tensor.fill_()
  const auto s1 = m.forward({{"strain", strain}}).at("stress");
  EXPECT_NEAR(s0.at(0), 2692.307692307692, 1e-9);
  EXPECT_NEAR(s1.at(0), 1346.153846153846, 1e-9);
  EXPECT_NEAR(s1.at(0) / s0.at(0), 0.5, 1e-15);
}

TEST_F(PromotedElasticity, CompiledEqualsEagerWithTheSameParameter)
{
  aoti::Model m(result.artifact_dir);
  auto eager = load_model(seed_input(), "elasticity");
  const auto strain = random_strain({3, 4}, 5);
  EXPECT_TRUE(
      bitwise_equal(m.forward({{"strain", strain}}).at("stress"), eager->value({{"strain", strain}}).at("stress")));
  m.set_parameter("E", Tensor::full({}, {}, 123e3));
  eager->set_parameter("E", Tensor::full({}, {}, 123e3));
  EXPECT_TRUE(
      bitwise_equal(m.forward({{"strain", strain}}).at("stress"), eager->value({{"strain", strain}}).at("stress")));
}

TEST_F(PromotedElasticity, PerPointParameterBroadcastsWithTheInputs)
{
  aoti::Model m(result.artifact_dir);
  const auto strain = random_strain({4}, 6);
  m.set_parameter("E", Tensor::from_values({4}, {}, std::vector<double>{1e3, 2e3, 3e3, 4e3}));
  const auto s = m.forward({{"strain", strain}}).at("stress");
  auto eager = load_model(seed_input(), "elasticity");
  const auto values = strain.to_vector();
  for (std::ptrdiff_t p = 0; p < 4; ++p)
  {
    eager->set_parameter("E", Tensor::full({}, {}, 1e3 * (p + 1)));
    auto one = Tensor::from_values({}, {6}, std::vector<double>(values.begin() + 6 * p, values.begin() + 6 * p + 6));
    const auto ref = eager->value({{"strain", one}}).at("stress");
    for (int i = 0; i < 6; ++i)
      EXPECT_EQ(s.at(6 * p + i), ref.at(i)) << p << " " << i;
  }
  // A (4,) parameter against a (2, 1) strain broadcasts to (2, 4).
  const auto s2 = m.forward({{"strain", random_strain({2, 1}, 8)}}).at("stress");
  EXPECT_EQ(s2.shape(), (Shape{2, 4, 6}));
  // ... and a (3,) strain not at all: the error names the model's inputs.
  EXPECT_TRUE(throws_with<ValueError>(
      [&] {
        m.forward({{"strain", random_strain({3}, 9)}});
      },
      "of the inputs of compiled model 'elasticity' cannot be broadcast together"));
  // forward_into takes one value per point too.
  auto out = Tensor::zeros({4}, {6});
  const void * args[] = {strain.raw()};
  const std::int64_t strides[] = {1};
  void * outs[] = {out.raw()};
  m.forward_into(4, args, strides, outs);
  EXPECT_TRUE(bitwise_equal(out, s));
  EXPECT_TRUE(throws_with<ValueError>([&] { m.forward_into(3, args, strides, outs); }, "has 4 values"));
}

TEST_F(PromotedElasticity, SetParameterChecksNamesAndShapes)
{
  aoti::Model m(result.artifact_dir);
  EXPECT_TRUE(throws_with<ValueError>([&] { m.set_parameter("nu", Tensor::full({}, {}, 0.2)); },
                                      "has no promoted parameter 'nu'"));
  EXPECT_TRUE(throws_with<ValueError>([&] { m.set_parameter("E", Tensor::zeros({}, {6})); }, "base shape ()"));
}

TEST_F(PromotedElasticity, ParameterDerivativeIsStressOverE)
{
  aoti::Model m(result.artifact_dir);
  const auto strain = random_strain({3}, 12);
  const auto [out, J] = m.jacobian({{"strain", strain}});
  const auto & dE = J.at("stress").at("E");
  ASSERT_EQ(dE.shape(), (Shape{3, 6}));
  for (std::int64_t i = 0; i < dE.numel(); ++i)
    EXPECT_NEAR(dE.at(i), out.at("stress").at(i) / 200e3, 1e-15 * 1e3);
  // jvp in the E direction gives the same, and strain tangents add up linearly.
  const auto [o2, jv] = m.jvp({{"strain", strain}}, {{"E", Tensor::full({}, {}, 1.0)}});
  for (std::int64_t i = 0; i < dE.numel(); ++i)
    EXPECT_NEAR(jv.at("stress").at(i), dE.at(i), 1e-15 * 1e3);
}

TEST_F(PromotedElasticity, StubModelExposesThePromotedParameter)
{
  auto m = load_model(result.stub, "elasticity");
  auto aoti_model = std::dynamic_pointer_cast<AOTIModel>(m);
  ASSERT_TRUE(aoti_model);
  const auto strain = seed_strain();
  const auto s0 = m->value({{"strain", strain}}).at("stress");
  // In place through the binding (the seed's `_inner.named_parameters()["E"].fill_(100e3)`).
  aoti_model->runtime().named_parameters()["E"].set(0, 100e3);
  const auto s1 = m->value({{"strain", strain}}).at("stress");
  EXPECT_NEAR(s1.at(0) / s0.at(0), 0.5, 1e-15);
  // Through the Model interface, bare or qualified name.
  m->set_parameter("E", Tensor::full({}, {}, 50e3));
  const auto s2 = m->value({{"strain", strain}}).at("stress");
  EXPECT_NEAR(s2.at(0) / s0.at(0), 0.25, 1e-15);
  ASSERT_EQ(m->named_parameters().size(), 1u);
  EXPECT_EQ(m->named_parameters()[0].first, "E");
}

TEST_F(PromotedElasticity, StubModelSeesEveryParameterChange)
{
  // AOTIModel's evaluator keeps its parameter map between calls; each call must still see the
  // parameter as it is now, replaced or edited in place, in value, jacobian and jvp alike.
  auto m = load_model(result.stub, "elasticity");
  const auto strain = seed_strain();
  const auto s0 = m->value({{"strain", strain}}).at("stress");
  m->parameter("E") = Tensor::full({}, {}, 100e3); // a new tensor, assigned through the reference
  EXPECT_NEAR(m->value({{"strain", strain}}).at("stress").at(0) / s0.at(0), 0.5, 1e-15);
  m->parameter("E").set(0, 50e3); // that tensor, edited in place
  EXPECT_NEAR(m->jacobian({{"strain", strain}}).first.at("stress").at(0) / s0.at(0), 0.25, 1e-15);
  m->set_parameter("E", Tensor::full({}, {}, 200e3));
  EXPECT_EQ(m->jvp({{"strain", strain}}, {}).first.at("stress").to_vector(), s0.to_vector());
}

TEST_F(PromotedElasticity, StubModelParameterJacobianIsTheCompiledBlock)
{
  // Model::parameter_jacobian on the stub gives the compiled d(stress)/dE, equal to the eager
  // model's; a parameter that is baked (nu) or has no compiled pair says how to recompile.
  auto m = load_model(result.stub, "elasticity");
  auto eager = load_model(seed_input(), "elasticity");
  const auto strain = random_strain({3}, 5);
  const auto [cv, cJ] = m->parameter_jacobian({{"strain", strain}}, {"E"});
  const auto [ev, eJ] = eager->parameter_jacobian({{"strain", strain}}, {"E"});
  EXPECT_TRUE(bitwise_equal(cv.at("stress"), ev.at("stress")));
  ASSERT_EQ(cJ.at("stress").size(), 1u) << "only the parameter block, not d(stress)/d(strain)";
  const auto & c = cJ.at("stress").at("E");
  const auto & e = eJ.at("stress").at("E");
  ASSERT_EQ(c.shape(), e.shape());
  for (std::int64_t i = 0; i < c.numel(); ++i)
    EXPECT_NEAR(c.at(i), e.at(i), 1e-15 * std::abs(e.at(i)) + 1e-20);
  EXPECT_TRUE(throws_with<ValueError>(
      [&] {
        m->parameter_jacobian({{"strain", strain}}, {"nu"});
      },
      "no parameter"))
      << "nu is baked: the stub model does not have it";

  TempDir other;
  const auto no_pair = compile_seed(other.str("aoti"), {"stress:strain"}, {"E"});
  auto n = load_model(no_pair.stub, "elasticity");
  EXPECT_TRUE(throws_with<ValueError>(
      [&] {
        n->parameter_jacobian({{"strain", strain}}, {"E"});
      },
      "it is promoted, but no -d pair names it; recompile with neml2-compile ... "
      "-p E -d OUTPUT:E"));
}

TEST_F(PromotedElasticity, ParameterJacobianWithInputsGivesBothKindsOfBlockInOneCall)
{
  // with_inputs: the blocks of jacobian() and of parameter_jacobian() together, equal to each,
  // for the compiled stub and for the eager model.
  auto m = load_model(result.stub, "elasticity");
  auto eager = load_model(seed_input(), "elasticity");
  const auto strain = random_strain({3}, 7);
  for (auto * model : {m.get(), eager.get()})
  {
    const auto [v, J] = model->parameter_jacobian({{"strain", strain}}, {"E"}, true);
    const auto [v_in, J_in] = model->jacobian({{"strain", strain}});
    const auto [v_p, J_p] = model->parameter_jacobian({{"strain", strain}}, {"E"});
    ASSERT_EQ(J.at("stress").size(), 2u) << model->type();
    EXPECT_TRUE(bitwise_equal(v.at("stress"), v_in.at("stress"))) << model->type();
    EXPECT_TRUE(bitwise_equal(J.at("stress").at("strain"), J_in.at("stress").at("strain"))) << model->type();
    EXPECT_TRUE(bitwise_equal(J.at("stress").at("E"), J_p.at("stress").at("E"))) << model->type();
  }
}

TEST_F(PromotedElasticity, JacobianIntoWritesTheJacobiansBlocksIntoCallerBuffers)
{
  // jacobian_into: the jacobian entry on raw buffers, in the entry's output order, equal bit for
  // bit to jacobian() on tensors (with a per-point parameter too).
  aoti::Model m(result.artifact_dir);
  m.set_parameter("E", Tensor::from_values({3}, {}, std::vector<double>{1e5, 2e5, 3e5}));
  const auto strain = random_strain({3}, 11);
  const auto [values, blocks] = m.jacobian({{"strain", strain}});
  const auto & entry = *m.metadata().entry("jacobian");
  std::vector<Tensor> outs;
  std::vector<void *> ptrs;
  for (const auto & o : entry.outputs)
  {
    outs.push_back(Tensor::zeros({3}, o.base_shape));
    ptrs.push_back(outs.back().raw());
  }
  const void * args[] = {strain.raw()};
  const std::int64_t strides[] = {1};
  m.jacobian_into(3, args, strides, ptrs.data());
  for (std::size_t j = 0; j < entry.outputs.size(); ++j)
  {
    const auto & o = entry.outputs[j];
    const auto & expected = o.kind == "value" ? values.at(o.name) : blocks.at(o.name).at(o.wrt);
    EXPECT_TRUE(bitwise_equal(outs[j], expected)) << o.name << " " << o.wrt;
  }
  EXPECT_TRUE(throws_with<ValueError>([&] { m.jacobian_into(2, args, strides, ptrs.data()); },
                                      "jacobian_into(): promoted parameter 'E' has 3 values"));
}

TEST(JacobianInto, ArtifactWithoutDerivativesSaysHowToRecompile)
{
  TempDir dir;
  const auto r = compile_seed(dir.str("aoti_plain"), {}, {});
  aoti::Model m(r.artifact_dir);
  const double strain[6] = {};
  double stress[6];
  const void * args[] = {strain};
  const std::int64_t strides[] = {1};
  void * outs[] = {stress};
  EXPECT_TRUE(
      throws_with<CompileError>([&] { m.jacobian_into(1, args, strides, outs); }, "jacobian_into() needs derivatives"));
}

TEST(BakedParameterDerivative, DifferentiatesBeforeBaking)
{
  // -d stress:E without -p E: E is baked, but d(stress)/dE is still exact (taken before baking).
  TempDir dir;
  const auto r = compile_seed(dir.str("aoti"), {"stress:E"});
  aoti::Model m(r.artifact_dir);
  EXPECT_TRUE(m.named_parameters().empty());
  ASSERT_EQ(m.derivatives().size(), 1u);
  EXPECT_EQ(m.derivatives()[0].input, "E");
  EXPECT_EQ(m.derivatives()[0].input_kind, "parameter");
  const auto strain = random_strain({2}, 13);
  const auto [out, J] = m.jacobian({{"strain", strain}});
  const auto & dE = J.at("stress").at("E");
  ASSERT_EQ(dE.shape(), (Shape{2, 6}));
  for (std::int64_t i = 0; i < dE.numel(); ++i)
    EXPECT_NEAR(dE.at(i), out.at("stress").at(i) / 200e3, 1e-12);
}

// The isoharden example reaches its yield surface twice: in the rate model and inside Normality's
// flow model. Both names are aliases of one parameter: one graph argument, either name promotes
// it, and editing the promoted value matches the eager model with the same value.
TEST(PromotedAlias, OneParameterReachedAlongTwoPathsIsOneArgument)
{
  const auto input = example("plasticity/viscoplasticity_isoharden.i");
  auto eager = load_model(input, "model");
  EXPECT_EQ(eager->resolve_parameter("sy"), "rate.yield_surface.sy");
  EXPECT_EQ(eager->resolve_parameter("rate.normality.flow.yield_surface.sy"), "rate.yield_surface.sy");
  int sy_arguments = 0;
  const auto graph = eager->forward_graph();
  for (const auto & a : graph.arguments())
    sy_arguments += a.name.ends_with(".sy");
  EXPECT_EQ(sy_arguments, 1);

  TempDir dir;
  const auto r =
      compile_seed(dir.str("aoti"), {}, {"rate.normality.flow.yield_surface.sy"}, Dtype::Float64, input, "model");
  EXPECT_EQ(r.promoted, (std::vector<std::string>{"rate.yield_surface.sy"}));
  // The other name is reported as the same promoted value, and is not listed as baked.
  EXPECT_EQ(r.promoted_aliases, (std::vector<std::pair<std::string, std::string>>{
                                    {"rate.normality.flow.yield_surface.sy", "rate.yield_surface.sy"}}));
  EXPECT_NE(r.summary().find("promoted parameter 'rate.yield_surface.sy' is also reached as "
                             "'rate.normality.flow.yield_surface.sy'"),
            std::string::npos)
      << r.summary();
  aoti::Model m(r.artifact_dir);
  ASSERT_EQ(m.named_parameters().size(), 1u);
  const auto & baked = m.metadata().baked_parameters;
  EXPECT_EQ(std::count(baked.begin(), baked.end(), "rate.normality.flow.yield_surface.sy"), 0);

  ValueMap in;
  for (const auto & v : eager->input_spec())
    in[v.name] = Tensor::zeros({4}, base_shape(v.type));
  in["t"] = Tensor::full({4}, {}, 1.0);
  in["E"] = random_strain({4}, 3);
  for (double sy : {5.0, 50.0})
  {
    m.set_parameter("sy", Tensor::full({}, {}, sy));
    eager->set_parameter("rate.normality.flow.yield_surface.sy", Tensor::full({}, {}, sy));
    const auto a = m.forward(in), b = eager->value(in);
    EXPECT_TRUE(bitwise_equal(a.at("stress"), b.at("stress"))) << "sy = " << sy;
    EXPECT_TRUE(bitwise_equal(a.at("equivalent_plastic_strain"), b.at("equivalent_plastic_strain"))) << "sy = " << sy;
  }
}

// perfect_temperature.i: the yield stress is the output of the model 'ys' (p0 exp(-Q / (R T))).
// `-p ys.p0` promotes the provider's own parameter; the compiled stress and its derivative with
// respect to the temperature (through 'ys') equal the eager model's for every edited p0.
TEST(PromotedProvider, TheProvidersParameterStaysMutableAndItsDerivativeFlows)
{
  const auto input = example("plasticity/perfect_temperature.i");
  auto eager = load_model(input, "model");
  TempDir dir;
  const auto r =
      compile_seed(dir.str("aoti"), {"stress:temperature", "stress:E"}, {"ys.p0"}, Dtype::Float64, input, "model");
  ASSERT_EQ(r.promoted.size(), 1u);
  EXPECT_TRUE(r.promoted[0].ends_with("ys.p0")) << r.promoted[0];
  aoti::Model m(r.artifact_dir);

  // One plastic step from rest: the trial stress (von Mises 3G 0.01 = 1154) exceeds every sy here.
  const std::int64_t n = 4;
  ValueMap in;
  for (const auto & v : eager->input_spec())
    in[v.name] = Tensor::zeros({n}, base_shape(v.type));
  in["t~1"] = Tensor::full({n}, {}, 0.5);
  in["t"] = Tensor::full({n}, {}, 0.6);
  in["temperature"] = Tensor::from_values({n}, {}, std::vector<double>{300, 500, 700, 900});
  std::vector<double> E, Ep;
  for (int b = 0; b < n; ++b)
    for (double c : {0.01, -0.005, -0.005, 0.0, 0.0, 0.0})
    {
      E.push_back(c);
      Ep.push_back(0.0);
    }
  in["E"] = Tensor::from_values({n}, {6}, E);
  in["plastic_strain~1"] = Tensor::from_values({n}, {6}, Ep);
  for (double p0 : {500.0, 800.0})
  {
    SCOPED_TRACE("p0 = " + std::to_string(p0));
    m.set_parameter("p0", Tensor::full({}, {}, p0));
    eager->set_parameter("ys.p0", Tensor::full({}, {}, p0));
    const auto [a, Ja] = m.jacobian(in);
    const auto [b, Jb] = eager->jacobian(in);
    for (std::int64_t i = 0; i < n * 6; ++i)
      EXPECT_NEAR(a.at("stress").at(i), b.at("stress").at(i), 1e-10 * p0);
    for (std::int64_t i = 0; i < n * 6; ++i)
      EXPECT_NEAR(Ja.at("stress").at("temperature").at(i), Jb.at("stress").at("temperature").at(i), 1e-10 * p0);
    // On the yield surface: stress_xx = 2/3 sy(T) with sy = p0 exp(-3000 / (8.314 T)).
    for (std::int64_t p = 0; p < n; ++p)
    {
      const double T = in.at("temperature").at(p), sy = p0 * std::exp(-3000 / (8.314 * T));
      EXPECT_NEAR(a.at("stress").at(p * 6), 2 * sy / 3, 1e-8 * sy);
      EXPECT_NEAR(Ja.at("stress").at("temperature").at(p * 6), 2.0 / 3.0 * sy * 3000 / (8.314 * T * T), 1e-8 * sy / T);
    }
  }
}

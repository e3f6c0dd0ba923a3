// Kernels with implicit solves run W points at a time on SIMD lanes (lane_ops.h, newton_lanes.h,
// codegen_cpu_lanes.cpp). Each lane must do exactly its point's scalar arithmetic (the Newton
// solver itself: test_newton_policies.cpp): results and per-point iteration counts of the plasticity examples at batch
// sizes around the lane width, a failing lane among converging ones, float32 lanes, the
// implicit function theorem's 7x7 solve with 6 right-hand sides, and two chained solves streamed
// in turn (all against the interpreter).

#include <cstring>
#include <random>

#include "neml2/codegen/codegen_cpu.h"
#include "neml2/codegen/compiler.h"
#include "neml2/drivers/transient_driver.h"
#include "neml2/eager/interpreter.h"
#include "neml2/graph/implicit.h"
#include "neml2/graph/newton_lanes.h"
#include "neml2/graph/passes.h"
#include "neml2/runtime/aoti_model.h"
#include "test_compile_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
using V = neml2_lanes::Lanes<double>::V;
constexpr int W = neml2_lanes::LaneTraits<V>::W;

class CompileLanes : public ::testing::Test
{
protected:
  TempDir dir;

  /// The generated CPU source of `model` compiled with `form`.
  std::string source_of(const std::string & input, const std::string & model, codegen::CpuKernelForm form)
  {
    codegen::CompileRequest req;
    req.input_file = input;
    req.model = model;
    req.output_dir = dir.str(std::string("out_") + model + "_" + codegen::cpu_kernel_form_name(form));
    req.cpu_kernels = form;
    req.keep_source = true;
    const auto r = codegen::compile_model(req);
    // Both translation units where the library has its lanes apart.
    const auto cpu = fs::path(r.artifact_dir) / "cpu";
    const auto lanes = cpu / (model + "_lanes.cpp");
    return read_all(cpu / (model + ".cpp")) + (fs::exists(lanes) ? read_all(lanes) : std::string());
  }
};

/// The model's forward graph with one more output per Solve node: its iteration counts (as in
/// test_compile_iterations.cpp).
graph::Graph
graph_with_iteration_counts(const Model & m)
{
  auto g = m.forward_graph();
  graph::Output its;
  its.name = "iterations";
  const auto n = g.nodes().size();
  for (std::size_t i = 0; i < n; ++i)
    if (g.nodes()[i].op == graph::OpKind::Solve)
    {
      const auto id = static_cast<graph::NodeId>(i);
      its.components.push_back(g.part(id, g.num_parts(id) - 1));
    }
  its.base_shape = {static_cast<std::int64_t>(its.components.size())};
  g.add_output(its);
  return g;
}

/// Batch sizes around the lane width W = 8 (AVX-512): 1 and 9 = 8 + 1 and 17 = 16 + 1 end point by
/// point, 7 is one partial tile on lanes, 1003 = 125 tiles + 3 points on lanes.
class LaneBatches : public ::testing::TestWithParam<const char *>
{
};
} // namespace

TEST_F(CompileLanes, OneFailingLaneAmongConvergingOnesIsTheOnlyOneNamed)
{
  // 'strict' allows 2 Newton iterations: b = 0 converges at once, b = 100 does not. Batches of 19
  // (tiles of 8 + 8 + 3 points on lanes at W = 8) and 17 (the last point alone, point by point).
  const auto input = data("implicit/cubic.i");
  auto r = compile_seed(dir.str("out"), {}, {}, Dtype::Float64, input, "strict");
  aoti::Model compiled(r.artifact_dir);
  for (std::int64_t n : {19, 17})
    for (std::int64_t bad : {std::int64_t(5), n - 1})
    {
      std::vector<double> b(static_cast<std::size_t>(n), 0.0);
      b[static_cast<std::size_t>(bad)] = 100.0;
      auto t = Tensor::from_values({n}, {}, b);
      const auto where = "n = " + std::to_string(n) + ", failing point " + std::to_string(bad);
      EXPECT_TRUE(throws_with<SolverError>(
          [&] {
            compiled.forward({{"b", t}});
          },
          "did not converge (float64) at 1 of " + std::to_string(n) + " point(s)"))
          << where;
      EXPECT_TRUE(throws_with<SolverError>(
          [&] {
            compiled.forward({{"b", t}});
          },
          "failed points: " + std::to_string(bad) + "."))
          << where;
    }
}

TEST_F(CompileLanes, Float32LanesMatchEagerBitForBit)
{
  // W = 16 float lanes where double has 8. Small |b|: abs_tol 1e-10 is then reachable in float.
  const auto input = data("implicit/cubic.i");
  auto r = compile_seed(dir.str("out"), {"x:b"}, {}, Dtype::Float32, input, "update");
  aoti::Model compiled(r.artifact_dir);
  auto eager = load_model(input, "update");
  for (std::int64_t n : {1, 15, 16, 17, 40})
  {
    auto b = random_tensor({n}, {}, -1e-4, 1e-4, 7).to(Dtype::Float32);
    EXPECT_TRUE(bitwise_equal(eager->value({{"b", b}}).at("x"), compiled.forward({{"b", b}}).at("x"))) << n;
    EXPECT_TRUE(bitwise_equal(eager->jacobian({{"b", b}}).second.at("x").at("b"),
                              compiled.jacobian({{"b", b}}).second.at("x").at("b")))
        << n;
  }
}

TEST_F(CompileLanes, PlasticTangentThroughTheSolveMatchesEagerBitForBit)
{
  // d(stress)/d(E) of isoharden needs the 7x7 Jacobian of the residual solved for 6 right-hand
  // sides per point (a LinSolve): states of step 60 of the example (20 strain rates), repeated to
  // 23 points so that the batch has full and partial tiles.
  const auto input = example("plasticity/viscoplasticity_isoharden.i");
  auto d = std::dynamic_pointer_cast<TransientDriver>(
      load_driver(input, "driver", {"Drivers/driver/save_as=" + dir.str("out.npz")}));
  ASSERT_NE(d, nullptr);
  d->run();
  auto r = compile_seed(dir.str("out"), {"stress:E"}, {}, Dtype::Float64, input, "model");
  aoti::Model compiled(r.artifact_dir);
  auto eager = load_model(input, "model");
  const std::size_t k = 60;
  const std::int64_t n = 23;
  ValueMap in;
  for (const auto & v : compiled.inputs())
  {
    const bool old = v.name.ends_with("~1");
    const auto & t = d->results()[old ? k - 1 : k].at(old ? v.name.substr(0, v.name.size() - 2) : v.name);
    std::vector<double> vals;
    const auto nc = numel(t.base_shape()), nb = t.numel() / nc; // E is the same for all points
    for (std::int64_t p = 0; p < n; ++p)
      for (std::int64_t c = 0; c < nc; ++c)
        vals.push_back(t.at((p % nb) * nc + c));
    in[v.name] = Tensor::from_values({n}, t.base_shape(), vals);
  }
  const auto [oe, Je] = eager->jacobian(in);
  const auto [oc, Jc] = compiled.jacobian(in);
  EXPECT_TRUE(bitwise_equal(oe.at("stress"), oc.at("stress")));
  EXPECT_TRUE(bitwise_equal(Je.at("stress").at("E"), Jc.at("stress").at("E")));
  EXPECT_NE(Jc.at("stress").at("E").at(0), Jc.at("stress").at("E").at(36))
      << "the points differ (different strain rates), so the lanes do";
}

TEST_P(LaneBatches, ResultsAndIterationCountsMatchEagerPerPoint)
{
  const auto input = example(std::string("plasticity/") + GetParam());
  TempDir dir;
  KernelFn fn = nullptr;                       // compiled once: the graph does not depend on the batch size
  std::unique_ptr<aoti::SharedLibrary> kernel; // as the runtime loads kernels (OpenMP pinned)
  std::string hash;
  for (int batch : {1, 7, 9, 17, 1003})
  {
    auto d = std::dynamic_pointer_cast<TransientDriver>(load_driver(
        input, "driver",
        {"Tensors/end_time/nstep=" + std::to_string(batch), "Drivers/driver/save_as=" + dir.str("out.npz")}));
    ASSERT_NE(d, nullptr);
    d->run();
    auto & model = d->model();
    const auto g = graph_with_iteration_counts(model);
    ASSERT_EQ(g.outputs().back().components.size(), 1u);
    if (!fn)
    {
      const auto lib =
          build_units(codegen::generate_cpu_sources({{"k", &g}}, "k_signature", "sig", "iterations test"), dir.path());
      kernel = std::make_unique<aoti::SharedLibrary>(lib);
      fn = reinterpret_cast<KernelFn>(kernel->symbol("k"));
      ASSERT_TRUE(fn);
      hash = graph::structural_hash(g);
    }
    ASSERT_EQ(graph::structural_hash(g), hash) << "batch " << batch;

    std::int64_t total_iterations = 0;
    for (std::size_t k = 1; k < d->results().size(); k += 9)
    {
      const auto args = step_arguments(g, model, d->results(), k, batch);
      const auto eager_out = run_graph(g, args);
      std::vector<Tensor> comp_out;
      ASSERT_EQ(call_kernel(fn, g, args, batch, comp_out), 0) << "batch " << batch << ", step " << k;
      for (std::size_t o = 0; o < comp_out.size(); ++o)
        ASSERT_TRUE(bitwise_equal(eager_out[o], comp_out[o]))
            << g.outputs()[o].name << " at batch " << batch << ", step " << k;
      for (std::int64_t p = 0; p < batch; ++p)
        total_iterations += static_cast<std::int64_t>(eager_out.back().at(p));
    }
    EXPECT_GT(total_iterations, 0) << "the solves never iterated: the test would not see a difference";
  }
}

INSTANTIATE_TEST_SUITE_P(Plasticity, LaneBatches,
                         ::testing::Values("viscoplasticity_isoharden.i", "viscoplasticity_chaboche.i"),
                         [](const auto & test_param) {
                           std::string n = test_param.param;
                           return n.substr(0, n.find('.'));
                         });

TEST_F(CompileLanes, KernelFormIsChosenByCpuKernels)
{
  // auto: lanes for the implicit update; points: the scalar entry only; lanes: also for an
  // explicit model (elasticity), which auto runs point by point.
  const auto cubic = data("implicit/cubic.i");
  EXPECT_NE(source_of(cubic, "update", codegen::CpuKernelForm::Auto).find("_update_forward_lanes("), std::string::npos);
  EXPECT_EQ(source_of(cubic, "update", codegen::CpuKernelForm::Points).find("_lanes("), std::string::npos);
  EXPECT_EQ(source_of(seed_input(), "elasticity", codegen::CpuKernelForm::Auto).find("_lanes("), std::string::npos);
  EXPECT_NE(source_of(seed_input(), "elasticity", codegen::CpuKernelForm::Lanes).find("_elasticity_forward_lanes("),
            std::string::npos);
  EXPECT_TRUE(throws_with<CompileError>([] { codegen::parse_cpu_kernel_form("simd"); },
                                        "unknown CPU kernel form 'simd'; the forms are: auto, points, lanes"));
}

TEST_F(CompileLanes, LanesAreATranslationUnitOfTheirOwn)
{
  // On lanes the library is built from two units compiled in parallel: the points' (whose
  // `_point` the lanes call for small chunks, not exported) and the lanes'; point by point, one.
  for (auto form : {codegen::CpuKernelForm::Auto, codegen::CpuKernelForm::Points})
  {
    codegen::CompileRequest req;
    req.input_file = data("implicit/cubic.i");
    req.model = "update";
    req.output_dir = dir.str(std::string("units_") + codegen::cpu_kernel_form_name(form));
    req.cpu_kernels = form;
    req.keep_source = true;
    const auto cpu = fs::path(codegen::compile_model(req).artifact_dir) / "cpu";
    const bool lanes = form == codegen::CpuKernelForm::Auto;
    EXPECT_TRUE(fs::exists(cpu / "update.cpp"));
    EXPECT_EQ(fs::exists(cpu / "update_lanes.cpp"), lanes);
    if (lanes)
    {
      EXPECT_NE(read_all(cpu / "update_lanes.cpp").find("_point(p, args"), std::string::npos);
    }
    for (const auto & e : fs::directory_iterator(cpu))
      EXPECT_NE(e.path().extension(), ".o") << "objects are removed once linked";
    const aoti::SharedLibrary library((cpu / "update.so").string());
    EXPECT_NE(library.symbol("neml2_update_forward"), nullptr);
    EXPECT_NE(library.symbol("neml2_update_forward_status"), nullptr);
    // The units' shared function is not exported.
    EXPECT_TRUE(throws_with<CompileError>([&] { library.symbol("neml2_update_forward_point"); },
                                          "does not export 'neml2_update_forward_point'"));
  }
}

TEST_F(CompileLanes, EntriesSolvingTheSameSystemShareItsFunctions)
{
  // The jvp and jacobian entries of one library solve the same system: each unit prints its
  // residual-and-Jacobian and Newton functions once, and both entries call them.
  codegen::CompileRequest req;
  req.input_file = data("implicit/cubic.i");
  req.model = "update";
  req.output_dir = dir.str("shared_systems");
  req.derivatives = {":"};
  req.keep_source = true;
  const auto cpu = fs::path(codegen::compile_model(req).artifact_dir) / "cpu";
  auto count = [](const std::string & text, const std::string & what) {
    std::size_t n = 0;
    for (std::size_t at = 0; (at = text.find(what, at)) != std::string::npos; at += what.size())
      ++n;
    return n;
  };
  const auto points = read_all(cpu / "update_jvp.cpp"), lanes = read_all(cpu / "update_jvp_lanes.cpp");
  EXPECT_EQ(count(points, "_eval(const double * x"), 1u);
  EXPECT_EQ(count(points, "_residual(const double * x"), 1u);
  EXPECT_EQ(count(points, "_solve(double * x"), 1u);
  EXPECT_EQ(count(lanes, "_eval_lanes(const V * x"), 1u);
  EXPECT_EQ(count(lanes, "_residual_lanes(const V * x"), 1u);
  for (const auto * entry : {"extern \"C\" int neml2_update_jvp(", "extern \"C\" int neml2_update_jacobian("})
    EXPECT_EQ(count(lanes, entry), 1u) << entry;
  // Called from both entries' point functions and both entries' lane streams.
  EXPECT_EQ(count(points, "_solve(s"), 2u);
  EXPECT_EQ(count(lanes, "_eval_lanes(x, g, r, J); },"), 2u);
  EXPECT_EQ(count(lanes, "_residual_lanes(x, g, r); });"), 2u);
}

TEST_F(CompileLanes, StrongWolfeRunsOnLanes)
{
  // newton_ops.h has the strong Wolfe search in lane form too: lanes are asked for and given.
  const auto input = dir.str("wolfe.i");
  std::ofstream(input)
      << "[Models]\n  [r]\n    type = ScalarLinearCombination\n    from_var = 'x b'\n"
         "    to_var = 'x_residual'\n    coefficients = '1 -1'\n  []\n"
         "  [update]\n    type = ImplicitUpdate\n    equation_system = 'eq'\n    solver = 'ls'\n  []\n[]\n"
         "[EquationSystems]\n  [eq]\n    type = NonlinearSystem\n    model = 'r'\n    unknowns = 'x'\n"
         "  []\n[]\n[Solvers]\n  [ls]\n    type = NewtonWithLineSearch\n"
         "    linesearch_type = STRONG_WOLFE\n  []\n[]\n";
  for (auto form : {codegen::CpuKernelForm::Lanes, codegen::CpuKernelForm::Auto})
    EXPECT_NE(source_of(input, "update", form).find("_update_forward_lanes("), std::string::npos)
        << codegen::cpu_kernel_form_name(form);
}

TEST_F(CompileLanes, ChainedSolvesStreamedInTurnMatchEagerBitForBit)
{
  // Two implicit updates in one kernel, the second's given the first's solution: 2 x^3 + x = b,
  // then y^3 + y = x. Each is streamed through the lanes in its own pass over the chunk, the
  // second reading the first's solutions back from the scratch. |b| up to 50 makes the points'
  // iteration counts differ, so the streams refill lanes at different times; 600 points are
  // three chunks, the last one partial. (The second system has a given named x, which collided with
  // the flat system's unknowns, once named x too.)
  const auto input = dir.str("chain.i");
  std::ofstream(input)
      << "[Models]\n"
         "  [cube_x]\n    type = ScalarMultiplication\n    from_var = 'x x x'\n    to_var = 'x3'\n"
         "    coefficient = 2\n  []\n"
         "  [residual_x]\n    type = ScalarLinearCombination\n    from_var = 'x3 x b'\n    to_var = 'x_residual'\n"
         "    coefficients = '1 1 -1'\n  []\n"
         "  [rate_x]\n    type = ComposedModel\n    models = 'cube_x residual_x'\n  []\n"
         "  [cube_y]\n    type = ScalarMultiplication\n    from_var = 'y y y'\n    to_var = 'y3'\n  []\n"
         "  [residual_y]\n    type = ScalarLinearCombination\n    from_var = 'y3 y x'\n    to_var = 'y_residual'\n"
         "    coefficients = '1 1 -1'\n  []\n"
         "  [rate_y]\n    type = ComposedModel\n    models = 'cube_y residual_y'\n  []\n"
         "  [update_x]\n    type = ImplicitUpdate\n    equation_system = 'eq_x'\n    solver = 'newton'\n  []\n"
         "  [update_y]\n    type = ImplicitUpdate\n    equation_system = 'eq_y'\n    solver = 'newton'\n  []\n"
         "  [chain]\n    type = ComposedModel\n    models = 'update_x update_y'\n    additional_outputs = 'x'\n  []\n"
         "[]\n"
         "[EquationSystems]\n"
         "  [eq_x]\n    type = NonlinearSystem\n    model = 'rate_x'\n    unknowns = 'x'\n  []\n"
         "  [eq_y]\n    type = NonlinearSystem\n    model = 'rate_y'\n    unknowns = 'y'\n  []\n"
         "[]\n"
         "[Solvers]\n  [newton]\n    type = Newton\n  []\n[]\n";
  auto r = compile_seed(dir.str("out"), {"y:b"}, {}, Dtype::Float64, input, "chain");
  aoti::Model compiled(r.artifact_dir);
  auto eager = load_model(input, "chain");
  for (std::int64_t n : {5, 600})
  {
    const auto b = random_tensor({n}, {}, -50.0, 50.0, 11);
    const auto want = eager->value({{"b", b}});
    const auto got = compiled.forward({{"b", b}});
    EXPECT_TRUE(bitwise_equal(want.at("x"), got.at("x"))) << n;
    EXPECT_TRUE(bitwise_equal(want.at("y"), got.at("y"))) << n;
    EXPECT_NE(got.at("y").at(0), got.at("y").at(1)) << "the points differ";
    EXPECT_TRUE(bitwise_equal(eager->jacobian({{"b", b}}).second.at("y").at("b"),
                              compiled.jacobian({{"b", b}}).second.at("y").at("b")))
        << n;
  }
  EXPECT_NE(source_of(input, "chain", codegen::CpuKernelForm::Auto).find("nt_stream"), std::string::npos)
      << "the solves are streamed";
}

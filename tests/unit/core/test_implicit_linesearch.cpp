// Backtracking line search: a residual whose full Newton steps diverge converges with it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "neml2/base/factory.h"
#include "neml2/codegen/compile_model.h"
#include "neml2/graph/implicit.h"
#include "neml2/graph/passes.h"
#include "neml2/graph/sym.h"
#include "neml2/hit/hit.h"
#include "neml2/models/model.h"
#include "neml2/runtime/aoti_model.h"
#include "test_compile_util.h"

using namespace neml2;

namespace
{
/// r = tanh(x - b): from x = 0 with b = 1.5, full Newton steps overshoot and diverge.
class TanhShiftResidual : public Model
{
public:
  TanhShiftResidual(const Options & o, Factory &)
    : Model(o)
  {
    declare_input("x", TypeKind::Scalar);
    declare_input("b", TypeKind::Scalar);
    declare_output("x_residual", TypeKind::Scalar);
  }
  static OptionSchema expected_options() { return Model::expected_options(); }
  void define(Staging & s) const override
  {
    auto x = s.input<sym::Scalar>("x").sym(), b = s.input<sym::Scalar>("b").sym();
    s.output("x_residual", sym::Scalar(sym::tanh(x - b)));
  }
};
NEML2_REGISTER(Model, TanhShiftResidual);

std::string
input_text(const std::string & solver)
{
  return R"([Models]
  [r]
    type = TanhShiftResidual
  []
  [update]
    type = ImplicitUpdate
    equation_system = 'eq'
    solver = ')" +
         solver + R"('
  []
[]
[EquationSystems]
  [eq]
    type = NonlinearSystem
    model = 'r'
    unknowns = 'x'
  []
[]
[Solvers]
  [plain]
    type = Newton
  []
  [ls]
    type = NewtonWithLineSearch
    max_linesearch_iterations = 20
  []
  [wolfe]
    type = NewtonWithLineSearch
    linesearch_type = STRONG_WOLFE
    max_linesearch_iterations = 30
  []
  [ls_cut3]
    type = NewtonWithLineSearch
    max_linesearch_iterations = 20
    linesearch_cutback = 3
  []
  [bad_wolfe]
    type = NewtonWithLineSearch
    linesearch_type = STRONG_WOLFE
    linesearch_stopping_criteria = 0.5
    linesearch_curvature = 0.1
  []
[]
)";
}

std::shared_ptr<Model>
load(const std::string & solver)
{
  auto factory =
      std::make_shared<Factory>(std::shared_ptr<const hit::Section>(hit::parse_string(input_text(solver), "ls.i")));
  return factory->get_model("update");
}
} // namespace

TEST(ImplicitLineSearch, FullStepsDiverge)
{
  auto m = load("plain");
  EXPECT_THROW(m->value({{"b", Tensor::full({2}, {}, 1.5)}}), SolverError);
}

TEST(ImplicitLineSearch, BacktrackingConverges)
{
  auto m = load("ls");
  auto b = Tensor::from_values({3}, {}, std::vector<double>{1.5, -2.0, 0.25});
  auto x = m->value({{"b", b}}).at("x");
  for (std::int64_t i = 0; i < 3; ++i)
    EXPECT_NEAR(x.at(i), b.at(i), 1e-9);
}

TEST(ImplicitLineSearch, StrongWolfeConverges)
{
  auto m = load("wolfe");
  auto b = Tensor::from_values({3}, {}, std::vector<double>{1.5, -2.0, 0.25});
  auto x = m->value({{"b", b}}).at("x");
  for (std::int64_t i = 0; i < 3; ++i)
    EXPECT_NEAR(x.at(i), b.at(i), 1e-9);
}

TEST(ImplicitLineSearch, EveryNewtonSettingReachesTheGraphHash)
{
  // Two solvers that differ only in the line-search cutback give different graph hashes, so a
  // compiled artifact never stands in for the other.
  const auto a = graph::structural_hash(load("ls")->forward_graph());
  const auto b = graph::structural_hash(load("ls_cut3")->forward_graph());
  EXPECT_NE(a, b);
  const auto g = load("ls_cut3")->forward_graph();
  ASSERT_EQ(g.systems().size(), 1u);
  const auto & s = g.systems()[0]->settings;
  EXPECT_EQ(s.line_search_cutback, 3.0);
  EXPECT_EQ(s.max_line_search_its, 20);
  EXPECT_EQ(s.line_search, graph::LineSearchKind::Backtracking);
  EXPECT_EQ(std::string(graph::line_search_name(s.line_search)), "backtracking");
  // Defaults are NEML2's Newton defaults.
  const graph::NewtonSettings d;
  EXPECT_EQ(d.abs_tol, 1e-10);
  EXPECT_EQ(d.rel_tol, 1e-8);
  EXPECT_EQ(d.max_its, 25);
  EXPECT_EQ(d.line_search, graph::LineSearchKind::None);
}

TEST(ImplicitLineSearch, InconsistentWolfeConstantsAreRefused)
{
  try
  {
    load("bad_wolfe");
    FAIL();
  }
  catch (const InputError & e)
  {
    EXPECT_NE(std::string(e.what()).find("0 < linesearch_stopping_criteria (0.5) < linesearch_curvature (0.1) < 1"),
              std::string::npos)
        << e.what();
  }
}

TEST(ImplicitLineSearch, CompiledLineSearchesMatchEagerBitForBit)
{
  for (const char * solver : {"ls", "wolfe"})
    for (auto form : {codegen::CpuKernelForm::Points, codegen::CpuKernelForm::Lanes})
    {
      test::TempDir dir;
      const auto file = dir.str("ls.i");
      std::ofstream(file) << input_text(solver);
      codegen::CompileRequest req;
      req.input_file = file;
      req.model = "update";
      req.output_dir = dir.str("aoti");
      req.derivatives = {"x:b"};
      req.cpu_kernels = form;
      aoti::Model compiled(codegen::compile_model(req).artifact_dir);
      // The metadata lists every Newton setting by its NEML2 option name.
      ASSERT_EQ(compiled.metadata().solvers.size(), 1u);
      const auto & settings = compiled.metadata().solvers[0].settings;
      const auto has = [&](const std::string & k, const std::string & v) {
        return std::find(settings.begin(), settings.end(), std::pair<std::string, std::string>(k, v)) != settings.end();
      };
      EXPECT_EQ(settings.size(), 10u);
      EXPECT_TRUE(has("max_substepping_level", "0"));
      EXPECT_TRUE(has("abs_tol", "1e-10"));
      EXPECT_TRUE(has("final_update", "true"));
      EXPECT_TRUE(has("linesearch_type", std::string(solver) == "wolfe" ? "strong_wolfe" : "backtracking"));
      EXPECT_TRUE(has("max_linesearch_iterations", std::string(solver) == "wolfe" ? "30" : "20"));
      auto eager = load(solver);
      auto b = test::random_tensor({50}, {}, -3.0, 3.0, 5);
      EXPECT_TRUE(test::bitwise_equal(eager->value({{"b", b}}).at("x"), compiled.forward({{"b", b}}).at("x")))
          << solver << " " << codegen::cpu_kernel_form_name(form);
      EXPECT_TRUE(test::bitwise_equal(eager->jacobian({{"b", b}}).second.at("x").at("b"),
                                      compiled.jacobian({{"b", b}}).second.at("x").at("b")))
          << solver << " " << codegen::cpu_kernel_form_name(form);
    }
}

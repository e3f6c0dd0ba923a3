// Backtracking line search: a residual whose full Newton steps diverge converges with it.
#include <gtest/gtest.h>

#include <cmath>

#include "neml2/base/factory.h"
#include "neml2/graph/sym.h"
#include "neml2/hit/hit.h"
#include "neml2/models/model.h"

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

std::shared_ptr<Model>
load(const std::string & solver)
{
  std::string text = R"([Models]
  [r]
    type = TanhShiftResidual
  []
  [update]
    type = ImplicitUpdate
    equation_system = 'eq'
    solver = ')" + solver + R"('
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
  []
[]
)";
  auto factory = std::make_shared<Factory>(std::shared_ptr<const hit::Section>(hit::parse_string(text, "ls.i")));
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

TEST(ImplicitLineSearch, StrongWolfeIsRefusedClearly)
{
  try
  {
    load("wolfe");
    FAIL();
  }
  catch (const InputError & e)
  {
    EXPECT_NE(std::string(e.what()).find("STRONG_WOLFE is not supported yet"), std::string::npos) << e.what();
  }
}

// Predictors of implicit updates and the driver's X~2 history: the [Predictors] objects and NEML2
// v3's predictor models in [Models], eager and compiled.
#include <gtest/gtest.h>

#include "neml2/base/error.h"
#include "neml2/codegen/compile_model.h"
#include "neml2/drivers/transient_driver.h"
#include "test_compile_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
/// examples/plasticity/viscoplasticity_isoharden.i with `predictor = 'NAME'` in its ImplicitUpdate
/// and `blocks` appended, written to `dir`.
std::string
isoharden_with_predictor(const TempDir & dir, const std::string & name, const std::string & blocks)
{
  std::ifstream in(example("plasticity/viscoplasticity_isoharden.i"));
  std::stringstream text;
  text << in.rdbuf();
  auto src = text.str();
  const std::string solver_line = "    solver = 'newton'\n";
  const auto at = src.rfind(solver_line); // the ImplicitUpdate block comes last
  EXPECT_NE(at, std::string::npos);
  src.insert(at + solver_line.size(), "    predictor = '" + name + "'\n");
  const auto file = dir.str(name + ".i");
  std::ofstream(file) << src << "\n" << blocks;
  return file;
}

const std::string predictors_block = "[Predictors]\n  [linear]\n    type = LinearExtrapolationPredictor\n  []\n[]\n";
const std::string model_blocks =
    "[Models]\n"
    "  [constant_model]\n    type = ConstantExtrapolationPredictor\n"
    "    unknowns_SR2 = 'stress'\n    unknowns_Scalar = 'equivalent_plastic_strain'\n  []\n"
    "  [linear_model]\n    type = LinearExtrapolationPredictor\n"
    "    unknowns_SR2 = 'stress'\n    unknowns_Scalar = 'equivalent_plastic_strain'\n  []\n"
    "[]\n";

std::shared_ptr<TransientDriver>
isoharden(const TempDir & dir, const std::string & file = "")
{
  const auto input = file.empty() ? example("plasticity/viscoplasticity_isoharden.i") : file;
  auto d = std::dynamic_pointer_cast<TransientDriver>(
      load_driver(input, "driver", {"Drivers/driver/save_as=" + dir.str("out.npz")}));
  EXPECT_NE(d, nullptr);
  return d;
}

/// Every recorded variable of two runs at every step, bit for bit.
void
expect_same_history(TransientDriver & a, TransientDriver & b)
{
  ASSERT_EQ(a.results().size(), b.results().size());
  for (std::size_t k = 0; k < a.results().size(); ++k)
    for (const auto & name : a.recorded())
      ASSERT_TRUE(bitwise_equal(a.results()[k].at(name), b.results()[k].at(name))) << name << " at step " << k;
}
} // namespace

TEST(Predictors, LinearExtrapolationReadsTwoStepsOfHistory)
{
  TempDir dir;
  for (const char * name : {"linear", "linear_model"})
  {
    auto d = isoharden(dir, isoharden_with_predictor(dir, name, predictors_block + model_blocks));
    const auto & m = d->model();
    for (const char * input : {"stress~1", "stress~2", "equivalent_plastic_strain~2", "t", "t~1", "t~2"})
      EXPECT_NE(m.find_input(input), nullptr) << name << ": " << input;
  }
}

TEST(Predictors, LinearAndConstantExtrapolationConvergeToTheSameHistory)
{
  TempDir dir;
  auto a = isoharden(dir);
  auto b = isoharden(dir, isoharden_with_predictor(dir, "linear", predictors_block));
  a->run();
  b->run();
  for (std::size_t k = 0; k < a->results().size(); ++k)
  {
    const auto & sa = a->results()[k].at("stress");
    const auto & sb = b->results()[k].at("stress");
    for (std::int64_t i = 0; i < sa.numel(); ++i)
      EXPECT_NEAR(sa.at(i), sb.at(i), 1e-6 * (1 + std::abs(sa.at(i)))) << "step " << k;
  }
}

// NEML2 v3 declares predictors in [Models]. The constant one seeds every unknown with u~1, which
// is also what an update without a predictor does; the linear one computes what the [Predictors]
// form computes. Same guesses, so the same iterations and results, bit for bit.
TEST(Predictors, PredictorModelsGuessWhatTheOtherFormsGuess)
{
  TempDir dir;
  auto none = isoharden(dir);
  auto constant = isoharden(dir, isoharden_with_predictor(dir, "constant_model", model_blocks));
  auto linear = isoharden(dir, isoharden_with_predictor(dir, "linear", predictors_block));
  auto linear_model = isoharden(dir, isoharden_with_predictor(dir, "linear_model", model_blocks));
  for (auto * d : {none.get(), constant.get(), linear.get(), linear_model.get()})
    d->run();
  expect_same_history(*none, *constant);
  expect_same_history(*linear, *linear_model);
  // (and the linear guess does change the iterates, so the comparison above is not vacuous)
  bool differs = false;
  for (std::size_t k = 0; k < none->results().size(); ++k)
    differs = differs || !bitwise_equal(none->results()[k].at("stress"), linear_model->results()[k].at("stress"));
  EXPECT_TRUE(differs);
}

TEST(Predictors, CompiledPredictorsMatchEagerBitForBit)
{
  TempDir dir;
  for (const char * name : {"linear", "linear_model"})
  {
    const auto file = isoharden_with_predictor(dir, name, predictors_block + model_blocks);
    codegen::CompileRequest req;
    req.input_file = file;
    req.driver = "driver";
    req.output_dir = dir.str(std::string("aoti_") + name);
    const auto compiled = codegen::compile_model(req);
    auto e = isoharden(dir, file);
    auto c = isoharden(dir, compiled.stub);
    e->run();
    c->run();
    expect_same_history(*e, *c);
    EXPECT_NE(e->model().find_input("stress~2"), nullptr);
  }
}

// `cold = 'u:v'`: on a step without history (t~1 = t~2) the unknown starts from v, else from its
// history, for both predictor models.
TEST(Predictors, ColdValuesSeedStepsWithoutHistory)
{
  const std::string input = "[Models]\n"
                            "  [constant]\n    type = ConstantExtrapolationPredictor\n"
                            "    unknowns_Scalar = 'x'\n    cold = 'x:x0'\n  []\n"
                            "  [linear]\n    type = LinearExtrapolationPredictor\n"
                            "    unknowns_Scalar = 'x'\n    cold = 'x:x0'\n  []\n"
                            "[]\n";
  TempDir dir;
  const auto file = dir.str("cold.i");
  std::ofstream(file) << input;
  auto scalar = [](std::vector<double> v) { return Tensor::from_values({static_cast<std::int64_t>(v.size())}, {}, v); };
  // point 0: no history (t~1 = t~2); point 1: steps at t = 1, 2, 3 with x~2 = 1, x~1 = 2.
  const ValueMap in = {{"t", scalar({3, 3})},   {"t~1", scalar({0, 2})}, {"t~2", scalar({0, 1})},
                       {"x~1", scalar({2, 2})}, {"x~2", scalar({1, 1})}, {"x0", scalar({7, 7})}};
  auto constant = load_model(file, "constant");
  auto linear = load_model(file, "linear");
  ValueMap in_constant = in;
  in_constant.erase("x~2");
  const auto c = constant->value(in_constant).at("x");
  EXPECT_EQ(c.at(0), 7); // cold
  EXPECT_EQ(c.at(1), 2); // x~1
  const auto l = linear->value(in).at("x");
  EXPECT_EQ(l.at(0), 7); // cold
  EXPECT_EQ(l.at(1), 3); // 2 + (2 - 1) (3 - 2) / (2 - 1)
}

TEST(Predictors, PredictorModelErrorsNameTheProblem)
{
  TempDir dir;
  const auto bad = [&](const std::string & predictor_block, const std::string & what) {
    const auto file = isoharden_with_predictor(dir, "p", "[Models]\n  [p]\n" + predictor_block + "  []\n[]\n");
    return throws_with<InputError>([&] { isoharden(dir, file); }, what);
  };
  EXPECT_TRUE(bad("    type = ConstantExtrapolationPredictor\n    unknowns_Scalar = 'plastic_strain'\n",
                  "predictor 'p' outputs none of the unknowns of 'eq'"));
  EXPECT_TRUE(bad("    type = ConstantExtrapolationPredictor\n    unknowns_Scalar = 'stress'\n",
                  "predictor 'p' outputs 'stress' as a Scalar, but the unknown is an SR2"));
  EXPECT_TRUE(bad("    type = ConstantExtrapolationPredictor\n    unknowns_SR2 = 'stress'\n    cold = 'stress'\n",
                  "'stress' is not an 'unknown:variable' pair"));
  EXPECT_TRUE(bad("    type = ConstantExtrapolationPredictor\n    unknowns_SR2 = 'stress'\n    cold = 'ep:x'\n",
                  "'ep' is not one of the unknowns (stress)"));
  EXPECT_TRUE(bad("    type = ConstantExtrapolationPredictor\n",
                  "list the unknowns to extrapolate with unknowns_Scalar, unknowns_SR2"));
}

// Predictors of implicit updates and the driver's X~2 history.
#include <gtest/gtest.h>

#include "neml2/codegen/compile_model.h"
#include "neml2/drivers/transient_driver.h"
#include "test_compile_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
std::shared_ptr<TransientDriver>
isoharden(const TempDir & dir, std::vector<std::string> extra, const std::string & file = "")
{
  extra.push_back("Drivers/driver/save_as=" + dir.str("out.npz"));
  const auto input = file.empty() ? example("plasticity/viscoplasticity_isoharden.i") : file;
  auto d = std::dynamic_pointer_cast<TransientDriver>(load_driver(input, "driver", extra));
  EXPECT_NE(d, nullptr);
  return d;
}

const std::vector<std::string> linear = {"Predictors/linear/type=LinearExtrapolationPredictor",
                                         "Models/model/predictor=linear"};
} // namespace

TEST(Predictors, LinearExtrapolationReadsTwoStepsOfHistory)
{
  TempDir dir;
  auto d = isoharden(dir, linear);
  const auto & m = d->model();
  for (const char * name : {"stress~1", "stress~2", "equivalent_plastic_strain~2", "t", "t~1", "t~2"})
    EXPECT_NE(m.find_input(name), nullptr) << name;
}

TEST(Predictors, LinearAndConstantExtrapolationConvergeToTheSameHistory)
{
  TempDir dir;
  auto a = isoharden(dir, {});
  auto b = isoharden(dir, linear);
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

TEST(Predictors, CompiledLinearPredictorMatchesEagerBitForBit)
{
  TempDir dir;
  // Write the input with the predictor blocks (the compiler reads a file, not overrides).
  std::ifstream in(example("plasticity/viscoplasticity_isoharden.i"));
  std::stringstream text;
  text << in.rdbuf();
  auto src = text.str();
  const std::string solver_line = "    solver = 'newton'\n";
  const auto at = src.rfind(solver_line); // the ImplicitUpdate block comes last
  ASSERT_NE(at, std::string::npos);
  src.insert(at + solver_line.size(), "    predictor = 'linear'\n");
  const auto file = dir.str("linear.i");
  std::ofstream(file) << src << "\n[Predictors]\n  [linear]\n    type = LinearExtrapolationPredictor\n  []\n[]\n";
  codegen::CompileRequest req;
  req.input_file = file;
  req.driver = "driver";
  req.output_dir = dir.str("aoti");
  const auto compiled = codegen::compile_model(req);
  auto e = isoharden(dir, {}, file);
  auto c = isoharden(dir, {}, compiled.stub);
  e->run();
  c->run();
  for (std::size_t k = 0; k < e->results().size(); ++k)
    for (const auto & name : e->recorded())
      ASSERT_TRUE(bitwise_equal(e->results()[k].at(name), c->results()[k].at(name))) << name << " at step " << k;
  EXPECT_NE(e->model().find_input("stress~2"), nullptr);
}

// The examples compiled with --driver give the eager driver's whole history bit for bit (so the
// per-point Newton iterations of the implicit ones agree at every point and step).
#include <cstdlib>

#include "catalog_cases.h"
#include "neml2/drivers/transient_driver.h"
#include "test_compile_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
class CompiledExamples : public ::testing::TestWithParam<const char *>
{
protected:
  TempDir dir;
};
} // namespace

TEST_P(CompiledExamples, DriverHistoryEqualsEagerBitForBit)
{
  const auto input = example(GetParam());
  const std::vector<std::string> save = {"Drivers/driver/save_as=" + dir.str("out.npz")};
  codegen::CompileRequest req;
  req.input_file = input;
  req.driver = "driver";
  req.output_dir = dir.str("aoti");
  const auto compiled = codegen::compile_model(req);

  auto e = std::dynamic_pointer_cast<TransientDriver>(load_driver(input, "driver", save));
  auto c = std::dynamic_pointer_cast<TransientDriver>(load_driver(compiled.stub, "driver", save));
  ASSERT_TRUE(e && c);
  EXPECT_EQ(c->model().type(), "AOTIModel");
  e->run();
  c->run();
  ASSERT_EQ(e->results().size(), c->results().size());
  std::size_t compared = 0;
  for (std::size_t k = 0; k < e->results().size(); ++k)
    for (const auto & name : e->recorded())
    {
      const auto & a = e->results()[k].at(name);
      const auto & b = c->results()[k].at(name);
      ASSERT_TRUE(bitwise_equal(a, b)) << name << " at step " << k;
      ++compared;
    }
  EXPECT_GT(compared, 100u);
}

INSTANTIATE_TEST_SUITE_P(Examples, CompiledExamples, ::testing::ValuesIn(driver_examples),
                         [](const auto & p) { return example_label(p.param); });

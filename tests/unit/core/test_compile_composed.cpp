// Compiling a composition: inlined sub-models, qualified promoted parameters, every derivative pair.
#include "neml2/runtime/aoti_model.h"
#include "test_compile_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
const char * composed_input = R"([Models]
  [elasticity]
    type = LinearIsotropicElasticity
    coefficients = '200e3 0.3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
  []
  [vm]
    type = SR2Invariant
    invariant_type = VONMISES
    tensor = 'stress'
    invariant = 's_vm'
  []
  [model]
    type = ComposedModel
    models = 'elasticity vm'
    additional_outputs = 'stress'
  []
[]
)";

class CompiledComposition : public ::testing::Test
{
protected:
  static inline std::unique_ptr<TempDir> dir;
  static inline codegen::CompileResult result;
  static inline std::string input;
  static void SetUpTestSuite()
  {
    dir = std::make_unique<TempDir>();
    input = dir->str("composed.i");
    std::ofstream(input) << composed_input;
    result = compile_seed(dir->str("aoti"), {":"}, {"E"}, Dtype::Float64, input, "model");
  }
  static void TearDownTestSuite() { dir.reset(); }
};
} // namespace

TEST_F(CompiledComposition, ValuesAndJacobiansMatchEagerBitForBit)
{
  aoti::Model m(result.artifact_dir);
  EXPECT_EQ(m.input_names(), std::vector<std::string>{"strain"});
  EXPECT_EQ(m.output_names(), (std::vector<std::string>{"stress", "s_vm"}));
  ASSERT_EQ(m.named_parameters().size(), 1u);
  EXPECT_TRUE(m.named_parameters().count("elasticity.E"));
  EXPECT_EQ(m.derivatives().size(), 2u);
  auto eager = load_model(input, "model");
  auto strain = random_strain({3, 7}, 21);
  strain.set(0, 0); // a zero strain at point 0 (the von Mises norm's kink)
  for (int i = 0; i < 6; ++i)
    strain.set(i, 0.0);
  const auto c = m.forward({{"strain", strain}});
  const auto e = eager->value({{"strain", strain}});
  EXPECT_TRUE(bitwise_equal(c.at("stress"), e.at("stress")));
  EXPECT_TRUE(bitwise_equal(c.at("s_vm"), e.at("s_vm")));
  const auto [cout_, cJ] = m.jacobian({{"strain", strain}});
  const auto [eout_, eJ] = eager->jacobian({{"strain", strain}});
  EXPECT_TRUE(bitwise_equal(cJ.at("stress").at("strain"), eJ.at("stress").at("strain")));
  EXPECT_TRUE(bitwise_equal(cJ.at("s_vm").at("strain"), eJ.at("s_vm").at("strain")));
  EXPECT_EQ(cJ.at("s_vm").at("strain").shape(), (Shape{3, 7, 6}));
}

TEST_F(CompiledComposition, QualifiedAndBareParameterNames)
{
  aoti::Model m(result.artifact_dir);
  auto eager = load_model(input, "model");
  m.set_parameter("E", Tensor::full({}, {}, 70e3));
  eager->set_parameter("elasticity.E", Tensor::full({}, {}, 70e3));
  const auto strain = random_strain({5}, 22);
  EXPECT_TRUE(bitwise_equal(m.forward({{"strain", strain}}).at("s_vm"), eager->value({{"strain", strain}}).at("s_vm")));
}

// Input-file errors reported by the factory and option validation: type and message checked.
#include <gtest/gtest.h>

#include "neml2/base/factory.h"
#include "neml2/hit/hit.h"
#include "neml2/models/model.h"

using namespace neml2;

namespace
{
/// Builds model `name` from input text named "input.i" and returns the InputError message.
std::string
model_error(const std::string & text, const std::string & name = "m")
{
  try
  {
    std::shared_ptr<const hit::Section> root = hit::parse_string(text, "input.i");
    Factory f(root);
    f.get_model(name);
  }
  catch (const InputError & e)
  {
    return e.what();
  }
  catch (const std::exception & e)
  {
    return std::string("wrong exception type: ") + e.what();
  }
  return "no error";
}

const char * elasticity_block = R"(
[Models]
  [m]
    type = LinearIsotropicElasticity
    coefficients = '200e3 0.3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
  []
[]
)";
} // namespace

#define EXPECT_ERROR_CONTAINS(msg, sub) EXPECT_NE((msg).find(sub), std::string::npos) << "message: " << (msg)

TEST(FactoryErrors, ValidInputBuilds)
{
  EXPECT_EQ(model_error(elasticity_block), "no error");
}

TEST(FactoryErrors, UnknownModelNameSuggestsNearest)
{
  auto msg = model_error(elasticity_block, "n");
  EXPECT_ERROR_CONTAINS(msg, "no [Models/n]");
  EXPECT_ERROR_CONTAINS(msg, "declared: m");
}

TEST(FactoryErrors, UnknownTypeIsLocatedAndSuggested)
{
  auto msg = model_error("[Models]\n  [m]\n    type = LinearIsotropicElastcity\n  []\n[]\n");
  EXPECT_ERROR_CONTAINS(msg, "input.i:3:12: unknown Models type 'LinearIsotropicElastcity'");
  EXPECT_ERROR_CONTAINS(msg, "did you mean 'LinearIsotropicElasticity'");
}

TEST(FactoryErrors, MissingTypeIsLocated)
{
  auto msg = model_error("[Models]\n  [m]\n    coefficients = '1 2'\n  []\n[]\n");
  EXPECT_ERROR_CONTAINS(msg, "input.i:2:3: [Models/m] has no 'type'");
}

TEST(FactoryErrors, UnknownOptionListsValidOnes)
{
  auto msg = model_error("[Models]\n  [m]\n    type = LinearIsotropicElasticity\n    coefficents = '1 0.3'\n"
                         "    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'\n  []\n[]\n");
  EXPECT_ERROR_CONTAINS(msg, "input.i:4:5: unknown option 'coefficents'");
  EXPECT_ERROR_CONTAINS(msg, "did you mean 'coefficients'");
  EXPECT_ERROR_CONTAINS(msg, "valid options: coefficients, coefficient_types");
}

TEST(FactoryErrors, MissingRequiredOption)
{
  auto msg = model_error("[Models]\n  [m]\n    type = LinearIsotropicElasticity\n  []\n[]\n");
  EXPECT_ERROR_CONTAINS(msg, "input.i:2:3: [Models/m] of type LinearIsotropicElasticity is missing the required "
                             "option 'coefficients'");
}

TEST(FactoryErrors, WrongValueTypeForBool)
{
  auto msg = model_error("[Models]\n  [m]\n    type = LinearIsotropicElasticity\n    coefficients = '1 0.3'\n"
                         "    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'\n    compliance = maybe\n  []\n[]\n");
  EXPECT_ERROR_CONTAINS(msg, "input.i:6:18");
  EXPECT_ERROR_CONTAINS(msg, "option 'compliance' of [Models/m]");
}

TEST(FactoryErrors, InvalidEnumChoiceSuggests)
{
  auto msg = model_error("[Models]\n  [m]\n    type = LinearIsotropicElasticity\n    coefficients = '1 0.3'\n"
                         "    coefficient_types = 'YOUNGS_MODULUS POISSON_RATIO'\n  []\n[]\n");
  EXPECT_ERROR_CONTAINS(msg, "input.i:5:");
  EXPECT_ERROR_CONTAINS(msg, "'POISSON_RATIO' is not a valid choice (did you mean 'POISSONS_RATIO'?)");
}

TEST(FactoryErrors, WrongCoefficientCount)
{
  auto msg = model_error("[Models]\n  [m]\n    type = LinearIsotropicElasticity\n    coefficients = '1 0.3 4'\n"
                         "    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'\n  []\n[]\n");
  EXPECT_ERROR_CONTAINS(msg, "input.i:4:20: option 'coefficients' of [Models/m]: expected 2 coefficients, got 3");
}

TEST(FactoryErrors, RepeatedElasticConstant)
{
  auto msg = model_error("[Models]\n  [m]\n    type = LinearIsotropicElasticity\n    coefficients = '1 2'\n"
                         "    coefficient_types = 'BULK_MODULUS BULK_MODULUS'\n  []\n[]\n");
  EXPECT_ERROR_CONTAINS(msg, "must be different constants");
}

TEST(FactoryErrors, NonNumericCoefficientBecomesAnInputVariable)
{
  // A coefficient that is neither a number nor a [Tensors] name names a variable: the
  // parameter is coupled to that input instead of failing.
  std::shared_ptr<const hit::Section> root =
      hit::parse_string("[Models]\n  [m]\n    type = LinearIsotropicElasticity\n    coefficients = 'youngs 0.3'\n"
                        "    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'\n  []\n[]\n",
                        "input.i");
  Factory f(root);
  auto m = f.get_model("m");
  ASSERT_NE(m->find_input("youngs"), nullptr);
  EXPECT_EQ(m->named_parameters().size(), 1u);
  auto msg = model_error("[Models]\n  [m]\n    type = LinearIsotropicElasticity\n    coefficients = '1 0.3 x'\n"
                         "    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'\n  []\n[]\n");
  EXPECT_ERROR_CONTAINS(msg, "expected 2 coefficients, got 3");
}

TEST(FactoryErrors, CompositionCycleNamesTheModels)
{
  auto msg = model_error(R"([Models]
  [m]
    type = ComposedModel
    models = 'a b'
  []
  [a]
    type = LinearIsotropicElasticity
    coefficients = '1 0.3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
    strain = x
    stress = y
  []
  [b]
    type = LinearIsotropicElasticity
    coefficients = '1 0.3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
    strain = y
    stress = x
  []
[]
)");
  EXPECT_ERROR_CONTAINS(msg, "input.i:4:14: option 'models' of [Models/m]: the models depend on each other in a cycle");
  EXPECT_ERROR_CONTAINS(msg, "a -> b -> a");
}

TEST(FactoryErrors, ModelReferenceCycleNamesThePath)
{
  auto msg = model_error("[Models]\n  [m]\n    type = ComposedModel\n    models = 'n'\n  []\n"
                         "  [n]\n    type = ComposedModel\n    models = 'm'\n  []\n[]\n");
  EXPECT_ERROR_CONTAINS(msg, "dependency cycle: Models/m -> Models/n -> Models/m");
}

TEST(FactoryErrors, SelfContainingComposition)
{
  auto msg = model_error("[Models]\n  [m]\n    type = ComposedModel\n    models = 'm'\n  []\n[]\n");
  EXPECT_ERROR_CONTAINS(msg, "model 'm' cannot contain itself");
}

TEST(FactoryErrors, TwoProducersOfOneVariable)
{
  auto msg = model_error(R"([Models]
  [m]
    type = ComposedModel
    models = 'a b'
  []
  [a]
    type = LinearIsotropicElasticity
    coefficients = '1 0.3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
  []
  [b]
    type = LinearIsotropicElasticity
    coefficients = '2 0.3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
  []
[]
)");
  EXPECT_ERROR_CONTAINS(msg, "variable 'stress' is produced by both 'a' and 'b'");
}

TEST(FactoryErrors, UnknownAdditionalOutput)
{
  auto msg = model_error(
      std::string(elasticity_block) +
          "[Models]\n  [c]\n    type = ComposedModel\n    models = 'm'\n    additional_outputs = 'strain'\n  []\n[]\n",
      "c");
  EXPECT_ERROR_CONTAINS(msg, "'strain' is not produced by any of the composed models");
}

TEST(FactoryErrors, UnknownSubModel)
{
  auto msg = model_error("[Models]\n  [m]\n    type = ComposedModel\n    models = 'elastic'\n  []\n[]\n");
  EXPECT_ERROR_CONTAINS(msg, "no [Models/elastic]");
}

TEST(ModelErrors, UnknownInputVariableSuggests)
{
  std::shared_ptr<const hit::Section> root = hit::parse_string(elasticity_block, "input.i");
  Factory f(root);
  auto m = f.get_model("m");
  try
  {
    m->value({{"strian", Tensor::zeros({}, {6})}});
    FAIL() << "expected ValueError";
  }
  catch (const ValueError & e)
  {
    std::string msg = e.what();
    EXPECT_ERROR_CONTAINS(msg, "model 'm' has no input variable 'strian'");
    EXPECT_ERROR_CONTAINS(msg, "did you mean 'strain'");
  }
}

TEST(ModelErrors, WrongBaseShapeAndMissingInput)
{
  std::shared_ptr<const hit::Section> root = hit::parse_string(elasticity_block, "input.i");
  Factory f(root);
  auto m = f.get_model("m");
  EXPECT_THROW(m->value({{"strain", Tensor::zeros({2}, {3})}}), ValueError);
  try
  {
    m->value({});
    FAIL();
  }
  catch (const ValueError & e)
  {
    EXPECT_ERROR_CONTAINS(std::string(e.what()), "needs the input variable 'strain'");
  }
  try
  {
    m->value({{"strain", Tensor::zeros({2}, {6})}, {"x", Tensor::zeros({}, {6})}});
    FAIL();
  }
  catch (const ValueError & e)
  {
    EXPECT_ERROR_CONTAINS(std::string(e.what()), "no input variable 'x'");
  }
}

TEST(ModelErrors, IncompatibleBatchShapes)
{
  std::shared_ptr<const hit::Section> root = hit::parse_string(elasticity_block, "input.i");
  Factory f(root);
  auto m = f.get_model("m");
  m->set_parameter("E", Tensor::full({3}, {}, 1.0));
  try
  {
    m->value({{"strain", Tensor::zeros({2}, {6})}});
    FAIL();
  }
  catch (const ValueError & e)
  {
    EXPECT_ERROR_CONTAINS(std::string(e.what()), "cannot be broadcast together");
  }
}

TEST(ModelErrors, UnknownParameterListsParameters)
{
  std::shared_ptr<const hit::Section> root = hit::parse_string(elasticity_block, "input.i");
  Factory f(root);
  auto m = f.get_model("m");
  try
  {
    m->parameter("F");
    FAIL();
  }
  catch (const ValueError & e)
  {
    EXPECT_ERROR_CONTAINS(std::string(e.what()), "model 'm' has no parameter 'F'");
    EXPECT_ERROR_CONTAINS(std::string(e.what()), "its parameters are: E, nu");
  }
}

// A misspelt section, or a [Settings] option NEML2 does not have, is an error rather than ignored.
TEST(FactoryErrors, UnknownSectionsAndSettings)
{
  const std::string m = elasticity_block;
  EXPECT_ERROR_CONTAINS(model_error(m + "[Modles]\n[]\n"),
                        "input.i:9:1: unknown section [Modles] (did you mean [Models]?); the sections of an input "
                        "file are: Settings, Tensors, Data, Models");
  EXPECT_ERROR_CONTAINS(model_error(m + "[Settings]\n  dynamic_bach = true\n[]\n"),
                        "input.i:10:3: unknown [Settings] option 'dynamic_bach' (did you mean 'dynamic_batch'?)");
  EXPECT_ERROR_CONTAINS(model_error(m + "[Settings]\n  dynamic_batch = maybe\n[]\n"),
                        "dynamic_batch: expected true or false, got 'maybe'");
  EXPECT_ERROR_CONTAINS(model_error(m + "[Settings]\n  default_floating_point_type = float32\n[]\n"),
                        "compile with `neml2-compile --dtype float32`");
  // A sub-batch in front of the model's own (none here) maps the model over it, as NEML2 broadcasts;
  // a size that contradicts one a model fixes is refused (CrystalPlasticity.DeclaredSubBatch).
  {
    Factory f(
        hit::parse_string(m + "[Settings]\n  [example_batch_shape]\n    strain = '(2; 100)'\n  []\n[]\n", "input.i"));
    const auto model = f.get_model("m");
    EXPECT_EQ(model->find_input("strain")->sub_batch, (Shape{100}));
    EXPECT_EQ(model->find_output("stress")->sub_batch, (Shape{100}));
  }
  EXPECT_ERROR_CONTAINS(model_error(m + "[Settings]\n  [example_batch_shape]\n    strain = '(2; -3)'\n  []\n[]\n"),
                        "input.i:11:14: [Settings] example_batch_shape '(2; -3)': '-3' is not a positive size");
  EXPECT_ERROR_CONTAINS(model_error(m + "[Settings]\n  [example_batch_shapes]\n  []\n[]\n"),
                        "unknown [Settings] option 'example_batch_shapes'");
  // NEML2 v3's and v2's settings that change nothing here are accepted.
  EXPECT_EQ(model_error(m + "[Settings]\n  dynamic_batch = false\n  example_batch_shape = '(20,)'\n"
                            "  default_floating_point_type = float64\n  machine_precision = 1e-15\n[]\n"),
            "no error");
  EXPECT_EQ(model_error(m + "[Settings]\n  [example_batch_shape]\n    strain = '(2; )'\n  []\n[]\n"), "no error");
}

// The stub writer: the compiled block spliced out, everything else byte for byte.
#include "neml2/codegen/stub.h"
#include "neml2/hit/hit.h"
#include "test_compile_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
const char * input = R"(# top comment
[Tensors]
  [E0]
    type = Scalar
    values = 1 # kept
  []
[]
[Models/elasticity]
  type = LinearIsotropicElasticity # gone with its block
  coefficients = '200e3 0.3'
  coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
[]
[Models]
    [other]
      type = SR2Invariant
      invariant_type = I1
      tensor = stress
      invariant = p
    []
[]
)";
} // namespace

TEST(CompileStub, SplicesTheBlockAndKeepsEverythingElse)
{
  TempDir dir;
  const auto file = dir.str("in.i");
  std::ofstream(file) << input;
  const auto stub = codegen::make_stub(file, "elasticity", "/abs/aoti/elasticity");
  const std::string before = std::string(input).substr(0, std::string(input).find("[Models/elasticity]"));
  const std::string after = std::string(input).substr(std::string(input).find("[]\n[Models]\n") + 2);
  EXPECT_TRUE(stub.starts_with(before + "[Models/elasticity]\n")) << stub;
  EXPECT_TRUE(stub.ends_with(after)) << stub;
  EXPECT_NE(stub.find("  type = AOTIModel\n  artifact_path = '/abs/aoti/elasticity'\n[]"), std::string::npos) << stub;
  EXPECT_EQ(stub.find("coefficients"), std::string::npos);
  // The stub parses, and only the compiled block changed.
  auto root = hit::parse_string(stub, "stub.i");
  EXPECT_EQ(root->find("Models/elasticity")->find_field("type")->value, "AOTIModel");
  EXPECT_EQ(root->find("Models/other")->find_field("invariant")->value, "p");
}

TEST(CompileStub, NestedBlockKeepsItsIndentation)
{
  TempDir dir;
  const auto file = dir.str("in.i");
  std::ofstream(file) << input;
  const auto stub = codegen::make_stub(file, "other", "/a b/it's here");
  EXPECT_NE(stub.find("    [other]\n      # compiled by neml2-compile from a SR2Invariant"), std::string::npos) << stub;
  EXPECT_NE(stub.find("      artifact_path = \"/a b/it's here\"\n    []\n[]\n"), std::string::npos) << stub;
}

TEST(CompileStub, BlockFromAnIncludedFileIsRendered)
{
  TempDir dir;
  std::ofstream(dir.path() / "models.i") << "[Models]\n  [elasticity]\n    type = LinearIsotropicElasticity\n"
                                            "    coefficients = '200e3 0.3'\n"
                                            "    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'\n  []\n[]\n";
  std::ofstream(dir.path() / "main.i") << "# main\n!include models.i\n";
  const auto stub = codegen::make_stub(dir.str("main.i"), "elasticity", "/abs/aoti/elasticity");
  auto root = hit::parse_string(stub, "stub.i");
  const auto * block = root->find("Models/elasticity");
  ASSERT_TRUE(block);
  EXPECT_EQ(block->find_field("type")->value, "AOTIModel");
  EXPECT_EQ(block->find_field("artifact_path")->value, "/abs/aoti/elasticity");
  EXPECT_FALSE(block->find_field("coefficients"));
}

TEST(CompileStub, EveryBlockOfAMergedSectionGoes)
{
  // [Models/elasticity] opened three times (shorthand, nested, shorthand): all three are the
  // compiled model's block, so none of their fields may survive into the stub.
  const std::string merged = "[Models/elasticity]\n  type = LinearIsotropicElasticity\n[]\n"
                             "[Models]\n  [elasticity]\n    coefficients = '200e3 0.3'\n  []\n  [keep]\n"
                             "    type = SR2Invariant\n    invariant_type = I1\n    tensor = stress\n"
                             "    invariant = p\n  []\n[]\n"
                             "[Models/elasticity]\n  coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'\n[]\n# end\n";
  TempDir dir;
  const auto file = dir.str("in.i");
  std::ofstream(file) << merged;
  const auto original = hit::parse_file(file);
  EXPECT_EQ(original->find("Models/elasticity")->reopened.size(), 2u);

  const auto stub = codegen::make_stub(file, "elasticity", "/abs/aoti/elasticity");
  auto root = hit::parse_string(stub, "stub.i");
  const auto * block = root->find("Models/elasticity");
  ASSERT_TRUE(block);
  std::vector<std::string> keys;
  for (const auto & f : block->fields)
    keys.push_back(f.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"type", "artifact_path"})) << stub;
  EXPECT_EQ(root->find("Models/keep")->find_field("invariant")->value, "p");
  EXPECT_TRUE(stub.ends_with("# end\n")) << stub;
}

TEST(CompileStub, MergedSectionFromAnIncludedFileIsRendered)
{
  TempDir dir;
  std::ofstream(dir.path() / "more.i") << "[Models/elasticity]\n  coefficients = '200e3 0.3'\n[]\n";
  std::ofstream(dir.path() / "main.i")
      << "[Models/elasticity]\n  type = LinearIsotropicElasticity\n"
         "  coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'\n[]\n!include more.i\n";
  const auto stub = codegen::make_stub(dir.str("main.i"), "elasticity", "/abs/aoti/elasticity");
  auto root = hit::parse_string(stub, "stub.i");
  const auto * block = root->find("Models/elasticity");
  ASSERT_TRUE(block);
  EXPECT_EQ(block->fields.size(), 2u) << stub;
  EXPECT_FALSE(block->find_field("coefficients")) << stub;
}

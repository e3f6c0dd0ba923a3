// Every user error of neml2-compile and of the artifact loader: exception type and message.
#include <sys/stat.h>

#include "neml2/aoti_model/aoti_model.h"
#include "neml2/artifact/metadata.h"
#include "neml2/runtime/aoti_model.h"
#include "test_compile_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
/// A good artifact (-d stress:strain), compiled once; each test damages its own copy.
class CompileErrors : public ::testing::Test
{
protected:
  static inline std::unique_ptr<TempDir> base;
  static inline codegen::CompileResult good;
  static void SetUpTestSuite()
  {
    base = std::make_unique<TempDir>();
    good = compile_seed(base->str("aoti"), {"stress:strain"});
  }
  static void TearDownTestSuite() { base.reset(); }

  /// A private copy of the good artifact folder.
  fs::path copy_artifact()
  {
    const auto to = dir.path() / "elasticity";
    fs::copy(good.artifact_dir, to, fs::copy_options::recursive);
    return to;
  }
  fs::path meta_of(const fs::path & artifact) { return artifact / "cpu" / "elasticity_meta.json"; }

  /// Files and folders left in `out` (temp folders included).
  static std::set<std::string> left_in(const fs::path & out)
  {
    std::set<std::string> s;
    if (fs::exists(out))
      for (const auto & e : fs::directory_iterator(out))
        s.insert(e.path().filename().string());
    return s;
  }

  TempDir dir;
};
} // namespace

TEST_F(CompileErrors, UnknownModel)
{
  EXPECT_TRUE(
      throws_with<InputError>([&] { compile_seed(dir.str("out"), {}, {}, Dtype::Float64, seed_input(), "elastic"); },
                              "no [Models/elastic] in the input file"));
  EXPECT_TRUE(throws_with<InputError>(
      [&] { compile_seed(dir.str("out"), {}, {}, Dtype::Float64, seed_input(), "other"); }, "declared: elasticity"));
  EXPECT_FALSE(fs::exists(dir.path() / "out"));
}

TEST_F(CompileErrors, UnknownOutputInDerivativeRequest)
{
  EXPECT_TRUE(throws_with<CompileError>([&] { compile_seed(dir.str("out"), {"strss:strain"}); },
                                        "-d strss:strain: model 'elasticity' has no output 'strss' (did you mean "
                                        "'stress'?); its outputs are: stress"));
}

TEST_F(CompileErrors, UnknownInputInDerivativeRequest)
{
  EXPECT_TRUE(throws_with<CompileError>([&] { compile_seed(dir.str("out"), {"stress:strian"}); },
                                        "has no input variable or parameter 'strian' (did you mean 'strain'?); its "
                                        "inputs are: strain; its parameters are: E, nu"));
  EXPECT_TRUE(throws_with<CompileError>([&] { compile_seed(dir.str("out"), {"stress"}); }, "expected OUT:IN"));
}

TEST_F(CompileErrors, UnknownPromotedParameter)
{
  EXPECT_TRUE(throws_with<CompileError>([&] { compile_seed(dir.str("out"), {}, {"G"}); },
                                        "-p G: model 'elasticity' has no parameter 'G'"));
  EXPECT_TRUE(throws_with<CompileError>([&] { compile_seed(dir.str("out"), {}, {"G"}); }, "its parameters are: E, nu"));
}

TEST_F(CompileErrors, MissingCompiler)
{
  ScopedEnv env("NEML2_CXX", "/nonexistent");
  EXPECT_TRUE(throws_with<CompileError>([&] { compile_seed(dir.str("out")); },
                                        "C++ compiler '/nonexistent' ($NEML2_CXX) not found"));
  EXPECT_TRUE(left_in(dir.path() / "out").empty());
}

TEST_F(CompileErrors, FailingCompilerShowsCommandAndMessageAndKeepsTheSource)
{
  const auto script = dir.path() / "fake-cxx";
  write_all(script, "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'fake-cxx 1.0'; exit 0; fi\n"
                    "echo 'fake-cxx: error: this compiler always fails' >&2\nexit 3\n");
  fs::permissions(script, fs::perms::owner_all);
  ScopedEnv env("NEML2_CXX", script.string());
  const auto out = dir.path() / "out";
  EXPECT_TRUE(
      throws_with<CompileError>([&] { compile_seed(out.string()); }, "the C++ compiler failed (exit status 3)"));
  EXPECT_TRUE(throws_with<CompileError>([&] { compile_seed(out.string()); },
                                        "command: " + script.string() +
                                            " -O3 -march=native -fPIC -shared -fopenmp "
                                            "-ffp-contract=off -fno-tree-slp-vectorize -fno-math-errno -std=c++17"));
  EXPECT_TRUE(
      throws_with<CompileError>([&] { compile_seed(out.string()); }, "fake-cxx: error: this compiler always fails"));
  EXPECT_TRUE(
      throws_with<CompileError>([&] { compile_seed(out.string()); },
                                "the generated source is kept at '" + (out / "elasticity.failed.cpp").string()));
  // Nothing half-written: only the kept source.
  EXPECT_EQ(left_in(out), (std::set<std::string>{"elasticity.failed.cpp"}));
  EXPECT_NE(read_all(out / "elasticity.failed.cpp").find("extern \"C\" int neml2_elasticity_forward("),
            std::string::npos);
}

TEST_F(CompileErrors, FailingLinkOfTwoUnitsKeepsBothSources)
{
  // Compiles every unit (creates the object it is asked for), fails at the link.
  const auto script = dir.path() / "fake-cxx";
  write_all(script, "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'fake-cxx 1.0'; exit 0; fi\n"
                    "for a in \"$@\"; do if [ \"$a\" = -c ]; then compile=1; fi; done\n"
                    "if [ -n \"$compile\" ]; then\n"
                    "  while [ \"$1\" != -o ]; do shift; done; : > \"$2\"; exit 0\n"
                    "fi\n"
                    "echo 'fake-cxx: error: cannot link' >&2\nexit 4\n");
  fs::permissions(script, fs::perms::owner_all);
  ScopedEnv env("NEML2_CXX", script.string());
  const auto out = dir.path() / "out";
  // An implicit model: its points and its lanes are two translation units.
  const auto compile = [&] {
    compile_seed(out.string(), {}, {}, Dtype::Float64, example("plasticity/radial_return.i"), "model");
  };
  EXPECT_TRUE(throws_with<CompileError>(compile, "the C++ compiler failed (exit status 4)"));
  EXPECT_TRUE(throws_with<CompileError>(compile, "fake-cxx: error: cannot link"));
  EXPECT_TRUE(throws_with<CompileError>(compile, "model.so.0.o"));
  EXPECT_TRUE(throws_with<CompileError>(compile, "the generated source is kept at '" +
                                                     (out / "model.failed.cpp").string() + "' and '" +
                                                     (out / "model_lanes.failed.cpp").string() + "'"));
  // Nothing half-written (no object, no library): only the kept sources.
  EXPECT_EQ(left_in(out), (std::set<std::string>{"model.failed.cpp", "model_lanes.failed.cpp"}));
  EXPECT_NE(read_all(out / "model.failed.cpp").find("int neml2_model_forward_point("), std::string::npos);
  EXPECT_NE(read_all(out / "model_lanes.failed.cpp").find("extern \"C\" int neml2_model_forward("), std::string::npos);
}

TEST_F(CompileErrors, FailedRecompileKeepsThePreviousArtifact)
{
  const auto out = dir.path() / "out";
  compile_seed(out.string());
  const auto before = read_all(out / "elasticity/cpu/elasticity_meta.json");
  {
    ScopedEnv env("NEML2_CXX", "/nonexistent");
    EXPECT_THROW(compile_seed(out.string(), {"stress:strain"}), CompileError);
  }
  EXPECT_EQ(read_all(out / "elasticity/cpu/elasticity_meta.json"), before);
  EXPECT_EQ(left_in(out), (std::set<std::string>{"elasticity", "elasticity_aoti.i"}));
  // A successful recompile replaces it.
  compile_seed(out.string(), {"stress:strain"});
  EXPECT_NE(read_all(out / "elasticity/cpu/elasticity_meta.json"), before);
  EXPECT_EQ(left_in(out), (std::set<std::string>{"elasticity", "elasticity_aoti.i"}));
}

TEST_F(CompileErrors, UnwritableOutputFolder)
{
  write_all(dir.path() / "a_file", "x");
  EXPECT_TRUE(throws_with<CompileError>([&] { compile_seed((dir.path() / "a_file" / "out").string()); },
                                        "cannot create the output folder"));
  EXPECT_TRUE(throws_with<CompileError>([&] { compile_seed((dir.path() / "a_file" / "out").string()); },
                                        "choose a writable --output-dir"));
  if (geteuid() != 0) // root ignores permission bits
  {
    fs::create_directory(dir.path() / "ro");
    fs::permissions(dir.path() / "ro", fs::perms::owner_read | fs::perms::owner_exec);
    EXPECT_TRUE(throws_with<CompileError>([&] { compile_seed((dir.path() / "ro").string()); }, "is not writable"));
    fs::permissions(dir.path() / "ro", fs::perms::owner_all);
  }
}

TEST_F(CompileErrors, ArtifactFolderMissingOrIncomplete)
{
  EXPECT_TRUE(throws_with<CompileError>([&] { aoti::Model m(dir.str("nowhere")); }, "does not exist"));
  auto a = copy_artifact();
  fs::remove(a / "cpu" / "elasticity_jvp.so");
  EXPECT_TRUE(throws_with<CompileError>([&] { aoti::Model m(a.string()); },
                                        "is missing 'elasticity_jvp.so' (listed in its metadata); the artifact is "
                                        "incomplete, recompile"));
  fs::remove(meta_of(a));
  EXPECT_TRUE(throws_with<CompileError>([&] { aoti::Model m(a.string()); }, "is missing its metadata file"));
  EXPECT_TRUE(throws_with<CompileError>([&] { aoti::Model m(a.string(), "cuda"); }, "is not an artifact folder"));
}

TEST_F(CompileErrors, WrongDevice)
{
  EXPECT_TRUE(throws_with<CompileError>([&] { aoti::Model m(good.artifact_dir, "cuda"); },
                                        "has no build for device 'cuda' (it has: cpu); recompile the model with "
                                        "neml2-compile --device cuda"));
  EXPECT_TRUE(throws_with<CompileError>([&] { aoti::Model m((fs::path(good.artifact_dir) / "cpu").string(), "cuda"); },
                                        "was compiled for device 'cpu', not 'cuda'"));
}

TEST_F(CompileErrors, TamperedLibrary)
{
  auto a = copy_artifact();
  {
    std::ofstream f(a / "cpu" / "elasticity.so", std::ios::binary | std::ios::app);
    f << '\0';
  }
  EXPECT_TRUE(throws_with<CompileError>([&] { aoti::Model m(a.string()); },
                                        "does not match the SHA-256 recorded in its metadata (tampered"));
}

TEST_F(CompileErrors, TamperedMetadata)
{
  auto a = copy_artifact();
  auto text = read_all(meta_of(a));
  const auto at = text.find("\"nodes\": ");
  ASSERT_NE(at, std::string::npos);
  text.insert(at + 9, "1");
  write_all(meta_of(a), text);
  EXPECT_TRUE(throws_with<CompileError>([&] { aoti::Model m(a.string()); }, "tampered"));
  write_all(meta_of(a), text.substr(0, text.size() / 2));
  EXPECT_TRUE(
      throws_with<CompileError>([&] { aoti::Model m(a.string()); }, "is not valid JSON (truncated or tampered?)"));
}

TEST_F(CompileErrors, WrongSchemaVersion)
{
  auto a = copy_artifact();
  auto text = read_all(meta_of(a));
  const auto at = text.find("\"schema_version\": 2");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 19, "\"schema_version\": 99");
  write_all(meta_of(a), text);
  EXPECT_TRUE(throws_with<CompileError>([&] { aoti::Model m(a.string()); },
                                        "has schema version 99, but this neml2 reads schema version 2; recompile the "
                                        "model with neml2-compile"));
}

TEST_F(CompileErrors, WrongAbiVersion)
{
  auto a = copy_artifact();
  auto meta = aoti::parse_metadata(read_all(meta_of(a)), "meta");
  meta.abi_version = 7;
  write_all(meta_of(a), aoti::to_json(meta)); // re-signed, so only the ABI is wrong
  EXPECT_TRUE(throws_with<CompileError>(
      [&] { aoti::Model m(a.string()); },
      fmt::format("uses kernel ABI version 7, this neml2 calls version {}; recompile", aoti::kernel_abi_version)));
}

TEST_F(CompileErrors, StubWithBrokenArtifactPointsAtTheOption)
{
  const auto stub = dir.path() / "stub.i";
  write_all(stub, "[Models]\n  [elasticity]\n    type = AOTIModel\n    artifact_path = 'missing'\n  []\n[]\n");
  EXPECT_TRUE(throws_with<InputError>([&] { load_model(stub.string(), "elasticity"); }, "stub.i:4:"));
  EXPECT_TRUE(throws_with<InputError>([&] { load_model(stub.string(), "elasticity"); }, "does not exist"));
}

TEST_F(CompileErrors, CompiledModelCannotBeComposedFurther)
{
  auto m = load_model(good.stub, "elasticity");
  EXPECT_TRUE(throws_with<CompileError>([&] { (void)m->forward_graph(); },
                                        "is compiled (AOTIModel) and cannot be composed into another model"));
  const auto stub = dir.path() / "composed.i";
  write_all(
      stub,
      "[Models]\n  [elasticity]\n    type = AOTIModel\n    artifact_path = '" + good.artifact_dir +
          "'\n  []\n  [vm]\n    type = SR2Invariant\n    invariant_type = VONMISES\n    tensor = stress\n"
          "    invariant = s\n  []\n  [both]\n    type = ComposedModel\n    models = 'elasticity vm'\n  []\n[]\n");
  auto both = load_model(stub.string(), "both");
  EXPECT_TRUE(throws_with<CompileError>(
      [&] {
        both->value({{"strain", seed_strain()}});
      },
      "compile the composition instead"));
}

TEST_F(CompileErrors, BadCalls)
{
  aoti::Model m(good.artifact_dir);
  EXPECT_TRUE(throws_with<ValueError>(
      [&] {
        m.forward({{"strian", seed_strain()}});
      },
      "has no input variable 'strian' (did you mean 'strain'?); its inputs are: strain"));
  EXPECT_TRUE(throws_with<ValueError>([&] { m.forward({}); }, "needs the input variable 'strain' (SR2)"));
  EXPECT_TRUE(throws_with<ValueError>(
      [&] {
        m.forward({{"strain", seed_strain(Dtype::Float32)}});
      },
      "was compiled for float64; pass float64 tensors or recompile with --dtype float32"));
  EXPECT_TRUE(throws_with<ValueError>(
      [&] {
        m.forward({{"strain", Tensor::zeros({2}, {3, 3})}});
      },
      "must have base shape (6,)"));
  EXPECT_TRUE(throws_with<ValueError>(
      [&] {
        m.forward({{"strain", Tensor::zeros({2}, {6})}, {"stress", Tensor::zeros({3}, {6})}});
      },
      "has no input variable 'stress'"));
  EXPECT_TRUE(throws_with<ValueError>(
      [&] {
        m.jvp({{"strain", seed_strain()}}, {{"temperature", seed_strain()}});
      },
      "has no derivatives with respect to 'temperature'"));
  // Without -d there is no jvp / jacobian.
  const auto out = dir.path() / "fwd";
  auto r = compile_seed(out.string());
  aoti::Model f(r.artifact_dir);
  EXPECT_TRUE(throws_with<CompileError>(
      [&] {
        f.jacobian({{"strain", seed_strain()}});
      },
      "was compiled without them; recompile with -d OUT:IN (e.g. neml2-compile INPUT "
      "--model elasticity -d stress:strain)"));
  EXPECT_TRUE(throws_with<CompileError>([&] { f.jvp({{"strain", seed_strain()}}, {}); }, "compiled without them"));
}

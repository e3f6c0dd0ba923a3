// The compile pipeline (codegen/pipeline.h): the passes of each kernel in order, the IR written
// after each (--debug-ir, NEML2_DEBUG_IR), and the model origin of each statement carried from
// staging into IR dumps and generated kernels without changing hashes or results.
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "neml2/codegen/pipeline.h"
#include "neml2/graph/passes.h"
#include "test_compile_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
std::vector<std::string>
names(const std::vector<codegen::Pass> & passes)
{
  std::vector<std::string> n;
  for (const auto & p : passes)
    n.push_back(p.name);
  return n;
}

std::string
read(const fs::path & p)
{
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The 1-based line of the first line of `file` that contains `text` (0 when none does).
int
line_of(const std::string & file, const std::string & text)
{
  std::ifstream in(file);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (line.find(text) != std::string::npos)
      return n;
  return 0;
}

codegen::CompileRequest
seed_request(const TempDir & dir)
{
  codegen::CompileRequest req;
  req.input_file = seed_input();
  req.model = "elasticity";
  req.output_dir = dir.str("aoti");
  req.derivatives = {"stress:strain"};
  return req;
}
} // namespace

TEST(CompilePipeline, PassesAreListedInOrder)
{
  const codegen::BakeValues none = [](const graph::Argument &) { return std::nullopt; };
  EXPECT_EQ(names(codegen::forward_passes(none)), (std::vector<std::string>{"bake", "prune"}));
  EXPECT_EQ(names(codegen::jacobian_passes({{"y", "x"}}, none)),
            (std::vector<std::string>{"jacobian", "bake", "prune"}));
  EXPECT_EQ(names(codegen::jvp_passes({"x"}, {"y"}, none)),
            (std::vector<std::string>{"jvp", "select-tangents", "bake", "prune"}));
}

TEST(CompilePipeline, DebugIrWritesEveryPassOfEveryKernel)
{
  TempDir dir;
  auto req = seed_request(dir);
  req.debug_ir = dir.str("ir");
  const auto r = codegen::compile_model(req);
  EXPECT_EQ(r.debug_ir, dir.str("ir"));
  EXPECT_NE(r.summary().find("IR after each pass: " + dir.str("ir")), std::string::npos);
  const auto ir = dir.path() / "ir" / "elasticity";
  for (const auto & f :
       {"forward/00-staged.txt", "forward/01-bake.txt", "forward/02-prune.txt", "jacobian/00-staged.txt",
        "jacobian/01-jacobian.txt", "jacobian/02-bake.txt", "jacobian/03-prune.txt", "jvp/00-staged.txt",
        "jvp/01-jvp.txt", "jvp/02-select-tangents.txt", "jvp/03-bake.txt", "jvp/04-prune.txt"})
    EXPECT_TRUE(fs::is_regular_file(ir / f)) << f;

  // Staged: the parameters are still arguments; baked: they are gone. The Jacobian pass adds
  // the derivative block; every dump names the model its nodes come from.
  const auto staged = read(ir / "forward/00-staged.txt");
  EXPECT_NE(staged.find("arg parameter E"), std::string::npos) << staged;
  EXPECT_EQ(read(ir / "forward/01-bake.txt").find("arg parameter"), std::string::npos);
  EXPECT_NE(read(ir / "jacobian/01-jacobian.txt").find("output d(stress)/d(strain)"), std::string::npos);
  const auto origin = "# Models/elasticity (input.i:" + std::to_string(line_of(seed_input(), "[elasticity]")) + ")";
  EXPECT_NE(staged.find(origin), std::string::npos) << staged;
  EXPECT_NE(read(ir / "jacobian/03-prune.txt").find(origin), std::string::npos);
}

TEST(CompilePipeline, DebugIrFromTheEnvironment)
{
  TempDir dir;
  const ScopedEnv env("NEML2_DEBUG_IR", dir.str("env_ir"));
  codegen::compile_model(seed_request(dir));
  EXPECT_TRUE(fs::is_regular_file(dir.path() / "env_ir" / "elasticity" / "forward" / "02-prune.txt"));
}

TEST(CompilePipeline, AnUnwritableDumpFolderIsAClearError)
{
  TempDir dir;
  std::ofstream(dir.str("a_file")) << "not a folder\n";
  auto req = seed_request(dir);
  req.debug_ir = dir.str("a_file");
  EXPECT_TRUE(throws_with<CompileError>([&] { codegen::compile_model(req); },
                                        "cannot create the IR dump folder '" + dir.str("a_file") + "'"));
  EXPECT_FALSE(fs::exists(dir.path() / "aoti")) << "nothing is published after the error";
}

TEST(CompilePipeline, KernelsNameTheModelAndInputLineOfTheirStatements)
{
  TempDir dir;
  const auto input = example("plasticity/radial_return.i");
  codegen::CompileRequest req;
  req.input_file = input;
  req.model = "model";
  req.output_dir = dir.str("aoti");
  req.keep_source = true;
  for (auto form : {codegen::CpuKernelForm::Points, codegen::CpuKernelForm::Lanes})
  {
    req.cpu_kernels = form;
    const auto r = codegen::compile_model(req);
    // Every translation unit: the points' and, on lanes, the lanes' own.
    std::vector<std::string> units = {"model.cpp"};
    if (form == codegen::CpuKernelForm::Lanes)
      units.emplace_back("model_lanes.cpp");
    for (const auto & unit : units)
    {
      const auto source = read(fs::path(r.artifact_dir) / "cpu" / unit);
      for (const auto * block : {"trial_stress", "yield_surface", "consistency"})
      {
        const auto comment =
            fmt::format("  // Models/{} (radial_return.i:{})\n", block, line_of(input, fmt::format("[{}]", block)));
        EXPECT_NE(source.find(comment), std::string::npos) << comment << unit;
      }
    }
  }
}

TEST(CompilePipeline, OriginsChangeNeitherTheStructureNorItsHash)
{
  // The same math staged under two different origins (and under none).
  auto build = [](const std::string & origin) {
    graph::Graph g;
    const int x = g.add_argument("x", graph::ArgKind::Variable, TypeKind::Scalar, {});
    const auto leaf = g.arguments()[static_cast<std::size_t>(x)].leaves[0];
    const graph::OriginScope scope(g, origin);
    const auto y = g.apply(graph::OpKind::Exp, g.apply(graph::OpKind::Mul, leaf, leaf));
    g.add_output({"y", graph::OutputKind::Value, "", TypeKind::Scalar, {}, {y}});
    return g;
  };
  const auto a = build("Models/a (a.i:1)"), b = build("Models/b (b.i:9)"), c = build("");
  EXPECT_EQ(a.origin_of(a.outputs()[0].components[0]), "Models/a (a.i:1)");
  EXPECT_EQ(graph::structural_hash(a), graph::structural_hash(b));
  EXPECT_EQ(graph::structural_hash(a), graph::structural_hash(c));
  EXPECT_EQ(graph::to_text(a), graph::to_text(c));
  EXPECT_NE(graph::to_text(a, true), graph::to_text(c, true));
  EXPECT_EQ(graph::to_text(graph::prune(a), true).find("# Models/a (a.i:1)") != std::string::npos, true)
      << "passes keep the origins";
  EXPECT_EQ(a.origin(), "") << "the scope restored the graph's origin";
}

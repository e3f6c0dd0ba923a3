// The compile passes of each kernel, in order (pipeline.h), and the IR dump between them.
#include "neml2/codegen/pipeline.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "neml2/base/error.h"
#include "neml2/graph/autodiff.h"
#include "neml2/graph/passes.h"

namespace fs = std::filesystem;

namespace neml2::codegen
{
namespace
{
/// Parameters that are not promoted become constants; derivatives are taken before this.
Pass
bake_pass(const BakeValues & values)
{
  return {"bake", [values](const graph::Graph & g) { return graph::bake(g, values); }};
}

/// Drops what no output needs.
Pass
prune_pass()
{
  return {"prune", [](const graph::Graph & g) { return graph::prune(g); }};
}
} // namespace

std::vector<Pass>
forward_passes(const BakeValues & values)
{
  return {bake_pass(values), prune_pass()};
}

std::vector<Pass>
jacobian_passes(const std::vector<std::pair<std::string, std::string>> & pairs, const BakeValues & values)
{
  return {{"jacobian", [pairs](const graph::Graph & g) { return graph::with_jacobian(g, pairs); }},
          bake_pass(values),
          prune_pass()};
}

std::vector<Pass>
jvp_passes(const std::vector<std::string> & wrt, const std::set<std::string> & outputs, const BakeValues & values)
{
  auto select = [outputs](const graph::Graph & g) {
    graph::Graph out = g;
    auto & o = out.outputs();
    o.erase(std::remove_if(o.begin(), o.end(),
                           [&](const graph::Output & x) {
                             return x.kind == graph::OutputKind::Tangent && !outputs.count(x.name);
                           }),
            o.end());
    return out;
  };
  return {{"jvp", [wrt](const graph::Graph & g) { return graph::with_jvp(g, wrt); }},
          {"select-tangents", select},
          bake_pass(values),
          prune_pass()};
}

IrDump::IrDump(std::string dir)
  : _dir(std::move(dir))
{
  if (_dir.empty())
    return;
  std::error_code ec;
  fs::create_directories(_dir, ec);
  if (ec || !fs::is_directory(_dir))
    throw CompileError(fmt::format("cannot create the IR dump folder '{}': {}; give --debug-ir (or NEML2_DEBUG_IR) "
                                   "a folder that can be written",
                                   _dir, ec ? ec.message() : "it exists and is not a folder"));
}

void
IrDump::write(const std::string & kernel, std::size_t step, const std::string & pass, const graph::Graph & g) const
{
  if (!enabled())
    return;
  const auto folder = fs::path(_dir) / kernel;
  std::error_code ec;
  fs::create_directories(folder, ec);
  const auto file = folder / fmt::format("{:02}-{}.txt", step, pass);
  std::ofstream out(file);
  out << graph::to_text(g, /*origins=*/true);
  out.close();
  if (ec || !out)
    throw CompileError(fmt::format("cannot write the IR dump '{}'; give --debug-ir (or NEML2_DEBUG_IR) a folder that "
                                   "can be written",
                                   file.string()));
}

graph::Graph
run_pipeline(const std::string & kernel, const graph::Graph & staged, const std::vector<Pass> & passes,
             const IrDump & dump)
{
  dump.write(kernel, 0, "staged", staged);
  graph::Graph g = staged;
  for (std::size_t i = 0; i < passes.size(); ++i)
  {
    g = passes[i].run(g);
    dump.write(kernel, i + 1, passes[i].name, g);
  }
  return g;
}
} // namespace neml2::codegen

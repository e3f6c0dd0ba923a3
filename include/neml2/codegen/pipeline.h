// The compile pipeline: the named passes that turn a model's staged graph into the graph of each
// kernel, in order, with the IR written after each one on request.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "neml2/graph/graph.h"

namespace neml2::codegen
{
/// One step from a graph to the next, with the name IR dumps and docs use.
struct Pass
{
  std::string name;
  std::function<graph::Graph(const graph::Graph &)> run;
};

/// The values of the arguments to bake (parameters that are not promoted); nullopt keeps one.
using BakeValues = std::function<std::optional<std::vector<double>>(const graph::Argument &)>;

/// forward:  bake, prune.
std::vector<Pass> forward_passes(const BakeValues & values);
/// jacobian: jacobian (the blocks d out/d in of `pairs` by forward AD), bake, prune.
std::vector<Pass> jacobian_passes(const std::vector<std::pair<std::string, std::string>> & pairs,
                                  const BakeValues & values);
/// jvp:      jvp (tangents along every input of `wrt`), select-tangents (only those of
///           `outputs`), bake, prune.
std::vector<Pass> jvp_passes(const std::vector<std::string> & wrt, const std::set<std::string> & outputs,
                             const BakeValues & values);

/// Where the IR goes after each pass: `<dir>/<kernel>/<NN>-<pass>.txt` (the compiler names
/// kernels `<model>/forward`, `<model>/jacobian`, `<model>/jvp`), NN = 00 for the staged graph.
/// Disabled when `dir` is empty.
class IrDump
{
public:
  /// Creates `dir` (and its parents); throws CompileError naming the folder when it cannot.
  explicit IrDump(std::string dir);
  bool enabled() const { return !_dir.empty(); }
  const std::string & dir() const { return _dir; }
  void write(const std::string & kernel, std::size_t step, const std::string & pass, const graph::Graph & g) const;

private:
  std::string _dir;
};

/// Runs `passes` on `staged` in order, writing the IR of `kernel` after each (and before the
/// first, as step 00 "staged") when `dump` is enabled.
graph::Graph run_pipeline(const std::string & kernel, const graph::Graph & staged, const std::vector<Pass> & passes,
                          const IrDump & dump);
} // namespace neml2::codegen

// What the scalar CPU emitter (codegen_cpu.cpp) and the SIMD-lane emitter (codegen_cpu_lanes.cpp)
// share. Internal to the code generator.
#pragma once

#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "neml2/codegen/codegen_cpu.h"
#include "neml2/graph/implicit.h"

namespace neml2::codegen
{
/// Comment texts of the generated source: an argument, an output, and a node (`%14 div %6 %13`).
std::string argument_label(const graph::Argument & a);
std::string output_label(const graph::Output & o);
std::string node_comment(const graph::Graph & g, graph::NodeId id);

/// Whether kernel `g` runs W points at a time on SIMD lanes: it has an implicit solve, and every
/// Newton setting in it (nested systems included) has a lane form in newton_lanes.h.
bool lanes_supported(const graph::Graph & g);

/// The NtSettings<T> initialiser of `s` for generated code: its fields in NEML2_NEWTON_SETTINGS
/// order, reals as exact literals in `dtype`.
std::string newton_settings_literal(const graph::NewtonSettings & s, Dtype dtype);

/// `static_assert`s that the entries of `symbol` have the types kernel_abi.h declares for
/// scalar type `T`: kinds "entry" and "status" (CPU) or "cuda_entry" and "cuda_status".
std::string abi_checks(const std::string & symbol, const char * T, const std::vector<std::string> & kinds);

/// Prints a comment line naming the model a statement comes from ("  // Models/stress
/// (input.i:12)", graph::Graph::origin_of) whenever it differs from the previous statement's.
class OriginComments
{
public:
  void before(std::ostream & os, const graph::Graph & g, graph::NodeId id)
  {
    const auto & origin = g.origin_of(id);
    if (origin.empty() || origin == _last)
      return;
    os << "  // " << origin << "\n";
    _last = origin;
  }

private:
  std::string _last;
};
/// Whether kernel `g` can run on SIMD lanes at all: every Newton setting in it has a lane form
/// (true for graphs without implicit solves).
bool lanes_possible(const graph::Graph & g);

/// The lane functions of kernel `k` and its batched `extern "C"` entry, which runs tiles of W
/// points on lanes (and the last, partial tile's points one by one with `<symbol>_point` when
/// they are too few to pay for a tile). `T` is the scalar C type.
void emit_lanes_entry(std::ostringstream & os, const Kernel & k, const char * T);
} // namespace neml2::codegen

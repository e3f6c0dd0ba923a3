// Per-point Newton iteration counts of a compiled implicit update equal the eager ones at every
// point and step (batch sizes 1, 10 and 1000 of the isoharden example), and so do the results.

#include "neml2/codegen/codegen_cpu.h"
#include "neml2/codegen/compiler.h"
#include "neml2/drivers/transient_driver.h"
#include "neml2/eager/interpreter.h"
#include "neml2/graph/implicit.h"
#include "test_compile_util.h"

using namespace neml2;
using namespace neml2::test;

namespace
{
/// The model's forward graph with one more output per Solve node: its iteration counts.
graph::Graph
with_iteration_counts(const Model & m)
{
  auto g = m.forward_graph();
  graph::Output its;
  its.name = "iterations";
  const auto n = g.nodes().size();
  for (std::size_t i = 0; i < n; ++i)
    if (g.nodes()[i].op == graph::OpKind::Solve)
    {
      const auto id = static_cast<graph::NodeId>(i);
      its.components.push_back(g.part(id, g.num_parts(id) - 1));
    }
  its.base_shape = {static_cast<std::int64_t>(its.components.size())};
  g.add_output(its);
  return g;
}
} // namespace

TEST(CompileIterations, IsohardenIterationCountsMatchEagerPerPoint)
{
  const auto input = example("plasticity/viscoplasticity_isoharden.i");
  for (int batch : {1, 10, 1000})
  {
    TempDir dir;
    auto d = std::dynamic_pointer_cast<TransientDriver>(load_driver(
        input, "driver",
        {"Tensors/end_time/nstep=" + std::to_string(batch), "Drivers/driver/save_as=" + dir.str("out.npz")}));
    ASSERT_NE(d, nullptr);
    d->run();
    auto & model = d->model();
    const auto g = with_iteration_counts(model);
    ASSERT_EQ(g.outputs().back().components.size(), 1u);

    const auto lib =
        build_units(codegen::generate_cpu_sources({{"k", &g}}, "k_signature", "sig", "iterations test"), dir.path());
    const aoti::SharedLibrary kernel(lib); // as the runtime loads kernels (OpenMP pinned)
    auto fn = reinterpret_cast<KernelFn>(kernel.symbol("k"));
    ASSERT_TRUE(fn);

    std::int64_t total_iterations = 0;
    for (std::size_t k = 1; k < d->results().size(); k += 9)
    {
      const auto args = step_arguments(g, model, d->results(), k, batch);
      const auto eager_out = run_graph(g, args);
      std::vector<Tensor> comp_out;
      ASSERT_EQ(call_kernel(fn, g, args, batch, comp_out), 0) << "step " << k;
      for (std::size_t o = 0; o < comp_out.size(); ++o)
        ASSERT_TRUE(bitwise_equal(eager_out[o], comp_out[o])) << g.outputs()[o].name << " at step " << k;
      for (std::int64_t p = 0; p < batch; ++p)
        total_iterations += static_cast<std::int64_t>(eager_out.back().at(p));
    }
    EXPECT_GT(total_iterations, 0) << "the solves never iterated: the test would not see a difference";
  }
}

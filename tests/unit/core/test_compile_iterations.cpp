// Per-point Newton iteration counts of a compiled implicit update equal the eager ones at every
// point and step (batch sizes 1, 10 and 1000 of the isoharden example), and so do the results.
#include <dlfcn.h>

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
    auto d = std::dynamic_pointer_cast<TransientDriver>(
        load_driver(input, "driver", {"Tensors/end_time/nstep=" + std::to_string(batch),
                                      "Drivers/driver/save_as=" + dir.str("out.npz")}));
    ASSERT_NE(d, nullptr);
    d->run();
    auto & model = d->model();
    const auto g = with_iteration_counts(model);
    ASSERT_EQ(g.outputs().back().components.size(), 1u);

    const auto src = dir.path() / "k.cpp", lib = dir.path() / "k.so";
    std::ofstream(src) << codegen::generate_cpu_source({{"k", &g}}, "k_signature", "sig", "iterations test");
    codegen::build_shared_library(codegen::find_cpu_compiler(), src.string(), lib.string(), "");
    void * h = dlopen(lib.c_str(), RTLD_NOW | RTLD_LOCAL);
    ASSERT_TRUE(h) << dlerror();
    using Fn = int (*)(std::int64_t, const double * const *, const std::int64_t *, double * const *);
    auto fn = reinterpret_cast<Fn>(dlsym(h, "k"));
    ASSERT_TRUE(fn);

    std::int64_t total_iterations = 0;
    for (std::size_t k = 1; k < d->results().size(); k += 9)
    {
      // The step-k inputs, one tensor per graph argument, all expanded to the batch.
      std::vector<Tensor> args;
      for (const auto & a : g.arguments())
      {
        Tensor t;
        if (a.kind == graph::ArgKind::Parameter)
          t = model.parameter(a.name);
        else if (a.name.ends_with("~1"))
          t = d->results()[k - 1].at(a.name.substr(0, a.name.size() - 2));
        else
          t = d->results()[k].at(a.name);
        args.push_back(t.expand_batch({batch}).clone());
      }
      const auto eager_out = run_graph(g, args);
      std::vector<const double *> ptrs;
      std::vector<std::int64_t> strides;
      for (const auto & t : args)
      {
        ptrs.push_back(t.data<double>());
        strides.push_back(1);
      }
      std::vector<Tensor> comp_out;
      std::vector<double *> out_ptrs;
      for (const auto & o : g.outputs())
      {
        comp_out.push_back(Tensor::zeros({batch}, o.base_shape));
        out_ptrs.push_back(comp_out.back().data<double>());
      }
      ASSERT_EQ(fn(batch, ptrs.data(), strides.data(), out_ptrs.data()), 0) << "step " << k;
      for (std::size_t o = 0; o < comp_out.size(); ++o)
        ASSERT_TRUE(bitwise_equal(eager_out[o], comp_out[o])) << g.outputs()[o].name << " at step " << k;
      for (std::int64_t p = 0; p < batch; ++p)
        total_iterations += static_cast<std::int64_t>(eager_out.back().at(p));
    }
    EXPECT_GT(total_iterations, 0) << "the solves never iterated: the test would not see a difference";
    dlclose(h);
  }
}

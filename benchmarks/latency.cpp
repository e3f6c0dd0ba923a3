// neml2-bench-latency: Google Benchmark of one call at batch 1 (the latency floor an FE code pays
// per material point), for every scenario whose input and artifact are there.
//
//   NEML2_BENCH_ROOT=REPO NEML2_BENCH_ARTIFACTS=DIR neml2-bench-latency [--benchmark_... flags]
//
// compiled: neml2::aoti::Model::forward_into (no allocation); eager: neml2::load_model -> value.
// The transient scenarios call one step (step 1 of the ramp at the slowest strain rate: a plastic
// step, so the Newton loop iterates) from a zero state.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <optional>

#include "common.h"

using namespace neml2bench;

namespace
{
std::string
env(const char * name, const char * fallback)
{
  const char * v = std::getenv(name);
  return v && *v ? v : fallback;
}

struct Scenario
{
  std::string name, file, model;
};

const Scenario scenarios[] = {
    {"elasticity", "examples/elasticity/input.i", "elasticity"},
    {"isoharden", "examples/plasticity/viscoplasticity_isoharden.i", "model"},
    {"chaboche2", "examples/plasticity/viscoplasticity_chaboche.i", "model"},
};

void
compiled(benchmark::State & state, std::shared_ptr<neml2::aoti::Model> m)
{
  const bool elastic = m->inputs().size() == 1;
  std::optional<Transient> tr0;
  if (!elastic)
    tr0.emplace(spec_of(m->inputs()), spec_of(m->outputs()), 1), tr0->advance(1);
  auto & tr = *tr0;
  std::vector<double> strain(6);
  fill_strain(strain.data(), 1);
  std::vector<std::int64_t> strides(m->inputs().size(), 1);
  std::vector<double> stress(6);
  for (auto _ : state)
  {
    if (elastic)
    {
      const void * args[] = {strain.data()};
      void * outs[] = {stress.data()};
      m->forward_into(1, args, strides.data(), outs);
      benchmark::DoNotOptimize(stress.data());
    }
    else
    {
      m->forward_into(1, tr.args().data(), strides.data(), tr.outs().data());
      benchmark::DoNotOptimize(tr.outs().data());
    }
  }
  state.SetItemsProcessed(state.iterations());
}

void
eager(benchmark::State & state, std::shared_ptr<neml2::Model> m)
{
  auto ins = spec_of(m->input_spec());
  const bool elastic = ins.size() == 1;
  std::optional<Transient> tr;
  if (!elastic)
    tr.emplace(ins, spec_of(m->output_spec()), 1), tr->advance(1);
  std::vector<double> strain(6);
  fill_strain(strain.data(), 1);
  neml2::ValueMap in =
      elastic ? neml2::ValueMap{{"strain", neml2::Tensor::from_blob(strain.data(), {1}, {6}, neml2::Dtype::Float64)}}
              : tr->inputs(ins);
  for (auto _ : state)
  {
    auto out = m->value(in);
    benchmark::DoNotOptimize(out.begin()->second.raw());
  }
  state.SetItemsProcessed(state.iterations());
}
} // namespace

int
main(int argc, char ** argv)
{
  const auto root = env("NEML2_BENCH_ROOT", ".");
  const auto art = env("NEML2_BENCH_ARTIFACTS", "build/bench-artifacts");
  for (auto & s : scenarios)
  {
    try
    {
      auto m = std::make_shared<neml2::aoti::Model>(art + "/" + s.name + "/" + s.model);
      benchmark::RegisterBenchmark(("compiled_forward_into/" + s.name + "/batch1").c_str(), compiled, m);
    }
    catch (const std::exception & e)
    {
      std::fprintf(stderr, "%s: no compiled artifact (%s)\n", s.name.c_str(), e.what());
    }
    try
    {
      auto m = neml2::load_model(root + "/" + s.file, s.model);
      benchmark::RegisterBenchmark(("eager_value/" + s.name + "/batch1").c_str(), eager, m);
    }
    catch (const std::exception & e)
    {
      std::fprintf(stderr, "%s: no eager model (%s)\n", s.name.c_str(), e.what());
    }
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

// neml2-bench: throughput of our eager and compiled models over batch sizes, with the machine's
// STREAM-like triad bandwidth measured in the same run. Variants of one (scenario, N) are
// interleaved sample by sample so that drift (other jobs on the machine, frequency) hits them alike.
//
//   neml2-bench --root REPO --artifacts DIR --csv OUT.csv [--scenarios elasticity,isoharden,chaboche2]
//               [--samples 7] [--min-sample 0.03] [--quick] [--sizes 1,64,4096]
//               [--baseline DIR] [--variants compiled,baseline] [--max-run 4]
//   neml2-bench --rss VARIANT SCENARIO N --root REPO --artifacts DIR   (one process, prints peak RSS)
//
// Variants: eager (neml2::load_model -> value), compiled (neml2::aoti::Model::forward_into: the
// runtime's thread team), compiled_omp (the same artifact's own batched entry, an OpenMP
// fork-join team, called directly: what the runtime did before the team), and baseline: the same
// as compiled for artifacts from another neml2-compile (--baseline DIR, laid out like
// --artifacts), to compare two code generators side by side in one run. Running this next to a
// busy loop (benchmarks/README.md) shows how each threading copes with a core held elsewhere.
// The transient scenarios run 100 steps, calling the model once per step with the X~1 inputs of
// the previous step; throughput counts point-steps.
#include <sys/resource.h>

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>

#include "common.h"
#include "neml2/runtime/artifact_loader.h"

using namespace neml2bench;
using Clock = std::chrono::steady_clock;

namespace
{
double
now()
{
  return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
}

long
peak_rss_kib()
{
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

/// STREAM-like triad a = b + s c over 3 arrays of `n` doubles (24 bytes per element counted, no
/// write-allocate), OpenMP static schedule; returns {best, median} GB/s over `reps`.
std::pair<double, double>
triad(std::int64_t n = std::int64_t(1) << 24, int reps = 15)
{
  double * a = static_cast<double *>(std::aligned_alloc(64, n * 8));
  double * b = static_cast<double *>(std::aligned_alloc(64, n * 8));
  double * c = static_cast<double *>(std::aligned_alloc(64, n * 8));
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < n; ++i)
    a[i] = 0, b[i] = 1, c[i] = 2;
  std::vector<double> bw;
  for (int r = 0; r < reps; ++r)
  {
    const double s = 3.0 + r;
    double t0 = now();
#pragma omp parallel for schedule(static)
    for (std::int64_t i = 0; i < n; ++i)
      a[i] = b[i] + s * c[i];
    double t = now() - t0;
    if (r > 0) // the first pass is a warm-up
      bw.push_back(24.0 * double(n) / t / 1e9);
  }
  volatile double sink = a[n / 2];
  (void)sink;
  std::free(a), std::free(b), std::free(c);
  std::sort(bw.begin(), bw.end());
  return {bw.back(), bw[bw.size() / 2]};
}

struct Options
{
  std::string root = ".", artifacts = "build/bench-artifacts", csv;
  std::string baseline;              // artifacts of another neml2-compile, run as variant "baseline"
  std::vector<std::string> variants; // only these (default: all that load)
  std::vector<std::int64_t> sizes;   // instead of the scenario's default batch sizes
  std::vector<std::string> scenarios = {"elasticity", "isoharden", "chaboche2"};
  int samples = 7;
  double min_sample = 0.03; // seconds per sample (calls repeated until then)
  double max_case = 6.0;    // seconds for all samples of one variant at one N
  double max_run = 4.0;     // a variant whose single run takes longer is skipped at larger N
  bool quick = false;
};

std::string
input_file(const Options & o, const std::string & scenario)
{
  if (scenario == "elasticity")
    return o.root + "/examples/elasticity/input.i";
  if (scenario == "isoharden")
    return o.root + "/examples/plasticity/viscoplasticity_isoharden.i";
  if (scenario == "chaboche2")
    return o.root + "/examples/plasticity/viscoplasticity_chaboche.i";
  throw std::runtime_error("unknown scenario " + scenario);
}
std::string
model_name(const std::string & scenario)
{
  return scenario == "elasticity" ? "elasticity" : "model";
}
std::string
artifact_dir(const std::string & artifacts, const std::string & scenario)
{
  return artifacts + "/" + scenario + "/" + model_name(scenario);
}

/// One runnable (variant, scenario, N): run() does one unit of work (a call, or 100 steps).
struct Case
{
  std::string variant;
  std::function<void()> run;
  double units = 0; // point-updates per run
};

using ForwardFn = std::function<void(std::int64_t, const void * const *, const std::int64_t *, void * const *)>;

struct Bench
{
  std::shared_ptr<neml2::Model> eager;
  std::unique_ptr<neml2::aoti::Model> compiled, baseline;
  std::shared_ptr<neml2::aoti::LoadedArtifact> omp_artifact; // keeps its libraries loaded
  neml2::aoti::KernelFn omp_entry = nullptr;                 // compiled's own batched entry
  ForwardFn forward(const std::string & variant) const
  {
    if (variant == "compiled_omp")
      return [f = omp_entry](std::int64_t n, const void * const * a, const std::int64_t * s, void * const * o) {
        if (f(n, a, s, o) != 0)
          std::abort();
      };
    auto * m = variant == "baseline" ? baseline.get() : compiled.get();
    return [m](std::int64_t n, const void * const * a, const std::int64_t * s, void * const * o) {
      m->forward_into(n, a, s, o);
    };
  }
  const neml2::aoti::Model & artifact() const { return compiled ? *compiled : *baseline; }
};

Case
make_case(const std::string & scenario, const std::string & variant, Bench & b, std::int64_t n,
          std::vector<std::shared_ptr<void>> & keep)
{
  Case c;
  c.variant = variant;
  if (scenario == "elasticity")
  {
    c.units = double(n);
    auto in = std::make_shared<std::vector<double>>(std::size_t(6 * n));
    fill_strain(in->data(), n);
    keep.push_back(in);
    if (variant == "eager")
    {
      auto strain = neml2::Tensor::from_blob(in->data(), {n}, {6}, neml2::Dtype::Float64);
      auto * m = b.eager.get();
      c.run = [m, strain] {
        auto out = m->value({{"strain", strain}});
        if (!out.at("stress").defined())
          std::abort();
      };
    }
    else
    {
      auto out = std::make_shared<std::vector<double>>(std::size_t(6 * n));
      keep.push_back(out);
      c.run = [f = b.forward(variant), n, in, out] {
        const void * args[] = {in->data()};
        const std::int64_t strides[] = {1};
        void * outs[] = {out->data()};
        f(n, args, strides, outs);
      };
    }
    return c;
  }
  // transient
  c.units = double(n) * Loading::nstep;
  if (variant == "eager")
  {
    auto ins = spec_of(b.eager->input_spec());
    auto tr = std::make_shared<Transient>(ins, spec_of(b.eager->output_spec()), n);
    keep.push_back(tr);
    auto * m = b.eager.get();
    c.run = [m, tr, ins] {
      tr->reset();
      for (int k = 1; k <= Loading::nstep; ++k)
      {
        tr->advance(k);
        tr->store(m->value(tr->inputs(ins)));
      }
    };
  }
  else
  {
    const auto & m = variant == "baseline" ? *b.baseline : b.artifact();
    auto tr = std::make_shared<Transient>(spec_of(m.inputs()), spec_of(m.outputs()), n);
    keep.push_back(tr);
    auto strides = std::make_shared<std::vector<std::int64_t>>(m.inputs().size(), 1);
    keep.push_back(strides);
    c.run = [f = b.forward(variant), tr, n, strides] {
      tr->reset();
      for (int k = 1; k <= Loading::nstep; ++k)
      {
        tr->advance(k);
        f(n, tr->args().data(), strides->data(), tr->outs().data());
      }
    };
  }
  return c;
}

std::vector<std::int64_t>
sizes(const std::string & scenario, bool quick)
{
  if (scenario == "elasticity")
  {
    std::vector<std::int64_t> v;
    for (std::int64_t n = 1; n <= 65536; n *= 4)
      v.push_back(n);
    v.push_back(1000000);
    if (!quick)
      v.push_back(10000000);
    return v;
  }
  if (quick)
    return {1, 64, 4096};
  return {1, 16, 256, 4096, 65536};
}

struct Row
{
  std::string scenario, variant;
  std::int64_t n;
  int steps, samples;
  double med, lo, hi; // seconds per run
  double units;
  std::string note;
};

int
rss_mode(const Options & o, const std::string & variant, const std::string & scenario, std::int64_t n)
{
  Bench b;
  if (variant == "eager")
    b.eager = neml2::load_model(input_file(o, scenario), model_name(scenario));
  else
    b.compiled = std::make_unique<neml2::aoti::Model>(artifact_dir(o.artifacts, scenario));
  long before = peak_rss_kib();
  std::vector<std::shared_ptr<void>> keep;
  auto c = make_case(scenario, variant, b, n, keep);
  c.run();
  std::printf("%s,%s,%lld,%ld,%ld\n", scenario.c_str(), variant.c_str(), (long long)n, before, peak_rss_kib());
  return 0;
}
} // namespace

int
main(int argc, char ** argv)
{
  Options o;
  std::string rss_variant, rss_scenario;
  std::int64_t rss_n = 0;
  for (int i = 1; i < argc; ++i)
  {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc)
        throw std::runtime_error("missing value after " + a);
      return argv[++i];
    };
    if (a == "--root")
      o.root = next();
    else if (a == "--artifacts")
      o.artifacts = next();
    else if (a == "--csv")
      o.csv = next();
    else if (a == "--samples")
      o.samples = std::stoi(next());
    else if (a == "--min-sample")
      o.min_sample = std::stod(next());
    else if (a == "--quick")
      o.quick = true;
    else if (a == "--max-run")
      o.max_run = std::stod(next());
    else if (a == "--baseline")
      o.baseline = next();
    else if (a == "--variants")
    {
      std::stringstream ss(next());
      for (std::string s; std::getline(ss, s, ',');)
        if (!s.empty())
          o.variants.push_back(s);
    }
    else if (a == "--sizes")
    {
      std::stringstream ss(next());
      for (std::string s; std::getline(ss, s, ',');)
        if (!s.empty())
          o.sizes.push_back(std::stoll(s));
    }
    else if (a == "--scenarios")
    {
      o.scenarios.clear();
      std::stringstream ss(next());
      for (std::string s; std::getline(ss, s, ',');)
        if (!s.empty())
          o.scenarios.push_back(s);
    }
    else if (a == "--rss")
    {
      rss_variant = next();
      rss_scenario = next();
      rss_n = std::stoll(next());
    }
    else
    {
      std::fprintf(stderr, "unknown argument %s\n", a.c_str());
      return 2;
    }
  }
  try
  {
    if (!rss_variant.empty())
      return rss_mode(o, rss_variant, rss_scenario, rss_n);

    std::vector<Row> rows;
    auto [bw0, bw0m] = triad();
    std::printf("triad (start): best %.1f GB/s, median %.1f GB/s, %d OpenMP threads\n", bw0, bw0m,
                omp_get_max_threads());

    for (auto & scenario : o.scenarios)
    {
      Bench b;
      std::vector<std::string> variants;
      auto wanted = [&](const char * v) {
        return o.variants.empty() || std::find(o.variants.begin(), o.variants.end(), v) != o.variants.end();
      };
      try
      {
        if (wanted("eager"))
        {
          b.eager = neml2::load_model(input_file(o, scenario), model_name(scenario));
          variants.push_back("eager");
        }
      }
      catch (const std::exception & e)
      {
        std::printf("%s: eager model not loaded: %s\n", scenario.c_str(), e.what());
      }
      for (const char * v : {"compiled", "baseline"})
        try
        {
          const auto & dir = std::string(v) == "baseline" ? o.baseline : o.artifacts;
          if (!wanted(v) || dir.empty())
            continue;
          (std::string(v) == "baseline" ? b.baseline : b.compiled) =
              std::make_unique<neml2::aoti::Model>(artifact_dir(dir, scenario));
          variants.push_back(v);
        }
        catch (const std::exception & e)
        {
          std::printf("%s: %s artifact not loaded: %s\n", scenario.c_str(), v, e.what());
        }
      if (b.compiled && wanted("compiled_omp"))
      {
        b.omp_artifact = std::make_shared<neml2::aoti::LoadedArtifact>(
            neml2::aoti::load_artifact(artifact_dir(o.artifacts, scenario), "cpu"));
        b.omp_entry = b.omp_artifact->kernels.at("forward");
        variants.push_back("compiled_omp");
      }
      std::map<std::string, double> last_run; // seconds of one run at the previous N
      std::map<std::string, std::int64_t> last_n;
      std::int64_t n = 0;
      // one run's time at this N, from the previous N (small batches are overhead-bound: scale
      // linearly only from 64 points on)
      auto predicted = [&](const std::string & v) {
        return last_run[v] * std::max(1.0, double(n) / double(std::max<std::int64_t>(last_n[v], 64)));
      };
      for (auto n_ : o.sizes.empty() ? sizes(scenario, o.quick) : o.sizes)
      {
        n = n_;
        std::vector<std::shared_ptr<void>> keep;
        std::vector<Case> cases;
        std::vector<int> reps;
        for (auto & v : variants)
        {
          if (scenario == "elasticity" && v == "eager" && n > 1000000)
            continue; // 1e7 for the compiled model only
          if (last_run.count(v) && predicted(v) > o.max_run)
          {
            std::printf("%s %s N=%lld skipped: one run would take ~%.1f s (%.2g s at N=%lld)\n", scenario.c_str(),
                        v.c_str(), (long long)n, predicted(v), last_run[v], (long long)last_n[v]);
            continue;
          }
          cases.push_back(make_case(scenario, v, b, n, keep));
          // warm-up and calibration
          auto & c = cases.back();
          c.run();
          double t0 = now();
          c.run();
          double t1 = std::max(now() - t0, 1e-9);
          last_run[v] = t1;
          last_n[v] = n;
          reps.push_back(int(std::clamp(o.min_sample / t1, 1.0, 1e7)));
        }
        if (cases.empty())
          continue;
        // samples: as many as fit in max_case per variant (at least 3)
        int samples = o.samples;
        for (std::size_t i = 0; i < cases.size(); ++i)
          samples = std::min(samples, std::max(3, int(o.max_case / (last_run[cases[i].variant] * reps[i]))));
        std::vector<std::vector<double>> t(cases.size());
        for (int s = 0; s < samples; ++s)
          for (std::size_t j = 0; j < cases.size(); ++j)
          {
            std::size_t i = (j + s) % cases.size(); // rotate the order
            double t0 = now();
            for (int r = 0; r < reps[i]; ++r)
              cases[i].run();
            t[i].push_back((now() - t0) / reps[i]);
          }
        for (std::size_t i = 0; i < cases.size(); ++i)
        {
          auto v = t[i];
          std::sort(v.begin(), v.end());
          Row r{scenario,
                cases[i].variant,
                n,
                scenario == "elasticity" ? 1 : Loading::nstep,
                samples,
                v[v.size() / 2],
                v.front(),
                v.back(),
                cases[i].units,
                ""};
          std::printf("%-10s %-8s N=%-9lld %12.4g per run  %10.3e updates/s  (min %.3e max %.3e, %d x %d)\n",
                      scenario.c_str(), r.variant.c_str(), (long long)n, r.med, r.units / r.med, r.units / r.hi,
                      r.units / r.lo, samples, reps[i]);
          std::fflush(stdout);
          rows.push_back(r);
        }
      }
    }
    auto [bw1, bw1m] = triad();
    std::printf("triad (end): best %.1f GB/s, median %.1f GB/s\n", bw1, bw1m);
    std::printf("peak RSS of this process: %.1f MiB\n", peak_rss_kib() / 1024.0);

    if (!o.csv.empty())
    {
      std::ofstream f(o.csv);
      f << "scenario,variant,n,steps,samples,median_s,min_s,max_s,updates_per_s,updates_per_s_min,"
           "updates_per_s_max\n";
      for (auto & r : rows)
      {
        char buf[512];
        std::snprintf(buf, sizeof buf, "%s,%s,%lld,%d,%d,%.6e,%.6e,%.6e,%.6e,%.6e,%.6e\n", r.scenario.c_str(),
                      r.variant.c_str(), (long long)r.n, r.steps, r.samples, r.med, r.lo, r.hi, r.units / r.med,
                      r.units / r.hi, r.units / r.lo);
        f << buf;
      }
      std::ofstream g(o.csv.substr(0, o.csv.size() - 4) + "_triad.csv");
      g << "when,best_GBps,median_GBps,threads\n";
      g << "start," << bw0 << "," << bw0m << "," << omp_get_max_threads() << "\n";
      g << "end," << bw1 << "," << bw1m << "," << omp_get_max_threads() << "\n";
    }
    return 0;
  }
  catch (const std::exception & e)
  {
    std::fprintf(stderr, "neml2-bench: %s\n", e.what());
    return 1;
  }
}

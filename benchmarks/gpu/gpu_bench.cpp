// neml2-gpu-bench: compiled CUDA kernels on the GPU, against the CPU build of the same artifact.
//
//   neml2-gpu-bench --artifacts DIR [--out DIR] [--quick]
//
// DIR/<scenario>/<model> are artifacts compiled with `--device cpu cuda` (scripts/gpu-check does
// it). Measures, on device pointers through neml2::aoti::Model::forward_into:
//   - elasticity: forward at 10^7 points; GB/s at 96 B/point (6 doubles in, 6 out) as a fraction
//     of a device-to-device copy measured in the same run and of the card's nominal HBM bandwidth;
//   - isoharden, chaboche2: 100-step transient runs at 10^4, 10^5, 10^6 points (point-steps/s);
//     prescribed values of every step are on the GPU before timing, states are double-buffered.
// and checks CUDA against CPU: 1e-12 relative (elasticity, all points), 1e-10 (implicit, every
// output at every step at the smallest size). Timing: synchronise + steady_clock, median of
// repeats after a warm-up. Needs only libneml2: the GPU is reached through the artifact's
// neml2_cuda_* helpers. Writes gpu.csv and summary.md into --out; exit 1 when a check fails.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "../common.h"
#include "neml2/runtime/aoti_model.h"
#include "neml2/runtime/cuda_api.h"

using namespace neml2bench;
using neml2::aoti::CopyKind;
using neml2::aoti::CudaApi;
using neml2::aoti::DeviceBuffer;
using Clock = std::chrono::steady_clock;

namespace
{
double
seconds_since(Clock::time_point t0)
{
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

double
median(std::vector<double> v)
{
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

/// Times `run` (which must synchronise): `warmup` untimed calls, then `reps` timed ones.
std::vector<double>
time_runs(const std::function<void()> & run, int warmup, int reps)
{
  for (int i = 0; i < warmup; ++i)
    run();
  std::vector<double> t;
  for (int i = 0; i < reps; ++i)
  {
    const auto t0 = Clock::now();
    run();
    t.push_back(seconds_since(t0));
  }
  return t;
}

/// Nominal memory bandwidth (bytes/s) of a few data-centre GPUs, by name; 0 when unknown.
double
nominal_bandwidth(const std::string & name)
{
  auto has = [&](const char * s) { return name.find(s) != std::string::npos; };
  if (has("H200"))
    return 4.8e12;
  if (has("H100") && has("PCIe"))
    return 2.0e12;
  if (has("H100") && has("NVL"))
    return 3.9e12;
  if (has("H100"))
    return 3.35e12; // SXM5, HBM3
  if (has("A100") && has("80GB"))
    return 2.039e12;
  if (has("A100"))
    return 1.555e12;
  return 0;
}

/// max |a - b| / max |b| (NaN where exactly one of a pair is NaN).
double
max_rel_error(const double * a, const double * b, std::size_t n)
{
  double diff = 0, scale = 0;
  for (std::size_t i = 0; i < n; ++i)
  {
    if (std::isnan(a[i]) != std::isnan(b[i]))
      return NAN;
    if (a[i] == b[i] || std::isnan(a[i]))
      continue;
    diff = std::max(diff, std::fabs(a[i] - b[i]));
    scale = std::max(scale, std::fabs(b[i]));
  }
  return diff == 0 ? 0 : diff / std::max(scale, 1e-300);
}

struct Row
{
  std::string scenario;
  std::int64_t n;
  int steps, samples;
  double median_s, min_s, max_s;
  double units; // point-updates per run
};

struct Check
{
  std::string what;
  double error, tolerance;
  bool ok() const { return error <= tolerance; } // NaN fails
};

/**
 * The transient loading of common.h on the GPU: device buffers for every state variable (current
 * and previous step, swapped each step) and the prescribed values of every step uploaded once.
 */
class DeviceTransient
{
public:
  DeviceTransient(const neml2::aoti::Model & m, std::int64_t n)
    : _m(m),
      _api(m.cuda()),
      _n(n)
  {
    for (const auto & o : m.outputs())
    {
      auto & s = _state[o.name];
      s.nc = ncomp(o.type);
      s.cur = DeviceBuffer(_api, bytes(s.nc));
      s.prev = DeviceBuffer(_api, bytes(s.nc));
      _outs.push_back(o.name);
    }
    for (const auto & v : m.inputs())
    {
      const auto & name = v.name;
      const bool old = name.size() > 2 && name.ends_with("~1");
      const auto base = old ? name.substr(0, name.size() - 2) : name;
      if (Loading::prescribed(base) && !_prescribed.count(base))
      {
        // every step's values, point-major per step, uploaded before any timing
        const auto nc = ncomp(v.type);
        std::vector<double> host(static_cast<std::size_t>((Loading::nstep + 1) * n * nc));
        for (int k = 0; k <= Loading::nstep; ++k)
          Loading::fill(base, k, host.data() + static_cast<std::size_t>(k * n * nc), n);
        auto & p = _prescribed[base];
        p.nc = nc;
        p.values = DeviceBuffer(_api, host.size() * sizeof(double));
        _api.memcpy(p.values.get(), host.data(), p.values.size(), CopyKind::HostToDevice);
      }
      else if (!Loading::prescribed(base) && (!old || !_state.count(base)))
        throw std::runtime_error("gpu bench: input '" + name + "' is neither prescribed nor X~1 of an output");
      _ins.push_back({base, old});
    }
    _api.synchronize();
  }

  /// Zero state at step 0.
  void reset()
  {
    for (auto & [name, s] : _state)
    {
      _api.memset(s.cur.get(), 0, s.cur.size());
      _api.memset(s.prev.get(), 0, s.prev.size());
    }
  }

  /// Step k (1..nstep): previous values are step k-1's. Returns after the kernel finished when the
  /// model is implicit (forward_into checks convergence).
  void step(int k)
  {
    for (auto & [name, s] : _state)
      std::swap(s.cur, s.prev);
    std::vector<const void *> args;
    for (const auto & [base, old] : _ins)
    {
      if (auto it = _prescribed.find(base); it != _prescribed.end())
        args.push_back(static_cast<const double *>(it->second.values.get()) + (old ? k - 1 : k) * _n * it->second.nc);
      else
        args.push_back(_state.at(base).prev.get());
    }
    std::vector<void *> outs;
    for (const auto & name : _outs)
      outs.push_back(_state.at(name).cur.get());
    const std::vector<std::int64_t> strides(args.size(), 1);
    _m.forward_into(_n, args.data(), strides.data(), outs.data());
  }

  void run()
  {
    reset();
    for (int k = 1; k <= Loading::nstep; ++k)
      step(k);
    _api.synchronize();
  }

  /// The current value of output `name`, copied to the host.
  std::vector<double> current(const std::string & name)
  {
    const auto & s = _state.at(name);
    std::vector<double> host(static_cast<std::size_t>(_n * s.nc));
    _api.memcpy(host.data(), s.cur.get(), s.cur.size(), CopyKind::DeviceToHost);
    _api.synchronize();
    return host;
  }

private:
  std::size_t bytes(std::int64_t nc) const { return static_cast<std::size_t>(_n * nc) * sizeof(double); }

  struct State
  {
    std::int64_t nc = 1;
    DeviceBuffer cur, prev;
  };
  struct Prescribed
  {
    std::int64_t nc = 1;
    DeviceBuffer values;
  };
  const neml2::aoti::Model & _m;
  const CudaApi & _api;
  std::int64_t _n;
  std::map<std::string, State> _state;
  std::map<std::string, Prescribed> _prescribed;
  std::vector<std::pair<std::string, bool>> _ins; // base name, previous step?
  std::vector<std::string> _outs;
};

std::string
artifact(const std::string & dir, const std::string & scenario)
{
  return dir + "/" + scenario + "/" + (scenario == "elasticity" ? "elasticity" : "model");
}
} // namespace

int
main(int argc, char ** argv)
{
  std::string artifacts, out;
  bool quick = false;
  for (int i = 1; i < argc; ++i)
  {
    const std::string a = argv[i];
    if (a == "--artifacts" && i + 1 < argc)
      artifacts = argv[++i];
    else if (a == "--out" && i + 1 < argc)
      out = argv[++i];
    else if (a == "--quick")
      quick = true;
    else
    {
      std::fprintf(stderr, "usage: neml2-gpu-bench --artifacts DIR [--out DIR] [--quick]\n");
      return 2;
    }
  }
  if (artifacts.empty())
  {
    std::fprintf(stderr, "usage: neml2-gpu-bench --artifacts DIR [--out DIR] [--quick]\n");
    return 2;
  }
  std::vector<Row> rows;
  std::vector<Check> checks;
  std::ostringstream md;
  try
  {
    // ---- elasticity: bandwidth-bound forward at 1e7 points
    neml2::aoti::Model egpu(artifact(artifacts, "elasticity"), "cuda"), ecpu(artifact(artifacts, "elasticity"), "cpu");
    const auto & api = egpu.cuda();
    const auto card = api.device_name();
    std::printf("GPU: %s\n", card.c_str());
    md << "# GPU benchmark: " << card << "\n\n";

    const std::size_t copy_bytes = std::size_t(1) << 30;
    std::vector<double> copy_bw;
    {
      DeviceBuffer a(api, copy_bytes), b(api, copy_bytes);
      api.memset(a.get(), 1, copy_bytes);
      for (double t : time_runs(
               [&] {
                 api.memcpy(b.get(), a.get(), copy_bytes, CopyKind::DeviceToDevice);
                 api.synchronize();
               },
               3, 15))
        copy_bw.push_back(2.0 * double(copy_bytes) / t); // read + write
    }
    const double copy = median(copy_bw);
    const double nominal = nominal_bandwidth(card);
    std::printf("device-to-device copy (1 GiB, read + write): %.1f GB/s median; nominal %s\n", copy / 1e9,
                nominal > 0 ? (std::to_string(int(nominal / 1e9)) + " GB/s").c_str() : "unknown");

    const std::int64_t ne = quick ? 1000000 : 10000000;
    std::vector<double> strain(static_cast<std::size_t>(6 * ne)), stress(strain.size()), want(strain.size());
    fill_strain(strain.data(), ne);
    const auto eb = strain.size() * sizeof(double);
    DeviceBuffer din(api, eb), dout(api, eb);
    api.memcpy(din.get(), strain.data(), eb, CopyKind::HostToDevice);
    const void * eargs[] = {din.get()};
    void * eouts[] = {dout.get()};
    const std::int64_t estrides[] = {1};
    const auto et = time_runs(
        [&] {
          egpu.forward_into(ne, eargs, estrides, eouts);
          api.synchronize();
        },
        3, 21);
    const double emed = median(et);
    rows.push_back({"elasticity", ne, 1, int(et.size()), emed, *std::min_element(et.begin(), et.end()),
                    *std::max_element(et.begin(), et.end()), double(ne)});
    const double gbps = 96.0 * double(ne) / emed;
    std::printf("elasticity N=%lld: %.3f ms, %.1f GB/s = %.0f%% of the measured copy%s\n", (long long)ne, emed * 1e3,
                gbps / 1e9, 100 * gbps / copy,
                nominal > 0 ? (", " + std::to_string(int(std::lround(100 * gbps / nominal))) + "% of nominal").c_str()
                            : "");
    api.memcpy(stress.data(), dout.get(), eb, CopyKind::DeviceToHost);
    api.synchronize();
    const void * hargs[] = {strain.data()};
    void * houts[] = {want.data()};
    ecpu.forward_into(ne, hargs, estrides, houts);
    const bool bitwise = std::memcmp(stress.data(), want.data(), eb) == 0;
    checks.push_back({"elasticity forward, " + std::to_string(ne) + " points" + (bitwise ? " (bit-identical)" : ""),
                      max_rel_error(stress.data(), want.data(), stress.size()), 1e-12});

    md << "## Memory bandwidth (elasticity forward, " << ne << " points, 96 B/point)\n\n";
    md << "| quantity | value |\n|---|---|\n";
    md << "| device-to-device copy, 1 GiB (read + write), median of 15 | " << copy / 1e9 << " GB/s |\n";
    md << "| nominal HBM bandwidth of the card | "
       << (nominal > 0 ? std::to_string(nominal / 1e9) + " GB/s" : std::string("unknown")) << " |\n";
    md << "| elasticity forward, median of " << et.size() << " | " << emed * 1e3 << " ms |\n";
    md << "| effective bandwidth | " << gbps / 1e9 << " GB/s |\n";
    md << "| fraction of the measured copy | " << 100 * gbps / copy << " % |\n";
    if (nominal > 0)
      md << "| fraction of nominal | " << 100 * gbps / nominal << " % |\n";
    md << "\n";

    // ---- implicit scenarios: 100-step runs
    md << "## Implicit updates, 100 steps (point-steps/s)\n\n| scenario | N | median s per run | point-steps/s |\n"
          "|---|---|---|---|\n";
    const std::vector<std::int64_t> sizes =
        quick ? std::vector<std::int64_t>{10000, 100000} : std::vector<std::int64_t>{10000, 100000, 1000000};
    for (const std::string scenario : {"isoharden", "chaboche2"})
    {
      neml2::aoti::Model gpu(artifact(artifacts, scenario), "cuda"), cpu(artifact(artifacts, scenario), "cpu");
      for (const auto n : sizes)
      {
        DeviceTransient dt(gpu, n);
        if (n == sizes.front())
        {
          // correctness: CUDA and CPU in lockstep, every output at every step
          Transient ht(spec_of(cpu.inputs()), spec_of(cpu.outputs()), n);
          const std::vector<std::int64_t> strides(cpu.inputs().size(), 1);
          double worst = 0;
          dt.reset();
          for (int k = 1; k <= Loading::nstep; ++k)
          {
            ht.advance(k);
            cpu.forward_into(n, ht.args().data(), strides.data(), ht.outs().data());
            dt.step(k);
            for (const auto & o : cpu.outputs())
            {
              const auto got = dt.current(o.name);
              worst = std::max(worst, max_rel_error(got.data(), ht.state(o.name).cur.data(), got.size()));
            }
          }
          checks.push_back(
              {scenario + ", 100 steps, " + std::to_string(n) + " points, every output and step", worst, 1e-10});
          std::printf("%s: CUDA vs CPU max relative error %.3g over 100 steps at N=%lld\n", scenario.c_str(), worst,
                      (long long)n);
        }
        const auto t0 = Clock::now();
        dt.run(); // warm-up, and the estimate of how many repeats fit
        const double once = seconds_since(t0);
        const int reps = once > 5 ? 1 : once > 1 ? 3 : 5;
        const auto t = time_runs([&] { dt.run(); }, 0, reps);
        const double med = median(t);
        rows.push_back({scenario, n, Loading::nstep, reps, med, *std::min_element(t.begin(), t.end()),
                        *std::max_element(t.begin(), t.end()), double(n) * Loading::nstep});
        std::printf("%-10s N=%-8lld %9.4f s per 100 steps  %.3e point-steps/s  (%d runs)\n", scenario.c_str(),
                    (long long)n, med, double(n) * Loading::nstep / med, reps);
        std::fflush(stdout);
        md << "| " << scenario << " | " << n << " | " << med << " | " << double(n) * Loading::nstep / med << " |\n";
      }
    }
  }
  catch (const std::exception & e)
  {
    std::fprintf(stderr, "neml2-gpu-bench: %s\n", e.what());
    return 1;
  }

  md << "\n## CUDA against the CPU build of the same artifact\n\n| check | max relative error | tolerance | |\n"
        "|---|---|---|---|\n";
  bool ok = true;
  for (const auto & c : checks)
  {
    std::printf("check %-70s %.3g (tolerance %g) %s\n", c.what.c_str(), c.error, c.tolerance, c.ok() ? "PASS" : "FAIL");
    md << "| " << c.what << " | " << c.error << " | " << c.tolerance << " | " << (c.ok() ? "PASS" : "FAIL") << " |\n";
    ok = ok && c.ok();
  }
  if (!out.empty())
  {
    std::filesystem::create_directories(out);
    std::ofstream csv(out + "/gpu.csv");
    csv << "scenario,n,steps,samples,median_s,min_s,max_s,updates_per_s\n";
    for (const auto & r : rows)
      csv << r.scenario << "," << r.n << "," << r.steps << "," << r.samples << "," << r.median_s << "," << r.min_s
          << "," << r.max_s << "," << r.units / r.median_s << "\n";
    std::ofstream(out + "/summary.md") << md.str();
  }
  return ok ? 0 : 1;
}

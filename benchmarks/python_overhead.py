#!/usr/bin/env python3
"""Per-call overhead of the Python package at batch size 1 (one material point).

Times the seed's elasticity model (input.i, LinearIsotropicElasticity) called
- eagerly (`model(x)`),
- compiled through its stub (`compiled(x)`, the AOTIModel shim),
- through the runtime binding (`compiled._inner.forward({...})`) and its zero-allocation
  `forward_into`,
- with torch inputs that require grad: the call alone (it also computes the Jacobian that backward
  will use) and the call followed by `.sum().backward()`, eager and compiled,
with NumPy arrays and with torch tensors, against the same calls made directly from C++ (a small
program built against the installed package's headers and libneml2). The differences are the cost
of the Python layer: argument parsing, DLPack wrapping of the inputs, wrapping the results as
arrays of the caller's framework, and the typed wrappers.

Usage: python benchmarks/python_overhead.py [--calls N] [--repeats R] [--no-cpp]
Needs the neml2 package installed (scripts/test-python builds one in build/venv-python).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path

INPUT = """\
[Models]
  [elasticity]
    type = LinearIsotropicElasticity
    coefficients      = '200e3          0.3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
  []
[]
"""

CPP = r"""
// The C++ baseline: the same calls as the Python benchmark, made directly.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <vector>

#include "neml2/models/model.h"
#include "neml2/runtime/aoti_model.h"

// Thread CPU time, as the Python side measures (time.thread_time).
double thread_ns()
{
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) * 1e9 + double(ts.tv_nsec);
}

template <typename F>
double ns_per_call(F && f, long calls, int repeats)
{
  double best = 1e300;
  for (int r = 0; r < repeats; ++r)
  {
    const double t0 = thread_ns();
    for (long i = 0; i < calls; ++i)
      f();
    best = std::min(best, (thread_ns() - t0) / double(calls));
  }
  return best;
}

int main(int argc, char ** argv)
{
  const long calls = std::atol(argv[4]);
  const int repeats = std::atoi(argv[5]);
  auto eager = neml2::load_model(argv[1], "elasticity");
  auto stub = neml2::load_model(argv[2], "elasticity");
  neml2::aoti::Model rt(argv[3]);
  std::vector<double> v = {0.01, 0, 0, 0, 0, 0};
  auto x = neml2::Tensor::from_values({1}, {6}, v);
  neml2::ValueMap in{{"strain", x}};
  volatile double sink = 0;
  std::printf("eager %.1f\n", ns_per_call([&] { sink = sink + eager->value(in).at("stress").at(0); }, calls, repeats));
  std::printf("compiled %.1f\n", ns_per_call([&] { sink = sink + stub->value(in).at("stress").at(0); }, calls, repeats));
  std::printf("forward %.1f\n", ns_per_call([&] { sink = sink + rt.forward(in).at("stress").at(0); }, calls, repeats));
  double out[6];
  const void * args[1] = {v.data()};
  void * outs[1] = {out};
  const std::int64_t strides[1] = {1};
  std::printf("forward_into %.1f\n",
              ns_per_call([&] { rt.forward_into(1, args, strides, outs); sink = sink + out[0]; }, calls, repeats));
  return 0;
}
"""


def tool(name: str) -> str:
    path = shutil.which(name, path=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    if not path:
        sys.exit(f"{name} is not on PATH: install the neml2 package first (scripts/test-python)")
    return path


def time_us(f, calls: int, repeats: int) -> float:
    # Thread CPU time, not wall time: on a shared machine, time slices given to other processes
    # are not counted (the C++ baseline measures the same clock).
    return min(timeit.repeat(f, number=calls, repeat=repeats, timer=time.thread_time)) / calls * 1e6


def cpp_baseline(work: Path, calls: int, repeats: int) -> dict:
    import neml2._neml2 as native

    pkg = Path(native.__file__).resolve().parent
    inc, lib = pkg / "include", pkg / "lib"
    if not (inc / "neml2" / "models" / "model.h").is_file():
        return {"error": f"no headers in {inc}"}
    src, exe = work / "baseline.cpp", work / "baseline"
    src.write_text(CPP)
    cxx = os.environ.get("CXX", "c++")
    # libneml2 is split by layer (libneml2_base, libneml2_models, ...): link every one installed.
    libs = sorted(f"-l{p.name[3:-3]}" for p in lib.glob("libneml2*.so"))
    # --no-as-needed: the model types register themselves when their library loads, unreferenced.
    cmd = [cxx, "-O2", "-std=c++20", str(src), "-o", str(exe), f"-I{inc}", f"-L{lib}", "-Wl,--no-as-needed", *libs, "-lfmt",
           f"-Wl,-rpath,{lib}"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        return {"error": "could not build the C++ baseline:\n" + r.stderr[-2000:]}
    r = subprocess.run(
        [str(exe), str(work / "input.i"), str(work / "aoti" / "elasticity_aoti.i"), str(work / "aoti" / "elasticity"),
         str(calls), str(repeats)],
        capture_output=True, text=True, check=True,
    )
    return {k: float(v) / 1000 for k, v in (line.split() for line in r.stdout.splitlines())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--calls", type=int, default=20000, help="calls per timing (default 20000)")
    ap.add_argument("--repeats", type=int, default=7, help="timings; the best is kept (default 7)")
    ap.add_argument("--no-cpp", action="store_true", help="skip the C++ baseline")
    args = ap.parse_args()

    import numpy as np

    import neml2
    from neml2.types import SR2

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "input.i").write_text(INPUT)
        subprocess.run([tool("neml2-compile"), "input.i", "--model", "elasticity", "-d", "stress:strain", "-q"],
                       cwd=work, check=True)
        eager = neml2.load_model(work / "input.i", "elasticity")
        compiled = neml2.load_model(work / "aoti" / "elasticity_aoti.i", "elasticity")
        binding = compiled._inner

        rows = {}
        frameworks = ["numpy"]
        try:
            import torch  # noqa: F401

            frameworks.append("torch")
        except ImportError:
            pass
        for fw in frameworks:
            if fw == "numpy":
                x = np.array([[0.01, 0, 0, 0, 0, 0]])
                out = np.empty((1, 6))
            else:
                import torch

                x = torch.tensor([[0.01, 0, 0, 0, 0, 0]], dtype=torch.float64)
                out = torch.empty(1, 6, dtype=torch.float64)
            s = SR2(x)
            d = {"strain": x}
            o = {"stress": out}
            cases = {
                "eager": lambda: eager(s),
                "compiled": lambda: compiled(s),
                "forward": lambda: binding.forward(d),
                "forward_into": lambda: binding.forward_into(d, o),
            }
            if fw == "torch":
                sg = SR2(x.clone().requires_grad_(True))
                cases.update(
                    {
                        "eager_grad": lambda: eager(sg),
                        "eager_backward": lambda: eager(sg).data.sum().backward(),
                        "compiled_grad": lambda: compiled(sg),
                        "compiled_backward": lambda: compiled(sg)[0].data.sum().backward(),
                    }
                )
            for name, f in cases.items():
                f()
                rows.setdefault(name, {})[fw] = time_us(f, args.calls, args.repeats)

        cpp = {} if args.no_cpp else cpp_baseline(work, args.calls, args.repeats)

    labels = {
        "eager": "eager      model(SR2(x))",
        "compiled": "compiled   compiled(SR2(x))   [AOTIModel shim]",
        "forward": "binding    _inner.forward({...})",
        "forward_into": "binding    _inner.forward_into(in, out)",
        "eager_grad": "eager      model(x), x.requires_grad",
        "eager_backward": "eager      model(x).sum().backward()",
        "compiled_grad": "compiled   compiled(x), x.requires_grad",
        "compiled_backward": "compiled   compiled(x)[0].sum().backward()",
    }
    cols = frameworks + (["C++"] if cpp and "error" not in cpp else [])
    print(f"neml2 Python call overhead, batch 1 (best of {args.repeats} x {args.calls} calls; "
          "thread CPU microseconds per call)")
    print(f"python {platform.python_version()}, numpy {np.__version__}"
          + (f", torch {sys.modules['torch'].__version__}" if "torch" in sys.modules else ""))
    print()
    head = f"| {'call':<48} | " + " | ".join(f"{c:>8}" for c in cols)
    if "C++" in cols:
        head += " | numpy - C++ | torch - C++" if "torch" in cols else " | numpy - C++"
    print(head + " |")
    print("|" + "-" * 50 + "|" + "|".join("-" * 10 for _ in cols) + ("|" + "-" * 13 if "C++" in cols else "")
          + ("|" + "-" * 13 if "C++" in cols and "torch" in cols else "") + "|")
    cell = lambda v, w: f"{v:{w}.2f}" if v is not None else f"{'-':>{w}}"  # noqa: E731
    for name, label in labels.items():
        if name not in rows:
            continue
        vals = [rows[name].get(fw) for fw in frameworks]
        line = f"| {label:<48} | " + " | ".join(cell(v, 8) for v in vals)
        if "C++" in cols:
            c = cpp.get(name)
            diff = lambda v: v - c if v is not None and c is not None else None  # noqa: E731
            line += f" | {cell(c, 8)} | {cell(diff(vals[0]), 11)}"
            if "torch" in cols:
                line += f" | {cell(diff(vals[1]), 11)}"
        print(line + " |")
    if cpp.get("error"):
        print("\nC++ baseline skipped:", cpp["error"])


if __name__ == "__main__":
    main()

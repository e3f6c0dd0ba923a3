#!/usr/bin/env python3
"""The peer's side of the benchmark: NEML2 v3 (PyPI `neml2`, pinned in benchmarks/requirements-peer.txt),
run from its own virtual environment (it imports as `neml2` too).

Variants, for the same scenarios, loading and batch sizes as benchmarks/harness.cpp:
- peer_eager: `neml2.load_model(input, name)` called on typed wrappers (torch eager, no_grad);
- peer_aoti:  the AOTInductor artifact from the peer's `neml2-compile`, called through its runtime
              binding `neml2.aoti.Model(artifact).forward({name: tensor})` (the peer's fastest entry;
              the HIT shim adds Python checks on top).
Variants are interleaved sample by sample; medians and min/max after a warm-up run.

Usage: peer_neml2.py --root REPO --artifacts DIR --csv OUT.csv [--quick] [--samples 7]
       peer_neml2.py --rss VARIANT SCENARIO N --root REPO --artifacts DIR
"""

from __future__ import annotations

import argparse
import math
import resource
import sys
import time
import warnings

warnings.filterwarnings("ignore")

import torch  # noqa: E402

import neml2  # noqa: E402

try:
    import neml2.aoti as peer_aoti  # noqa: E402
except Exception as e:  # noqa: BLE001
    peer_aoti = None
    PEER_AOTI_ERROR = f"{type(e).__name__}: {e}"

SCENARIOS = {
    "elasticity": ("examples/elasticity/input.i", "elasticity"),
    "isoharden": ("examples/plasticity/viscoplasticity_isoharden.i", "model"),
    "chaboche2": ("examples/plasticity/viscoplasticity_chaboche.i", "model"),
}
NSTEP = 100
D = torch.float64


def sizes(scenario, quick):
    if scenario == "elasticity":
        v = [4**k for k in range(9)] + [1000000]
        return v
    return [1, 64, 4096] if quick else [1, 16, 256, 4096, 65536]


def strain(n):
    p = torch.arange(n, dtype=D)[:, None]
    c = torch.arange(6, dtype=D)[None, :]
    return 1e-3 * torch.sin(0.37 * p + 1.3 * c)


def end_time(n):
    p = torch.arange(n, dtype=D) % 20
    return 10.0 ** (-1.0 + 6.0 * p / 19.0)


def prescribed(name, k, n, tend):
    f = k / NSTEP
    if name == "t":
        return f * tend
    if name == "E":
        e = torch.zeros(n, 6, dtype=D)
        e[:, 0], e[:, 1], e[:, 2] = 0.1 * f, -0.05 * f, -0.05 * f
        return e
    raise ValueError(f"unknown prescribed variable {name}")


def base_size(typ):
    return {"Scalar": (), "SR2": (6,)}[typ]


class Transient:
    """Steps a model with `inputs` (name -> type name) and `outputs` (name -> type name)."""

    def __init__(self, inputs, outputs, n):
        self.inputs, self.outputs, self.n = [k for k, _ in inputs], [k for k, _ in outputs], n
        self.tend = end_time(n)
        self.types = dict(inputs + outputs)

    def zero(self, name):
        return torch.zeros(self.n, *base_size(self.types[name]), dtype=D)

    def run(self, call):
        cur = {name: self.zero(name) for name in self.outputs}
        cur["t"] = prescribed("t", 0, self.n, self.tend)
        cur["E"] = prescribed("E", 0, self.n, self.tend)
        for k in range(1, NSTEP + 1):
            prev = cur
            cur = {"t": prescribed("t", k, self.n, self.tend), "E": prescribed("E", k, self.n, self.tend)}
            args = []
            for name in self.inputs:
                if name.endswith("~1"):
                    args.append(prev[name[:-2]])
                elif name in ("t", "E"):
                    args.append(cur[name])
                else:  # an unknown of the implicit update: its initial guess, the previous value
                    args.append(prev[name])
            out = call(args)
            cur.update(zip(self.outputs, out))


def type_name(cls_or_obj):
    n = cls_or_obj if isinstance(cls_or_obj, str) else getattr(cls_or_obj, "__name__", str(cls_or_obj))
    return n.split(".")[-1]


def make_case(scenario, variant, models, n):
    """Returns (run, units): run() does one call (elasticity) or 100 steps."""
    if variant == "peer_eager":
        m = models["eager"]
        ins = [(k, type_name(v)) for k, v in m.input_spec.items()]
        outs = [(k, type_name(v)) for k, v in m.output_spec.items()]
        wrap = {k: getattr(neml2.types, t) for k, t in ins}
        names = [k for k, _ in ins]

        def call(args):
            with torch.no_grad():
                r = m(*[wrap[k](a) for k, a in zip(names, args)])
            if isinstance(r, dict):
                r = [r[k] for k, _ in outs]
            elif not isinstance(r, (tuple, list)):
                r = [r]
            return [x.data for x in r]
    else:
        m = models["aoti"]
        names = list(m.input_names)
        outnames = list(m.output_names)
        e = models["eager"]
        ins = [(k, type_name(e.input_spec[k])) for k in names]
        outs = [(k, type_name(e.output_spec[k])) for k in outnames]

        def call(args):
            r = m.forward(dict(zip(names, args)))
            return [r[k] for k in outnames]

    if scenario == "elasticity":
        x = strain(n)
        return (lambda: call([x])), float(n)
    tr = Transient(ins, outs, n)
    return (lambda: tr.run(call)), float(n * NSTEP)


def load(args, scenario):
    file, name = SCENARIOS[scenario]
    models, variants, notes = {}, [], []
    try:
        models["eager"] = neml2.load_model(f"{args.root}/{file}", name)
        variants.append("peer_eager")
    except Exception as e:  # noqa: BLE001
        notes.append(f"{scenario}: peer eager model not loaded: {type(e).__name__}: {str(e)[:300]}")
    try:
        if peer_aoti is None:
            raise RuntimeError(PEER_AOTI_ERROR)
        models["aoti"] = peer_aoti.Model(f"{args.artifacts}/{scenario}/{name}")
        if "eager" in models:
            variants.append("peer_aoti")
    except Exception as e:  # noqa: BLE001
        notes.append(f"{scenario}: peer AOTI artifact not loaded: {type(e).__name__}: {str(e)[:300]}")
    return models, variants, notes


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=".")
    ap.add_argument("--artifacts", default="build/bench-peer-artifacts")
    ap.add_argument("--csv")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--samples", type=int, default=7)
    ap.add_argument("--min-sample", type=float, default=0.03)
    ap.add_argument("--max-case", type=float, default=6.0)
    ap.add_argument("--max-run", type=float, default=4.0)
    ap.add_argument("--scenarios", default="elasticity,isoharden,chaboche2")
    ap.add_argument("--sizes", help="comma-separated batch sizes (default: the scenario's)")
    ap.add_argument("--variants", help="comma-separated subset of peer_eager,peer_aoti")
    ap.add_argument("--rss", nargs=3)
    args = ap.parse_args()
    print(f"NEML2 v3 peer: neml2 {getattr(neml2, '__version__', '?')}, torch {torch.__version__}, "
          f"{torch.get_num_threads()} threads", flush=True)

    if args.rss:
        variant, scenario, n = args.rss[0], args.rss[1], int(args.rss[2])
        models, _, notes = load(args, scenario)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        run, _ = make_case(scenario, variant, models, n)
        run()
        print(f"{scenario},{variant},{n},{before},{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}")
        return 0

    rows = []
    for scenario in args.scenarios.split(","):
        models, variants, notes = load(args, scenario)
        for note in notes:
            print(note, flush=True)
        last = {}
        if args.variants:
            variants = [v for v in variants if v in args.variants.split(",")]
        for n in [int(x) for x in args.sizes.split(",")] if args.sizes else sizes(scenario, args.quick):
            cases = []
            for v in variants:
                if v in last:
                    t_prev, n_prev = last[v]
                    if t_prev is None:
                        continue
                    pred = t_prev * max(1.0, n / max(n_prev, 64))
                    if pred > args.max_run:
                        print(f"{scenario} {v} N={n} skipped: one run would take ~{pred:.1f} s", flush=True)
                        continue
                try:
                    run, units = make_case(scenario, v, models, n)
                    run()  # warm-up
                    t0 = time.perf_counter()
                    run()
                    t1 = max(time.perf_counter() - t0, 1e-9)
                except Exception as e:  # noqa: BLE001
                    print(f"{scenario} {v} N={n} failed: {type(e).__name__}: {str(e)[:300]}", flush=True)
                    last[v] = (None, n)
                    continue
                last[v] = (t1, n)
                reps = int(min(max(args.min_sample / t1, 1), 1e6))
                cases.append([v, run, units, reps, t1, []])
            if not cases:
                continue
            samples = args.samples
            for c in cases:
                samples = min(samples, max(3, int(args.max_case / (c[4] * c[3]))))
            for s in range(samples):
                for j in range(len(cases)):
                    c = cases[(j + s) % len(cases)]
                    t0 = time.perf_counter()
                    for _ in range(c[3]):
                        c[1]()
                    c[5].append((time.perf_counter() - t0) / c[3])
            for v, _, units, reps, _, ts in cases:
                ts.sort()
                med, lo, hi = ts[len(ts) // 2], ts[0], ts[-1]
                print(f"{scenario:10s} {v:10s} N={n:<9d} {med:12.4g} per run  {units / med:10.3e} updates/s  "
                      f"(min {units / hi:.3e} max {units / lo:.3e}, {samples} x {reps})", flush=True)
                rows.append((scenario, v, n, 1 if scenario == "elasticity" else NSTEP, samples, med, lo, hi,
                             units / med, units / hi, units / lo))
    print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MiB")
    if args.csv:
        with open(args.csv, "w") as f:
            f.write("scenario,variant,n,steps,samples,median_s,min_s,max_s,updates_per_s,updates_per_s_min,"
                    "updates_per_s_max\n")
            for r in rows:
                f.write(",".join(str(x) if not isinstance(x, float) else f"{x:.6e}" for x in r) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Single-crystal plasticity throughput: ours (eager, compiled) against NEML2 v3 (eager, AOTI), side by side.

The model is tests/python/inputs/single_crystal_v3.i's: an FCC crystal whose elastic strain, slip
hardening and orientation are solved together each step (NewtonWithLineSearch, 12 slip systems),
under a constant deformation rate and spin. For each batch size N (N orientations, end times
varying over the batch) the same input file is run by

  ours_eager     neml2-run (this project's package)
  ours_compiled  neml2-compile --driver, then neml2-run on the compiled model
  neml2_eager    NEML2 v3's driver (load_input(...).get_driver("driver").run()), its own venv
  neml2_aoti     with --peer-aoti: NEML2 v3's neml2-compile --driver (AOTInductor, dynamic batch),
                 compiled once, its stub given each N's [Tensors], run by the same driver call

each in its own process (NEML2 with torch's default dtype float64, which its compiled artifacts
require), once with S steps and once with 2, timing the driver's run inside the
process (neml2-run --timing; time.perf_counter around NEML2's run()): the difference divided by
S - 2 is the time of one step, free of loading and of first-call set-up (the fastest of --repeat
runs of each). S is
--steps, raised for small N to --min-point-steps / N (at most 1000) so that the difference stands
above the start-up noise; the steps are 0.002 to 0.008 long, so a run of 1000 reaches a strain of
at most 0.8. Sizes run in turn (ours, then the
peer) so that drift of the machine hits every variant alike. Writes OUT/crystal.csv and
OUT/summary.md (with the machine) and prints the table.

    build/venv-python/bin/python benchmarks/crystal_plasticity.py \
        --peer-python build/venv-neml2-peer/bin/python --out benchmarks/results/DATE_crystal
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "tests" / "python" / "inputs" / "single_crystal_v3.i"
TENSORS_END = "\n[Data]\n"
DT = 0.002


def tensors(n: int, steps: int) -> str:
    """The [Tensors] section for n crystals and `steps` steps of DT, 2 DT, 3 DT or 4 DT (times of
    shape (steps + 1, n)): a run of fewer steps is the start of a longer one."""
    return f"""[Tensors]
  [times]
    type = Python
    expr = 'Scalar({DT} * torch.arange({steps + 1}, dtype=torch.float64).unsqueeze(-1) * (1.0 + torch.arange({n}, dtype=torch.float64) % 4))'
  []
  [deformation_rate]
    type = Python
    expr = 'SR2.fill(-0.05, 0.1, -0.05, 0.01, 0.0, -0.01).dynamic_batch.expand({steps + 1}, {n})'
  []
  [vorticity]
    type = Python
    expr = 'WR2(torch.tensor([0.05, -0.02, 0.1], dtype=torch.float64).expand({steps + 1}, {n}, 3).contiguous())'
  []
  [initial_orientation]
    type = Python
    expr = 'MRP(0.3 * torch.sin(1.7 * torch.arange({3 * n}, dtype=torch.float64).reshape({n}, 3) + 0.4))'
  []
  [directions]
    type = Python
    expr = 'MillerIndex(torch.tensor([1, 1, 0], dtype=torch.int64))'
  []
  [planes]
    type = Python
    expr = 'MillerIndex(torch.tensor([1, 1, 1], dtype=torch.int64))'
  []
[]

"""


def write_input(folder: Path, n: int, steps: int) -> Path:
    text = TEMPLATE.read_text()
    body = text[text.index(TENSORS_END) :]
    path = folder / f"n{n}_s{steps}.i"
    path.write_text(tensors(n, steps) + body)
    return path


def stub_for(stub: str, folder: Path, n: int, steps: int) -> Path:
    """NEML2's compiled stub with the [Tensors] of n crystals and `steps` steps."""
    start = stub.index("[Tensors]")
    end = stub.index("\n[]\n", start) + len("\n[]\n")
    path = folder / f"n{n}_s{steps}_aoti.i"
    path.write_text(stub[:start] + tensors(n, steps) + stub[end:])
    return path


REPEAT = 2


RAN_IN = re.compile(r"ran in ([0-9.eE+-]+) s")


def timed(cmd: list[str], cwd: Path) -> float:
    """The fastest run time the command reports ("... ran in X s" on stderr)."""
    best = float("inf")
    for _ in range(REPEAT):
        r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
        found = RAN_IN.findall(r.stderr)
        if r.returncode != 0 or not found:
            raise RuntimeError(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}")
        best = min(best, float(found[-1]))
    return best


def machine() -> str:
    lines = [f"date: {time.strftime('%Y-%m-%d %H:%M:%S %Z')}", f"host: {platform.node()}", platform.platform()]
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines()
        for line in lscpu:
            key = line.split(":")[0]
            if key in ("Model name", "CPU(s)", "Thread(s) per core", "L2 cache", "L3 cache"):
                lines.append(line.strip())
            if key == "Flags":
                flags = line.split()
                isa = [f for f in ("avx2", "fma", "avx512f") if f in flags]
                lines.append("ISA: " + " ".join(isa))
    except OSError:
        lines.append("lscpu not available")
    lines.append(f"load before: {os.getloadavg()[0]:.2f}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1,16,256,4096", help="batch sizes (crystals)")
    ap.add_argument("--peer-max", type=int, default=4096, help="largest N run with NEML2")
    ap.add_argument("--eager-max", type=int, default=4096, help="largest N run with our eager model")
    ap.add_argument("--steps", type=int, default=30)
    ap.add_argument("--min-point-steps", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=2, help="runs of each command; the fastest counts")
    ap.add_argument("--peer-python", help="NEML2 v3's python (its own venv); omitted: ours only")
    ap.add_argument("--peer-aoti", action="store_true", help="also NEML2 v3 compiled (its neml2-compile, AOTI)")
    ap.add_argument("--peer-aoti-max", type=int, default=65536, help="largest N run with NEML2's AOTI model")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / f"{time.strftime('%F')}_crystal"))
    args = ap.parse_args()
    global REPEAT
    REPEAT = args.repeat
    bindir = Path(sys.executable).parent
    run, compile_ = str(bindir / "neml2-run"), str(bindir / "neml2-compile")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "machine.txt").write_text(machine() + "\n")
    peer = [
        os.path.abspath(args.peer_python or ""),  # not resolve(): a venv's python is a symlink
        "-c",
        "import sys, time, torch; torch.set_default_dtype(torch.float64); from neml2 import load_input; "
        "d = load_input(sys.argv[1]).get_driver('driver'); "
        "t0 = time.perf_counter(); d.run(); print(f'ran in {time.perf_counter() - t0} s', file=sys.stderr)",
    ]

    rows = []
    with tempfile.TemporaryDirectory() as d:
        work = Path(d)
        peer_stub = None
        if args.peer_python and args.peer_aoti:
            # One compile: the artifacts take any batch, and the stub any [Tensors].
            peer_compile = str(Path(os.path.abspath(args.peer_python)).parent / "neml2-compile")
            t0 = time.perf_counter()
            subprocess.run([peer_compile, write_input(work, 1, 2).name, "--driver", "driver", "--output-dir",
                            "peer_aoti", "-q"], cwd=work, check=True, capture_output=True)
            print(f"NEML2 compile {time.perf_counter() - t0:.1f} s", flush=True)
            peer_stub = (work / "peer_aoti" / "model_aoti.i").read_text()
        for n in [int(x) for x in args.sizes.split(",")]:
            steps = max(args.steps, min(1000, args.min_point_steps // n))
            long_, short = write_input(work, n, steps), write_input(work, n, 2)
            per_step = {}
            # ours, eager
            if n <= args.eager_max:
                per_step["ours_eager"] = (
                    timed([run, "--timing", long_.name, "driver"], work)
                    - timed([run, "--timing", short.name, "driver"], work)
                ) / (steps - 2)
            # ours, compiled (the compile is timed once, apart)
            t0 = time.perf_counter()
            for f in (long_, short):
                shutil.rmtree(work / f"aoti_{f.stem}", ignore_errors=True)
                subprocess.run([compile_, f.name, "--driver", "driver", "--output-dir", f"aoti_{f.stem}", "-q"], cwd=work, check=True)
            compile_s = (time.perf_counter() - t0) / 2
            per_step["ours_compiled"] = (
                timed([run, "--timing", f"aoti_{long_.stem}/model_aoti.i", "driver"], work)
                - timed([run, "--timing", f"aoti_{short.stem}/model_aoti.i", "driver"], work)
            ) / (steps - 2)
            if args.peer_python and n <= args.peer_max:
                per_step["neml2_eager"] = (timed([*peer, long_.name], work) - timed([*peer, short.name], work)) / (steps - 2)
            if peer_stub is not None and n <= args.peer_aoti_max:
                stubs = [stub_for(peer_stub, work / "peer_aoti", n, s) for s in (steps, 2)]
                per_step["neml2_aoti"] = (timed([*peer, str(stubs[0])], work) - timed([*peer, str(stubs[1])], work)) / (
                    steps - 2
                )
            for variant, s in per_step.items():
                rows.append({"n": n, "steps": steps, "variant": variant, "seconds_per_step": s,
                             "point_steps_per_s": n / s if s > 0 else float("nan")})
                print(f"N={n:<6d} {variant:14s} {s:10.4g} s/step  {n / s if s > 0 else float('nan'):10.3e} point-steps/s", flush=True)
            print(f"N={n:<6d} ours compile {compile_s:.1f} s", flush=True)

    with open(out / "crystal.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["n", "steps", "variant", "seconds_per_step", "point_steps_per_s"])
        w.writeheader()
        w.writerows(rows)
    by = {(r["n"], r["variant"]): r["seconds_per_step"] for r in rows}
    lines = [
        "# Single-crystal plasticity: ours against NEML2 v3 (eager and AOTI)",
        "",
        f"`benchmarks/crystal_plasticity.py --steps {args.steps} --min-point-steps {args.min_point_steps}`; seconds "
        "per step from (T(S steps) - T(2 steps)) / (S - 2), T the driver's run timed inside its process, S in "
        "crystal.csv.",
        "",
        "```",
        machine(),
        "```",
        "",
        "| N | ours eager s/step | ours compiled s/step | NEML2 eager s/step | NEML2 AOTI s/step | compiled vs NEML2 eager "
        "| compiled vs NEML2 AOTI | compiled vs ours eager |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for n in sorted({r["n"] for r in rows}):
        e, c, p = by.get((n, "ours_eager")), by.get((n, "ours_compiled")), by.get((n, "neml2_eager"))
        a = by.get((n, "neml2_aoti"))
        fmt = lambda x: f"{x:.4g}" if x is not None else "-"  # noqa: E731
        ratio = lambda a, b: f"{a / b:.1f}x" if a and b and b > 0 else "-"  # noqa: E731
        lines.append(f"| {n} | {fmt(e)} | {fmt(c)} | {fmt(p)} | {fmt(a)} | {ratio(p, c)} | {ratio(a, c)} | {ratio(e, c)} |")
    (out / "summary.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

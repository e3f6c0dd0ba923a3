#!/usr/bin/env python3
"""Calibrate a viscoplastic model to noisy stress-strain curves at four strain rates.

The synthetic data are sigma_xx histories of viscoplasticity.i (its values are the "true"
parameters) with Gaussian noise. Starting 25-50 % off (problem.GUESS), four fits must find the
yield stress sy, the hardening modulus K and the Perzyna parameters eta and n again:

  lbfgs         torch.optim.LBFGS, the model's own parameter tensors requiring grad, gradients by
                autograd through every time step (each step is an implicit solve; its
                derivatives come from the implicit function theorem, not from unrolled Newton
                iterations);
  least_squares scipy.optimize.least_squares with the exact Jacobian of the residuals,
                propagated step to step from the model's Jacobians (forward sensitivities:
                dy_k/dp = dy_k/dy_{k-1} dy_{k-1}/dp + dy_k/dp);

each with the eager model and with the model compiled by neml2-compile (its parameters kept
mutable with -p, its derivative pairs compiled with -d). With --peer-python, NEML2 v3 (PyPI
`neml2`, in its own virtual environment: it imports as `neml2` too) runs the same L-BFGS fit
(peer_neml2.py). The report gives each fit's time and recovered parameters with their standard
deviations from the noise; the plot shows the data and the fitted curves.

  python calibrate.py [--out DIR] [--no-compiled] [--peer-python PATH]

Needs the neml2 package, torch, SciPy and (for the plot) matplotlib.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import numpy as np
import torch
from scipy.optimize import least_squares

import neml2

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import problem as P  # noqa: E402

NAMES = list(P.PARAMETERS)  # the fitted parameters' short names, in a fixed order


@dataclass
class Fit:
    method: str
    model: str
    seconds: float
    evaluations: int  # full simulations of the four curves
    values: Dict[str, float]
    losses: List[float] = field(default_factory=list)  # L-BFGS: the loss at each evaluation


# -- the model and its parameters -----------------------------------------------------------------
def load_eager():
    return neml2.load_model(HERE / P.MODEL_FILE, P.MODEL_NAME)


def neml2_compile() -> str:
    """The neml2-compile of this Python environment."""
    found = shutil.which("neml2-compile", path=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    if not found:
        raise SystemExit("neml2-compile is not on PATH: install the neml2 package (pip install .) in this environment")
    return found


def compile_model(workdir: Path):
    """Compiles viscoplasticity.i's model with the fitted parameters kept mutable and the
    derivatives the fits need: every output with respect to every input and to each parameter."""
    pairs = ["stress:", "equivalent_plastic_strain:"]
    pairs += [f"{out}:{p}" for out in ("stress", "equivalent_plastic_strain") for p in NAMES]
    args = [neml2_compile(), str(HERE / P.MODEL_FILE), "--model", P.MODEL_NAME, "--output-dir", str(workdir / "aoti"), "-q"]
    for p in NAMES:
        args += ["-p", p]
    for d in pairs:
        args += ["-d", d]
    start = time.perf_counter()
    subprocess.run(args, check=True)
    seconds = time.perf_counter() - start
    return neml2.load_model(workdir / "aoti" / f"{P.MODEL_NAME}_aoti.i", P.MODEL_NAME), seconds


def set_parameters(model, values: Dict[str, float]) -> None:
    for short, value in values.items():
        model.set_parameter(P.PARAMETERS[short], value)


def parameter_tensors(model) -> List[torch.Tensor]:
    """The model's own tensors of the fitted parameters (the same objects on every call)."""
    params = model.named_parameters("torch")
    return [params[P.PARAMETERS[short]] for short in NAMES]


# -- simulations ----------------------------------------------------------------------------------
def simulate(model, times, strains) -> np.ndarray:
    """sigma_xx at steps 1..N for each rate: (N, rates)."""
    stress, ep = np.zeros((len(P.RATES), 6)), np.zeros(len(P.RATES))
    curve = []
    for k in range(1, len(times)):
        out = model.value(P.step_inputs(times, strains, k, stress, ep))
        stress, ep = np.asarray(out["stress"].data), np.asarray(out["equivalent_plastic_strain"].data)
        curve.append(stress[:, 0])
    return np.stack(curve)


def simulate_torch(model, times: torch.Tensor, strains: torch.Tensor) -> torch.Tensor:
    """simulate() on torch tensors: the result carries the graph back to the parameters that
    require grad, through every step's state."""
    stress = torch.zeros(len(P.RATES), 6, dtype=torch.float64)
    ep = torch.zeros(len(P.RATES), dtype=torch.float64)
    curve = []
    for k in range(1, len(times)):
        out = model.value(P.step_inputs(times, strains, k, stress, ep))
        stress, ep = out["stress"].data, out["equivalent_plastic_strain"].data
        curve.append(stress[:, 0])
    return torch.stack(curve)


def simulate_with_sensitivities(model, times, strains):
    """(sigma_xx (N, rates), d sigma_xx / d parameters (N, rates, parameters)): the model's Jacobians
    with respect to the previous state and to the parameters, chained over the steps."""
    names = [P.PARAMETERS[s] for s in NAMES]
    r = len(P.RATES)
    stress, ep = np.zeros((r, 6)), np.zeros(r)
    dstress, dep = np.zeros((r, 6, len(names))), np.zeros((r, len(names)))  # d state / d parameters
    curve, sensitivity = [], []
    for k in range(1, len(times)):
        inputs = P.step_inputs(times, strains, k, stress, ep)
        out, J = model.value_and_jacobian(inputs)
        Jp = model.parameter_jacobian(inputs, names)
        Jss = np.asarray(J["stress"]["stress~1"])  # (r, 6, 6)
        Jse = np.asarray(J["stress"]["equivalent_plastic_strain~1"])  # (r, 6)
        Jes = np.asarray(J["equivalent_plastic_strain"]["stress~1"])  # (r, 6)
        Jee = np.asarray(J["equivalent_plastic_strain"]["equivalent_plastic_strain~1"])  # (r,)
        Jsp = np.stack([np.asarray(Jp["stress"][n]) for n in names], axis=-1)  # (r, 6, p)
        Jep = np.stack([np.asarray(Jp["equivalent_plastic_strain"][n]) for n in names], axis=-1)  # (r, p)
        dstress, dep = (
            np.einsum("rij,rjp->rip", Jss, dstress) + Jse[:, :, None] * dep[:, None, :] + Jsp,
            np.einsum("rj,rjp->rp", Jes, dstress) + Jee[:, None] * dep + Jep,
        )
        stress, ep = np.asarray(out["stress"].data), np.asarray(out["equivalent_plastic_strain"].data)
        curve.append(stress[:, 0])
        sensitivity.append(dstress[:, 0, :])
    return np.stack(curve), np.stack(sensitivity)


# -- the fits -------------------------------------------------------------------------------------
def fit_lbfgs(model, label: str, data: np.ndarray, times, strains, max_evaluations: int) -> Fit:
    """torch.optim.LBFGS through autograd on the model's own parameter tensors (problem.lbfgs)."""
    set_parameters(model, P.GUESS)
    params = parameter_tensors(model)
    for p in params:
        p.requires_grad_(True)
    t, e = torch.from_numpy(times), torch.from_numpy(strains)
    try:
        values, seconds, losses = P.lbfgs(params, lambda: simulate_torch(model, t, e), data, max_evaluations)
    finally:
        for p in params:
            p.requires_grad_(False)
    return Fit("lbfgs", label, seconds, len(losses), values, losses)


def fit_least_squares(model, label: str, data: np.ndarray, times, strains) -> Fit:
    """Trust-region least squares in the scaled variables x = p / GUESS, residuals in units of
    the noise; one simulation gives the residuals and their Jacobian (cached for SciPy's two
    calls at the same x)."""
    guess = np.array([P.GUESS[s] for s in NAMES])
    cache: Dict[bytes, tuple] = {}
    evaluations = 0

    def evaluate(x):
        nonlocal evaluations
        key = x.tobytes()
        if key not in cache:
            evaluations += 1
            set_parameters(model, dict(zip(NAMES, x * guess)))
            curve, sensitivity = simulate_with_sensitivities(model, times, strains)
            cache.clear()
            cache[key] = ((curve - data).ravel() / P.NOISE, sensitivity.reshape(-1, len(NAMES)) * guess / P.NOISE)
        return cache[key]

    start = time.perf_counter()
    result = least_squares(lambda x: evaluate(x)[0], np.ones(len(NAMES)), jac=lambda x: evaluate(x)[1],
                           method="trf", xtol=1e-10, ftol=1e-10, gtol=1e-10)
    seconds = time.perf_counter() - start
    if not result.success:
        raise RuntimeError(f"least_squares did not converge: {result.message}")
    return Fit("least_squares", label, seconds, evaluations, dict(zip(NAMES, (result.x * guess).tolist())))


def standard_deviations(model, times, strains) -> Dict[str, float]:
    """The parameters' standard deviations that the noise causes, to first order: the diagonal of
    NOISE^2 (S^T S)^-1, S the sensitivity of the data to the parameters at the true values."""
    set_parameters(model, P.TRUE)
    _, sensitivity = simulate_with_sensitivities(model, times, strains)
    S = sensitivity.reshape(-1, len(NAMES))
    covariance = P.NOISE**2 * np.linalg.inv(S.T @ S)
    return dict(zip(NAMES, np.sqrt(np.diag(covariance))))


def run_peer(python: str, data_file: Path, max_evaluations: int) -> Fit:
    """NEML2 v3's L-BFGS fit (peer_neml2.py in the peer's virtual environment)."""
    out = subprocess.run([python, str(HERE / "peer_neml2.py"), "--data", str(data_file), "--max-evaluations",
                          str(max_evaluations)], check=True, capture_output=True, text=True)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    return Fit("lbfgs", f"NEML2 {r['version']} (eager torch)", r["seconds"], len(r["losses"]), r["values"],
               r["losses"])


# -- the report -----------------------------------------------------------------------------------
def machine() -> str:
    """The CPU, its widest SIMD instructions, the cores and torch's threads."""
    cpu, isa = platform.processor() or platform.machine(), ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
            elif line.startswith("flags") and not isa:
                flags = line.split()
                isa = ", AVX-512" if "avx512f" in flags else ", AVX2" if "avx2" in flags else ""
    except OSError:
        pass
    return f"{cpu}{isa}, {os.cpu_count()} cores, torch {torch.__version__} ({torch.get_num_threads()} threads)"


def report(fits: List[Fit], sigma: Dict[str, float], compile_seconds: Optional[float]) -> str:
    lines = [
        f"Machine: {machine()}",
        f"Data: sigma_xx at {P.STEPS} steps x {len(P.RATES)} strain rates {P.RATES} /s, noise {P.NOISE} MPa",
        "",
        "| fit | model | time (s) | simulations | " + " | ".join(NAMES) + " | worst error / sd |",
        "|---|---|---|---|" + "---|" * len(NAMES) + "---|",
        "| truth | | | | " + " | ".join(f"{P.TRUE[s]:g}" for s in NAMES) + " | |",
        "| start | | | | " + " | ".join(f"{P.GUESS[s]:g}" for s in NAMES) + " | |",
        "| sd from the noise | | | | " + " | ".join(f"{sigma[s]:.3g}" for s in NAMES) + " | |",
    ]
    for f in fits:
        worst = max(abs(f.values[s] - P.TRUE[s]) / sigma[s] for s in NAMES)
        lines.append(f"| {f.method} | {f.model} | {f.seconds:.2f} | {f.evaluations} | "
                     + " | ".join(f"{f.values[s]:.4g}" for s in NAMES) + f" | {worst:.2f} |")
    if compile_seconds is not None:
        lines += ["", f"neml2-compile took {compile_seconds:.1f} s (not included in the compiled fits' times)."]
    return "\n".join(lines) + "\n"


def plot(path: Path, strains, data, curves: Dict[str, np.ndarray], fits: List[Fit]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.8))
    e = strains[1:, 0, 0] * 100
    for i, rate in enumerate(P.RATES):
        colour = f"C{i}"
        left.plot(e, data[:, i], "o", ms=3, color=colour, alpha=0.6, label=f"data, {rate:g} /s")
        left.plot(e, curves["fitted"][:, i], "-", color=colour)
        left.plot(e, curves["start"][:, i], ":", color=colour)
    left.set(xlabel="strain xx (%)", ylabel="stress xx (MPa)", title="data (dots), fit (lines), start (dotted)")
    left.legend(fontsize=8)
    for f in fits:
        if f.losses:
            right.semilogy(f.losses, label=f"{f.model} ({f.seconds:.1f} s)")
    right.set(xlabel="L-BFGS evaluation", ylabel="mean squared residual / noise^2", title="L-BFGS through autograd")
    right.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=Path("calibration_results"),
                    help="where to write report.md, results.json, calibration.png and the compiled model")
    ap.add_argument("--max-evaluations", type=int, default=P.LBFGS_MAX_EVALUATIONS,
                    help="the most simulations L-BFGS may run (default %(default)s)")
    ap.add_argument("--no-compiled", action="store_true", help="only the eager model (no neml2-compile)")
    ap.add_argument("--peer-python", help="a Python with NEML2 v3 installed: it runs the same L-BFGS fit")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    times, strains = P.loading()
    eager = load_eager()
    set_parameters(eager, P.TRUE)
    clean = simulate(eager, times, strains)
    data = P.noisy(clean)
    data_file = args.out / "data.npz"
    np.savez(data_file, times=times, strains=strains, stress_xx=data, clean_stress_xx=clean)
    sigma = standard_deviations(eager, times, strains)
    print(f"synthetic data: {data.shape[0]} steps x {data.shape[1]} rates, written to {data_file}", flush=True)

    models = {"eager": eager}
    compile_seconds = None
    if not args.no_compiled:
        models["compiled"], compile_seconds = compile_model(args.out)
        print(f"compiled in {compile_seconds:.1f} s: {args.out / 'aoti'}", flush=True)

    fits: List[Fit] = []
    for label, model in models.items():
        fits.append(fit_least_squares(model, label, data, times, strains))
        print(f"least_squares, {label}: {fits[-1].seconds:.2f} s, {fits[-1].values}", flush=True)
        fits.append(fit_lbfgs(model, label, data, times, strains, args.max_evaluations))
        print(f"lbfgs, {label}: {fits[-1].seconds:.2f} s, {fits[-1].values}", flush=True)
    if args.peer_python:
        fits.append(run_peer(args.peer_python, data_file, args.max_evaluations))
        print(f"lbfgs, {fits[-1].model}: {fits[-1].seconds:.2f} s, {fits[-1].values}", flush=True)

    best = fits[0].values
    set_parameters(eager, best)
    curves = {"fitted": simulate(eager, times, strains)}
    set_parameters(eager, P.GUESS)
    curves["start"] = simulate(eager, times, strains)
    plot(args.out / "calibration.png", strains, data, curves, fits)

    text = report(fits, sigma, compile_seconds)
    (args.out / "report.md").write_text(text)
    (args.out / "results.json").write_text(json.dumps(
        {"machine": machine(), "true": P.TRUE, "guess": P.GUESS, "sd": sigma,
         "compile_seconds": compile_seconds, "fits": [asdict(f) for f in fits]}, indent=1))
    print()
    print(text)
    print(f"wrote {args.out / 'report.md'}, {args.out / 'results.json'} and {args.out / 'calibration.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

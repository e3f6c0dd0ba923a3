#!/usr/bin/env python3
"""NEML2 v3 (PyPI `neml2`) runs calibrate.py's L-BFGS fit, for the time comparison.

Run with the Python of NEML2's own virtual environment (it imports as `neml2` too), e.g. the one
benchmarks/requirements-peer.txt describes; calibrate.py --peer-python PATH does it. The fit is
problem.lbfgs, as calibrate.py runs it: the same data, loss, scaling, optimizer settings and
starting point; NEML2's model is a torch module whose parameters take gradients through its
implicit update. Prints one JSON line: {"version", "seconds", "values", "losses"}.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

import numpy as np
import torch

import neml2

warnings.filterwarnings("ignore")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import problem as P  # noqa: E402

NAMES = list(P.PARAMETERS)
# NEML2 lists a parameter once, under the first path that reaches it.
PEER_NAMES = {"sy": "rate.normality.flow.yield_surface.sy", "K": "rate.isoharden.K", "eta": "rate.flow_rate.eta",
              "n": "rate.flow_rate.n"}


def simulate(model, wrap, times, strains):
    """sigma_xx at steps 1..N: NEML2's implicit update also takes its unknowns' initial guesses
    (the previous step's values, without a graph: the solution does not depend on them)."""
    stress = torch.zeros(len(P.RATES), 6, dtype=torch.float64)
    ep = torch.zeros(len(P.RATES), dtype=torch.float64)
    curve = []
    for k in range(1, len(times)):
        inputs = P.step_inputs(times, strains, k, stress, ep)
        inputs["stress"], inputs["equivalent_plastic_strain"] = stress.detach(), ep.detach()
        out = model(*[wrap[name](inputs[name]) for name in model.input_spec])
        if isinstance(out, dict):
            out = [out[name] for name in model.output_spec]
        stress, ep = (o if isinstance(o, torch.Tensor) else o.data for o in out)
        curve.append(stress[:, 0])
    return torch.stack(curve)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True, help="the data.npz calibrate.py wrote")
    ap.add_argument("--max-evaluations", type=int, default=P.LBFGS_MAX_EVALUATIONS)
    args = ap.parse_args()

    d = np.load(args.data)
    times, strains = torch.from_numpy(d["times"]), torch.from_numpy(d["strains"])
    model = neml2.load_model(str(HERE / P.MODEL_FILE), P.MODEL_NAME)
    wrap = {}
    for name, typ in model.input_spec.items():
        typ = typ if isinstance(typ, str) else getattr(typ, "__name__", str(typ))
        wrap[name] = getattr(neml2.types, typ.split(".")[-1])
    named = dict(model.named_parameters())
    params = [named[PEER_NAMES[s]] for s in NAMES]
    values, seconds, losses = P.lbfgs(params, lambda: simulate(model, wrap, times, strains), d["stress_xx"],
                                      args.max_evaluations)
    print(json.dumps({"version": getattr(neml2, "__version__", "v3"), "seconds": seconds, "values": values,
                      "losses": losses}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The calibration problem, shared by calibrate.py (this project) and peer_neml2.py (NEML2 v3):
the loading, the parameters to find, where the fit starts and the torch fit itself, so that both
run exactly the same optimization.
"""

from __future__ import annotations

import time

import numpy as np

MODEL_FILE = "viscoplasticity.i"
MODEL_NAME = "model"

# The fitted parameters: short name -> the model's qualified parameter name.
PARAMETERS = {
    "sy": "rate.yield_surface.sy",
    "K": "rate.isoharden.K",
    "eta": "rate.flow_rate.eta",
    "n": "rate.flow_rate.n",
}
# The values in viscoplasticity.i, which make the synthetic data.
TRUE = {"sy": 150.0, "K": 2000.0, "eta": 500.0, "n": 4.0}
# Where every fit starts: each parameter 25-50 % off (in the order of PARAMETERS).
GUESS = {"sy": 100.0, "K": 1000.0, "eta": 300.0, "n": 3.0}
assert list(TRUE) == list(GUESS) == list(PARAMETERS)

# Loading: an isochoric strain ramp (xx = e, yy = zz = -e/2) to 2 % at four strain rates, all four
# run at once as a batch of 4.
RATES = (1e-4, 1e-3, 1e-2, 1e-1)  # 1/s
MAX_STRAIN = 0.02
STEPS = 50
# The synthetic measurement: sigma_xx at every step, plus Gaussian noise of this standard
# deviation (MPa), from a fixed seed.
NOISE = 2.0
SEED = 20261205

# The torch fit: L-BFGS with a strong-Wolfe line search on the scaled parameters x = p / GUESS
# (the parameters differ by three orders of magnitude), stopped when the gradient or the change
# of the loss is negligible, or after this many evaluations.
LBFGS_MAX_EVALUATIONS = 200


def loading(steps: int = STEPS):
    """(times, strains): arrays of shape (steps + 1, rates) and (steps + 1, rates, 6), Mandel
    components (xx, yy, zz, sqrt2 yz, sqrt2 xz, sqrt2 xy)."""
    rates = np.asarray(RATES)
    fraction = np.linspace(0.0, 1.0, steps + 1)[:, None]
    times = fraction * (MAX_STRAIN / rates)[None, :]
    strains = np.zeros((steps + 1, len(RATES), 6))
    strains[..., 0] = MAX_STRAIN * fraction
    strains[..., 1] = strains[..., 2] = -0.5 * MAX_STRAIN * fraction
    return times, strains


def step_inputs(times, strains, k: int, stress, ep):
    """The model's inputs at step k, given the previous step's stress and plastic strain."""
    return {
        "t": times[k],
        "t~1": times[k - 1],
        "E": strains[k],
        "E~1": strains[k - 1],
        "stress~1": stress,
        "equivalent_plastic_strain~1": ep,
    }


def noisy(clean: np.ndarray) -> np.ndarray:
    """The synthetic measurement of a clean sigma_xx history."""
    return clean + NOISE * np.random.default_rng(SEED).standard_normal(clean.shape)


def lbfgs(params, simulate, data: np.ndarray, max_evaluations: int = LBFGS_MAX_EVALUATIONS):
    """torch.optim.LBFGS over ``params`` (the model's parameter tensors of the PARAMETERS, in
    order, requiring grad; starting from GUESS). The optimizer moves x = p / GUESS; each
    evaluation writes p = x GUESS into ``params``, runs ``simulate()`` (sigma_xx (steps, rates),
    a torch tensor with a graph back to ``params``) and passes the gradients back to x by the chain
    rule, dL/dx = dL/dp GUESS. Returns (values by short name, seconds, loss at each evaluation)."""
    import torch

    guess = torch.tensor(list(GUESS.values()), dtype=torch.float64)
    x = torch.ones(len(guess), dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.LBFGS([x], lr=1, max_iter=max_evaluations, max_eval=max_evaluations,
                                  tolerance_grad=1e-10, tolerance_change=1e-14, history_size=20,
                                  line_search_fn="strong_wolfe")
    y = torch.from_numpy(data)
    losses = []

    def closure():
        optimizer.zero_grad()
        with torch.no_grad():
            for p, value in zip(params, x * guess):
                p.copy_(value)
                p.grad = None
        loss = torch.mean(((simulate() - y) / NOISE) ** 2)
        loss.backward()
        x.grad = torch.stack([p.grad for p in params]) * guess
        losses.append(loss.item())
        return loss

    start = time.perf_counter()
    optimizer.step(closure)
    seconds = time.perf_counter() - start
    return dict(zip(GUESS, (x.detach() * guess).tolist())), seconds, losses

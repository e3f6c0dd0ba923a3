"""examples/calibration: the fits recover the parameters that made the synthetic data, within the
noise, eager and compiled, by SciPy's least squares and by torch's L-BFGS through autograd; the
forward sensitivities the least-squares fit uses equal central differences of the simulation."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="the calibration example fits through torch autograd")
pytest.importorskip("scipy", reason="the calibration example uses scipy.optimize.least_squares")
pytest.importorskip("matplotlib", reason="the calibration example plots its fit")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "calibration"
sys.path.insert(0, str(EXAMPLE))
import calibrate  # noqa: E402
import problem  # noqa: E402


def test_sensitivities_equal_central_differences():
    times, strains = problem.loading(steps=12)
    model = calibrate.load_eager()
    calibrate.set_parameters(model, problem.GUESS)
    _, sensitivity = calibrate.simulate_with_sensitivities(model, times, strains)
    for i, name in enumerate(calibrate.NAMES):
        h = 1e-6 * problem.GUESS[name]
        curves = []
        for sign in (1, -1):
            calibrate.set_parameters(model, {**problem.GUESS, name: problem.GUESS[name] + sign * h})
            curves.append(calibrate.simulate(model, times, strains))
        fd = (curves[0] - curves[1]) / (2 * h)
        scale = np.abs(fd).max()
        assert scale > 0, f"sigma_xx should depend on {name}"
        np.testing.assert_allclose(sensitivity[..., i], fd, rtol=0, atol=1e-6 * scale, err_msg=name)


def test_every_fit_recovers_the_parameters_within_the_noise(tmp_path, capsys):
    assert calibrate.main(["--out", str(tmp_path)]) == 0
    results = json.loads((tmp_path / "results.json").read_text())
    fits = {(f["method"], f["model"]): f for f in results["fits"]}
    assert set(fits) == {(m, k) for m in ("least_squares", "lbfgs") for k in ("eager", "compiled")}
    sd = results["sd"]
    for key, fit in fits.items():
        for name, truth in problem.TRUE.items():
            # The fitted value's distance from the truth, in standard deviations of the noise's
            # effect on that parameter (about 0.7 for this seed; 3 would be a rare draw).
            assert abs(fit["values"][name] - truth) < 3 * sd[name], (key, name, fit["values"][name])
            assert abs(fit["values"][name] - problem.GUESS[name]) > 10 * sd[name], "the fit has to move"
    # Both optimizers reach the same least-squares minimum, eager and compiled alike.
    reference = fits[("least_squares", "eager")]["values"]
    for fit in fits.values():
        for name, value in reference.items():
            assert fit["values"][name] == pytest.approx(value, rel=1e-6), (fit["method"], fit["model"], name)
    # At the minimum the residuals are the noise: the mean squared residual / noise^2 is about 1.
    for method_model in (("lbfgs", "eager"), ("lbfgs", "compiled")):
        assert 0.8 < fits[method_model]["losses"][-1] < 1.2
    for name in ("report.md", "calibration.png", "data.npz"):
        assert (tmp_path / name).stat().st_size > 0
    assert "| least_squares | compiled |" in (tmp_path / "report.md").read_text()

"""The examples of other physics against the histories NEML2 3.1.0 computed for the same input
files (make_other_physics_reference.py), eager and compiled by neml2-compile, within NEML2's
regression tolerances:

- chemical_reactions/pyrolysis: Arrhenius first-order kinetics solved by backward Euler, the mass
  fractions and EffectiveVolume following;
- phase_field_fracture/brittle_bar: local AT-2 phase-field fracture with the volumetric-deviatoric
  split, the phase field solved with a Fischer-Burmeister irreversibility condition and the
  stress from Normality of the free energy;
- finite_volume/advection: a Gaussian pulse advected along a closed channel of 50 cells, upwind
  fluxes and backward Euler over every cell at once (its total is also checked to be conserved);
- kwn/precipitation: a KWN size distribution of Al2Cu on 40 bins, classical nucleation and SFFK
  growth, the matrix concentration by the lever rule (also checked against the distribution)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_tool

HERE = Path(__file__).parent
EXAMPLES = HERE.parent.parent / "examples"
REGRESSION = """
[Drivers]
  [regression]
    type = TransientRegression
    driver = 'driver'
    reference = 'reference.pt'
  []
[]
"""
# example -> variables compared (inputs and outputs NEML2 recorded), steps
CASES = {
    "chemical_reactions/pyrolysis": (6, 100),
    "phase_field_fracture/brittle_bar": (6, 111),
    "finite_volume/advection": (4, 81),
    "kwn/precipitation": (5, 101),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request, tmp_path_factory):
    example = EXAMPLES / f"{request.param}.i"
    d = tmp_path_factory.mktemp(example.stem)
    for f in example.parent.glob(f"{example.stem}.*"):
        shutil.copy(f, d)
    (d / "model.i").write_text(example.read_text() + REGRESSION)
    shutil.copy(HERE / "inputs" / f"{example.stem}_neml2.pt", d / "reference.pt")
    return d, CASES[request.param]


def test_eager_matches_neml2(case):
    d, (nvars, steps) = case
    r = run_tool(["neml2-run", "model.i", "regression"], d)
    assert "driver 'driver' matches 'reference.pt'" in r.stdout, r.stdout + r.stderr
    assert f"{nvars} variable(s) at {steps} step(s)" in r.stdout, r.stdout


def test_compiled_matches_neml2(case):
    d, (nvars, steps) = case
    run_tool(["neml2-compile", "model.i", "--driver", "driver", "--output-dir", "aoti"], d)
    r = run_tool(["neml2-run", "aoti/model_aoti.i", "regression"], d)
    assert "matches" in r.stdout and f"{nvars} variable(s) at {steps} step(s)" in r.stdout, r.stdout + r.stderr


def test_a_wrong_reference_fails(tmp_path):
    torch = pytest.importorskip("torch")
    example = EXAMPLES / "phase_field_fracture" / "brittle_bar.i"
    for f in example.parent.glob("brittle_bar.*"):
        shutil.copy(f, tmp_path)
    ref = torch.load(HERE / "inputs" / "brittle_bar_neml2.pt")
    ref["output.60.d"] = ref["output.60.d"] * (1 + 1e-3)
    torch.save(ref, tmp_path / "reference.pt")
    (tmp_path / "model.i").write_text(example.read_text() + REGRESSION)
    r = run_tool(["neml2-run", "model.i", "regression"], tmp_path, check=False)
    assert r.returncode != 0
    assert "'d'" in r.stderr or " d " in r.stderr, r.stderr


def test_advection_conserves_the_total_and_moves_the_pulse(tmp_path):
    np = pytest.importorskip("numpy")
    shutil.copy(EXAMPLES / "finite_volume" / "advection.i", tmp_path)
    run_tool(["neml2-run", "advection.i", "driver"], tmp_path)
    c = np.load(tmp_path / "advection.npz")["concentration"]
    assert c.shape == (81, 50)
    dx = 1.0 / 50
    total = c.sum(axis=1) * dx
    # Closed ends: no flux leaves, so the total stays the initial one to round-off.
    assert np.abs(total - total[0]).max() <= 1e-14 * total[0]
    # The pulse starts at 0.3 and moves by v t = 0.5 * 0.8; upwinding spreads it but keeps its peak
    # within a cell of the advected position.
    centers = (np.arange(50) + 0.5) * dx
    assert abs(centers[c[0].argmax()] - 0.3) <= dx
    assert abs(centers[c[-1].argmax()] - 0.7) <= dx
    assert c[-1].max() < c[0].max()


def test_precipitation_follows_the_lever_rule_and_only_nucleation_adds_precipitates(tmp_path):
    np = pytest.importorskip("numpy")
    shutil.copy(EXAMPLES / "kwn" / "precipitation.i", tmp_path)
    run_tool(["neml2-run", "precipitation.i", "driver"], tmp_path)
    out = np.load(tmp_path / "precipitation.npz")
    n, x = out["number_density"], out["x_Cu"]
    assert n.shape == (101, 40)
    # The bins: y in [0, 1) mapped to R = s y / (1 - y); n is carried per unit y.
    s, x0, xp = 5.0, 0.01738, 3.333291e-01
    dy = 1.0 / 40
    y = (np.arange(40) + 0.5) * dy
    R = s * y / (1 - y)
    # Matrix concentration by the lever rule from the distribution at every step.
    f = (4.0 / 3.0 * np.pi * R**3 * n * (1 - y) ** 2 / s).sum(axis=1)
    np.testing.assert_allclose(x[1:], ((x0 - f * xp) / (1 - f))[1:], rtol=1e-12)
    # Closed ends: the number of precipitates changes only by nucleation, which only adds.
    total = (n * dy).sum(axis=1)
    assert np.all(np.diff(total) >= -1e-12 * total.max())
    # Solute leaves the matrix as precipitates grow.
    assert x[-1] < 0.5 * x0 and np.all(np.diff(x[1:]) <= 1e-15)

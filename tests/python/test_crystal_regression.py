"""Single crystals against the histories NEML2 3.1.0 computed for the same input files
(make_crystal_reference.py), eager and compiled by neml2-compile, within NEML2's regression
tolerances:

- single_crystal_v3: elastic strain, one slip hardening and the orientation solved together;
- per_slip_hardening_v3: one dislocation density per slip system instead, its number of slip
  systems given by the initial condition's sub-batch, or declared in [Settings];
- taylor_v3: a Taylor polycrystal of three grains under mixed control, the grains a sub-batch
  axis that the initial conditions put in front of the single crystal's variables;
- single_crystal_cd_v3: single_crystal_v3 warm-started by coordinate descent over the 12 slip
  systems. It is run eager only: its sweeps are unrolled into the kernel, which takes minutes to
  compile (doc/models.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_tool

INPUTS = Path(__file__).parent / "inputs"
REGRESSION = """
[Drivers]
  [regression]
    type = TransientRegression
    driver = 'driver'
    reference = 'reference.pt'
  []
[]
"""
# The per-slip case with a plain initial density and the 12 slip systems declared instead.
PER_SLIP_IC = "expr = 'Scalar(torch.full((4, 12), 10.0, dtype=torch.float64), sub_batch_ndim=1)'"
DECLARED = """
[Settings]
  [example_batch_shape]
    dislocation_density = '(2; 12)'
  []
[]
"""
# case -> (input file, variables compared, how to change the file)
CASES = {
    "single_crystal": ("single_crystal_v3", 11, None),
    "per_slip": ("per_slip_hardening_v3", 11, None),
    "per_slip_declared": ("per_slip_hardening_v3", 11, lambda t: t.replace(PER_SLIP_IC, "expr = 'Scalar(10.0)'") + DECLARED),
    "taylor": ("taylor_v3", 13, None),
    "single_crystal_cd": ("single_crystal_cd_v3", 12, None),
}
EAGER_ONLY = {"single_crystal_cd"}


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request, tmp_path_factory):
    stem, nvars, edit = CASES[request.param]
    d = tmp_path_factory.mktemp(request.param)
    text = (INPUTS / f"{stem}.i").read_text()
    if edit:
        edited = edit(text)
        assert edited != text, "the edit did not apply"
        text = edited
    (d / "model.i").write_text(text + REGRESSION)
    shutil.copy(INPUTS / f"{stem}_neml2.pt", d / "reference.pt")
    return d, nvars, request.param


def test_eager_matches_neml2(case):
    d, nvars, _ = case
    r = run_tool(["neml2-run", "model.i", "regression"], d)
    assert "driver 'driver' matches 'reference.pt'" in r.stdout, r.stdout + r.stderr
    assert f"{nvars} variable(s) at 41 step(s)" in r.stdout


def test_compiled_matches_neml2(case):
    d, nvars, name = case
    if name in EAGER_ONLY:
        pytest.skip(f"{name} is checked eager only: its unrolled coordinate-descent sweeps take minutes to compile")
    run_tool(["neml2-compile", "model.i", "--driver", "driver", "--output-dir", "aoti"], d)
    r = run_tool(["neml2-run", "aoti/model_aoti.i", "regression"], d)
    assert "matches" in r.stdout and f"{nvars} variable(s) at 41 step(s)" in r.stdout, r.stdout + r.stderr


@pytest.mark.parametrize(
    "stem, key",
    [("single_crystal_v3", "output.20.slip_hardening"), ("per_slip_hardening_v3", "output.20.dislocation_density")],
)
def test_a_wrong_reference_fails(stem, key, tmp_path):
    torch = pytest.importorskip("torch")
    ref = torch.load(INPUTS / f"{stem}_neml2.pt")
    ref[key] = ref[key] * (1 + 1e-3)
    (tmp_path / "model.i").write_text((INPUTS / f"{stem}.i").read_text() + REGRESSION)
    torch.save(ref, tmp_path / "reference.pt")
    r = run_tool(["neml2-run", "model.i", "regression"], tmp_path, check=False)
    assert r.returncode != 0
    assert key.split(".")[-1] in r.stderr


def test_an_initial_condition_of_the_wrong_sub_batch_is_refused(tmp_path):
    text = (INPUTS / "per_slip_hardening_v3.i").read_text()
    assert PER_SLIP_IC in text
    (tmp_path / "model.i").write_text(text.replace(PER_SLIP_IC, PER_SLIP_IC.replace("(4, 12)", "(4, 8)")))
    r = run_tool(["neml2-run", "model.i", "driver"], tmp_path, check=False)
    assert r.returncode == 1
    assert "model.i:" in r.stderr and "ic_Scalar_values" in r.stderr, r.stderr
    assert "sub-batch (8,), but model 'model' has (12,)" in r.stderr, r.stderr

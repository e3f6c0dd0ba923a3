"""A single crystal (elastic strain, slip hardening and orientation solved together each step)
against the history NEML2 3.1.0 computed for the same input file (make_crystal_reference.py):
eager, and compiled by neml2-compile, within NEML2's regression tolerances."""

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


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    d = tmp_path_factory.mktemp("crystal")
    shutil.copy(INPUTS / "single_crystal_v3.i", d / "model.i")
    shutil.copy(INPUTS / "single_crystal_v3_neml2.pt", d / "reference.pt")
    with open(d / "model.i", "a") as f:
        f.write(REGRESSION)
    return d


def test_eager_matches_neml2(case):
    r = run_tool(["neml2-run", "model.i", "regression"], case)
    assert "driver 'driver' matches 'reference.pt'" in r.stdout, r.stdout + r.stderr
    assert "11 variable(s) at 41 step(s)" in r.stdout


def test_compiled_matches_neml2(case):
    run_tool(["neml2-compile", "model.i", "--driver", "driver", "--output-dir", "aoti"], case)
    r = run_tool(["neml2-run", "aoti/model_aoti.i", "regression"], case)
    assert "matches" in r.stdout and "11 variable(s) at 41 step(s)" in r.stdout, r.stdout + r.stderr


def test_a_wrong_reference_fails(case, tmp_path):
    torch = pytest.importorskip("torch")
    ref = torch.load(case / "reference.pt")
    ref["output.20.slip_hardening"] = ref["output.20.slip_hardening"] * (1 + 1e-3)
    shutil.copy(case / "model.i", tmp_path / "model.i")
    torch.save(ref, tmp_path / "reference.pt")
    r = run_tool(["neml2-run", "model.i", "regression"], tmp_path, check=False)
    assert r.returncode != 0
    assert "slip_hardening" in r.stderr

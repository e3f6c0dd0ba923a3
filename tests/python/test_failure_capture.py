"""neml2.capture_failures(): failed implicit solves reported per point instead of raised, for eager
models and compiled ones (tests/data/implicit/substep.i: steps of 1 converge whole, 10 and 100 in
sub-steps, 1000 not at all; every converged point ends at the root of x^3 + x = t)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import neml2

from conftest import run_tool

SUBSTEP = Path(__file__).resolve().parents[1] / "data" / "implicit" / "substep.i"
T = np.array([1.0, 10.0, 100.0, 1000.0])


def inputs():
    return {"t": T, "t~1": np.zeros(()), "x~1": np.zeros(())}


def roots():
    return np.array([np.real(r[np.argmin(abs(np.imag(r)))]) for r in (np.roots([1, 0, 1, -t]) for t in T[:3])])


def check(report, x):
    assert report.batch_shape == (4,)
    assert report.converged.tolist() == [True, True, True, False]
    assert report.failed_points == [3] and report.num_failed == 1
    assert report.substeps[0] == 1 and report.substeps[1] > 1 and report.substeps[2] > 1
    assert report.iterations[3] == -1 and report.residual[3] > 0
    assert "sub-steps" in report.reason(1) and "did not converge" in report.reason(3)
    np.testing.assert_allclose(np.asarray(x)[:3], roots(), rtol=1e-9)
    assert np.isnan(np.asarray(x)[3])


def test_eager_capture_and_raise():
    model = neml2.load_model(SUBSTEP, "update")
    with pytest.raises(neml2.SolverError, match=r"failed points: 3"):
        model.value(inputs())
    with neml2.capture_failures() as report:
        out = model.value(inputs())
    check(report, out["x"].data)  # the report outlives the block
    with pytest.raises(IndexError, match="not among the 4 point"):
        report.reason(4)
    with pytest.raises(neml2.SolverError):  # the block has ended
        model.value(inputs())


def test_compiled_matches_eager(tmp_path):
    run_tool(["neml2-compile", str(SUBSTEP), "--model", "update", "--output-dir", "aoti"], tmp_path)
    compiled = neml2.aoti.Model(tmp_path / "aoti" / "update")
    eager = neml2.load_model(SUBSTEP, "update")
    with neml2.capture_failures() as want:
        x_eager = np.asarray(eager.value(inputs())["x"].data)
    with neml2.capture_failures() as report:
        x = compiled.forward(inputs())["x"]
    check(report, x)
    assert report.iterations.tolist() == want.iterations.tolist()
    assert report.substeps.tolist() == want.substeps.tolist()
    np.testing.assert_array_equal(np.asarray(x), x_eager)  # bit for bit, NaN included


def test_inadmissible_input_parameter_is_a_failed_point(tmp_path):
    f = tmp_path / "e.i"
    f.write_text(
        "[Models]\n  [m]\n    type = LinearIsotropicElasticity\n    coefficients = 'youngs 0.25'\n"
        "    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'\n  []\n[]\n"
    )
    model = neml2.load_model(f, "m")
    ins = {"strain": np.array([1e-3, 0, 0, 0, 0, 0]), "youngs": np.array([150e3, -5.0])}
    with pytest.raises(ValueError, match=r"at point 1: parameter 'E' \(Young's modulus\) of model 'm' is -5"):
        model.value(ins)
    with neml2.capture_failures() as report:
        stress = np.asarray(model.value(ins)["stress"].data)
    assert report.converged.tolist() == [True, False]
    assert "outside its admissible range (0, inf)" in report.reason(1)
    assert np.isnan(stress[1]).all() and np.isfinite(stress[0]).all()

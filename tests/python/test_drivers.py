"""Drivers from Python: neml2.load_input(file).get_driver(name).run() returns the history as arrays.
Each recorded step is checked against the model applied by a time loop written here to the step
before it; the history equals the .npz the driver writes; the model a driver runs is the object
get_model returns."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import neml2

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "plasticity" / "viscoplasticity_isoharden.i"


def load(tmp_path: Path, *overrides: str) -> neml2.Input:
    return neml2.load_input(EXAMPLE, [f"Drivers/driver/save_as={tmp_path / 'out.npz'}", *overrides])


def test_run_returns_the_history_and_each_step_is_the_model_applied_to_the_last(tmp_path):
    inp = load(tmp_path)
    driver = inp.get_driver("driver")
    assert driver.type == "TransientDriver" and repr(driver) == "TransientDriver('driver')"
    history = driver.run()
    assert history is not None
    history = driver.history("numpy")
    assert {"t", "E", "stress", "equivalent_plastic_strain"} <= set(history)
    assert history["stress"].shape == (101, 20, 6) and history["t"].shape == (101, 20)
    model = inp.get_model("model")
    for k in (1, 2, 50, 100):
        inputs = {}
        for name in model.input_spec:
            base, _, lag = name.partition("~")
            inputs[name] = history[base][k - int(lag or 0)]
        out = model.value(inputs)
        for name in model.output_spec:
            np.testing.assert_allclose(np.asarray(out[name].data), history[name][k], rtol=1e-13, atol=0)
    assert history["equivalent_plastic_strain"][-1].max() > 0.01, "the run should yield"


def test_the_history_is_what_save_writes(tmp_path):
    driver = load(tmp_path).get_driver("driver")
    driver.run()
    history = driver.history("numpy")
    saved = np.load(tmp_path / "out.npz")
    assert set(saved.files) == set(history)
    for name in history:
        np.testing.assert_array_equal(saved[name], history[name])
    driver.save(tmp_path / "again.csv")
    rows = (tmp_path / "again.csv").read_text().splitlines()
    assert len(rows) == 1 + 101 and rows[0].startswith("step,")


def test_the_driver_runs_the_model_get_model_returns(tmp_path):
    inp = load(tmp_path)
    model = inp.get_model("model")
    model.set_parameter("rate.yield_surface.sy", 50.0)
    changed = inp.get_driver("driver").run()
    edited_file = load(tmp_path, "Models/yield_surface/yield_stress=50").get_driver("driver").run()
    for name in ("stress", "equivalent_plastic_strain"):
        np.testing.assert_array_equal(np.asarray(changed[name]), np.asarray(edited_file[name]))


def test_errors_name_the_object(tmp_path):
    inp = load(tmp_path)
    with pytest.raises(neml2.InputError, match="nope"):
        inp.get_driver("nope")
    with pytest.raises(neml2.Error, match="no results before run"):
        inp.get_driver("driver").history()
    with pytest.raises(neml2.InputError):
        neml2.load_input(tmp_path / "missing.i")


ELASTIC = """
[Tensors]
  [times]
    type = LinspaceScalar
    start = 0
    end = 1
    nstep = 6
  []
  [max_strain]
    type = FillSR2
    values = '0.01 -0.005 -0.005'
  []
  [strains]
    type = LinspaceSR2
    start = 0
    end = 'max_strain'
    nstep = 6
  []
[]
[Models]
  [elasticity]
    type = LinearIsotropicElasticity
    coefficients = '200e3 0.3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
  []
[]
[Drivers]
  [driver]
    type = TransientDriver
    model = 'elasticity'
    prescribed_time = 'times'
    prescribed_SR2_names = 'strain'
    prescribed_SR2_values = 'strains'
    save_as = 'reference.npz'
  []
  [regression]
    type = TransientRegression
    driver = 'driver'
    reference = 'reference.npz'
  []
[]
"""


def test_a_checking_driver_runs_and_has_no_history(tmp_path):
    (tmp_path / "elastic.i").write_text(ELASTIC)
    first = neml2.load_input(tmp_path / "elastic.i", [f"Drivers/driver/save_as={tmp_path / 'reference.npz'}"])
    first.get_driver("driver").run()
    regression = neml2.load_input(tmp_path / "elastic.i", ["Drivers/driver/save_as="]).get_driver("regression")
    assert regression.run() is None  # it matched its reference, or it would have raised
    with pytest.raises(ValueError, match="TransientRegression, which records no history to return"):
        regression.history()

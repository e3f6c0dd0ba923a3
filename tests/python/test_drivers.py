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


def progress_input(tmp_path: Path, *overrides: str) -> neml2.Driver:
    (tmp_path / "elastic.i").write_text(ELASTIC)
    return neml2.load_input(tmp_path / "elastic.i", ["Drivers/driver/save_as=", *overrides]).get_driver("driver")


def test_a_progress_callable_sees_every_step_and_replaces_the_display(tmp_path, capfd):
    driver = progress_input(tmp_path, "Drivers/driver/progress_interval=1e-12")
    seen = []
    history = driver.run(progress=lambda step, last: seen.append((step, last)))
    assert seen == [(k, 5) for k in range(1, 6)]
    assert history["stress"].shape[0] == 6
    assert capfd.readouterr().err == ""


def test_an_exception_from_the_progress_callable_stops_the_run(tmp_path):
    driver = progress_input(tmp_path)
    seen = []

    def stop_at_two(step, last):
        seen.append(step)
        if step == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        driver.run(progress=stop_at_two)
    assert seen == [1, 2]
    # The driver is reusable afterwards, and forgets the callable.
    assert driver.run(progress=False)["stress"].shape[0] == 6


def test_in_a_pipe_the_default_display_is_periodic_lines_and_false_turns_it_off(tmp_path, capfd):
    # pytest's capture makes stderr a file, as in a pipe or a CI log.
    driver = progress_input(tmp_path, "Drivers/driver/progress_interval=1e-12")
    driver.run()
    err = capfd.readouterr().err
    assert err.count("\n") == 5 and "[Drivers/driver]: step 5 of 5 (100%)" in err, err
    driver.run(progress=False)
    assert capfd.readouterr().err == ""


def test_progress_true_draws_a_bar_here(tmp_path, capfd):
    pytest.importorskip("tqdm", reason="tqdm draws the bar; without it a text line is drawn (tested below)")
    progress_input(tmp_path).run(progress=True)
    err = capfd.readouterr().err
    assert "[Drivers/driver]" in err and "5/5" in err, err


def test_without_tqdm_the_bar_is_a_line_of_text(tmp_path, capfd, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_tqdm(name, *args, **kwargs):
        if name.startswith("tqdm"):
            raise ImportError("no tqdm here")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_tqdm)
    progress_input(tmp_path).run(progress=True)
    err = capfd.readouterr().err
    assert "\r[Drivers/driver]: step 5 of 5 (100%)" in err and err.endswith("\n"), err


def test_ctrl_c_stops_a_long_run_between_steps(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "long_run.py"
    script.write_text(
        "import sys, time, neml2\n"
        f"d = neml2.load_input({str(EXAMPLE)!r}, ['Drivers/driver/save_as=', 'Tensors/times/nstep=1000000',"
        " 'Tensors/strains/nstep=1000000', 'Drivers/driver/progress_interval=0.1']).get_driver('driver')\n"
        "try:\n    d.run()\nexcept KeyboardInterrupt:\n    print('interrupted', flush=True)\n"
    )
    # A child with the default SIGINT action (a background job of a shell would ignore it).
    child = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert "step" in child.stderr.readline(), "the run should report progress before it is interrupted"
    sent = time.monotonic()
    child.send_signal(signal.SIGINT)
    out, _ = child.communicate(timeout=60)
    assert out.strip() == "interrupted" and child.returncode == 0
    assert time.monotonic() - sent < 5, "Ctrl-C should stop the run within a step, not at its end"

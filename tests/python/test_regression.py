"""TransientRegression against NEML2's reference format: a torch.save'd dictionary
"input.<step>.<name>" / "output.<step>.<name>" -> tensor (gold/result.pt), which the C++ driver
reads without PyTorch. The references are written here by torch itself, in float64 and float32 and
as strided views, so the reader is checked against PyTorch's own serialisation."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")  # torch writes the references

from conftest import run_tool

INPUT = Path(__file__).parent / "inputs" / "perfect_temperature_v3.i"
REGRESSION = """
[Drivers]
  [regression]
    type = TransientRegression
    driver = 'driver'
    reference = 'gold/result.pt'
  []
[]
"""
INPUTS = ("t", "E", "temperature")  # what NEML2 records as input.<step>.<name>


def _reference(history: dict, perturb=None) -> dict:
    """NEML2's result.pt dictionary built from a run's history (steps first), with history
    inputs as NEML2 writes them (input.<k>.X~1 = X at step k - 1)."""
    ref = {}
    steps = history["t"].shape[0]
    for k in range(steps):
        for name, a in history.items():
            kind = "input" if name in INPUTS else "output"
            ref[f"{kind}.{k}.{name}"] = torch.tensor(a[k])
        if k > 0:
            ref[f"input.{k}.plastic_strain~1"] = torch.tensor(history["plastic_strain"][k - 1])
    # Some as PyTorch lays them out in practice: float32, expanded (stride 0) and transposed views.
    ref["output.5.flow_rate"] = ref["output.5.flow_rate"].float()
    e = ref["input.7.E"]
    ref["input.7.E"] = e[:1].expand(e.shape[0], 6) if np.all(history["E"][7] == history["E"][7][:1]) else e
    ref["output.9.stress"] = ref["output.9.stress"].t().contiguous().t()
    assert not ref["output.9.stress"].is_contiguous()
    if perturb:
        key, index, by = perturb
        ref[key] = ref[key].clone()
        ref[key][index] += by
    return ref


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    d = tmp_path_factory.mktemp("regression")
    shutil.copy(INPUT, d / "model.i")
    with open(d / "model.i", "a") as f:
        f.write(REGRESSION)
    (d / "gold").mkdir()
    run_tool(["neml2-run", "model.i", "driver", "Drivers/driver/save_as=history.npz"], d)
    history = dict(np.load(d / "history.npz"))
    return d, history


def test_a_reference_torch_wrote_passes(case):
    d, history = case
    torch.save(_reference(history), d / "gold" / "result.pt")
    r = run_tool(["neml2-run", "model.i", "regression"], d)
    assert "[Drivers/regression]: driver 'driver' matches 'gold/result.pt'" in r.stdout
    assert "at 40 step(s)" in r.stdout


def test_a_wrong_reference_fails_naming_the_worst_value(case):
    d, history = case
    torch.save(_reference(history, perturb=("output.31.stress", (3, 1), 5.0)), d / "gold" / "result.pt")
    r = run_tool(["neml2-run", "model.i", "regression"], d, check=False)
    assert r.returncode != 0
    assert "1 of " in r.stderr and "the worst: 'stress' at step 31, index (3, 1)" in r.stderr, r.stderr
    # a value beyond the tolerance in float32 storage is caught too
    torch.save(_reference(history, perturb=("output.5.flow_rate", (2,), 1e-3)), d / "gold" / "result.pt")
    r = run_tool(["neml2-run", "model.i", "regression"], d, check=False)
    assert r.returncode != 0 and "the worst: 'flow_rate' at step 5, index (2)" in r.stderr, r.stderr


def test_a_variable_the_driver_does_not_record_is_an_error(case):
    d, history = case
    ref = _reference(history)
    ref["output.3.nonexistent"] = torch.zeros(5)
    torch.save(ref, d / "gold" / "result.pt")
    r = run_tool(["neml2-run", "model.i", "regression"], d, check=False)
    assert r.returncode != 0 and "the reference has 'nonexistent' at step 3, which driver 'driver' does not record" in r.stderr


@pytest.mark.filterwarnings("ignore::FutureWarning")  # torch.jit is deprecated, and NEML2 still has such files
def test_a_torchscript_reference_says_how_to_resave_it(case):
    d, history = case

    class Buffers(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.register_buffer("x", torch.zeros(3))

    torch.jit.save(torch.jit.script(Buffers()), d / "gold" / "result.pt")
    r = run_tool(["neml2-run", "model.i", "regression"], d, check=False)
    assert r.returncode != 0
    assert "torch.save(dict(torch.jit.load(p).state_dict()), p)" in r.stderr, r.stderr

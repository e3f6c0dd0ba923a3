"""`type = Python` tensors: NEML2 v3's tensor expressions, evaluated by the package for the console
scripts (run in-process) and for models loaded from Python.

References are independent of the code under test: hand-worked values, torch called directly, a twin
input file that gives the same values as literal numbers, and Hooke's law for the elastic step."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")  # NEML2's tensor expressions are written with torch

import neml2
from neml2 import _expressions
from neml2.types import SR2, Scalar, linspace, logspace

from conftest import run_tool

INPUTS = Path(__file__).parent / "inputs"
V3_FILE = INPUTS / "j2_viscoplastic_v3.i"


def evaluate(expr, tensors=None):
    """(type name, array) of one expression; `tensors` are the other [Tensors] objects by name."""
    tensors = {k: (*v, 0) for k, v in (tensors or {}).items()}  # none with sub-batch dims
    kind, array, sub_batch_dims = _expressions.evaluate("x", expr, lambda name: tensors.get(name))
    assert sub_batch_dims == 0
    return kind, array


def test_other_objects_keep_their_sub_batch_dims():
    # Per-cell edges of a finite-volume grid: the expression sees their cell axis as sub-batch.
    edges = ("Scalar", np.array([0.0, 0.5, 1.5]), 1)
    lookup = {"edges": edges}.get
    kind, a, n = _expressions.evaluate("x", "edges", lookup)
    assert (kind, a.tolist(), n) == ("Scalar", [0.0, 0.5, 1.5], 1)
    kind, a, n = _expressions.evaluate("x", "Scalar(edges.data[..., 1:] - edges.data[..., :-1], sub_batch_ndim=1)",
                                       lookup)
    assert (kind, a.tolist(), n) == ("Scalar", [0.5, 1.0], 1)


# ---- the tensor API that expressions use ------------------------------------------------------------


def test_fill_expand_gives_mandel_components_for_every_point():
    kind, a = evaluate("SR2.fill(0.1, -0.05, -0.05, 0.02, 0.0, -0.01).dynamic_batch.expand(20)")
    assert kind == "SR2" and a.shape == (20, 6) and a.dtype == np.float64
    s2 = math.sqrt(2.0)
    for row in a:
        assert row.tolist() == [0.1, -0.05, -0.05, 0.02 * s2, 0.0, -0.01 * s2]


def test_linspace_over_batch_views_is_start_plus_fraction_times_span():
    kind, a = evaluate("linspace(Scalar(1.0).dynamic_batch, Scalar(10.0).dynamic_batch, 20)")
    assert kind == "Scalar"
    assert a.tolist() == [1.0 + (i / 19) * 9.0 for i in range(20)]
    # end points with a batch: the new dim comes first
    t = linspace(Scalar(np.zeros(3)).batch, Scalar(np.array([1.0, 2.0, 4.0])).batch, 5)
    assert t.batch_shape == (5, 3)
    assert t.data[:, 2].tolist() == [0.0, 1.0, 2.0, 3.0, 4.0]
    assert linspace(Scalar(0.0).batch, Scalar(1.0).batch, 3, dim=-1).batch_shape == (3,)
    e = logspace(Scalar(-1.0).batch, Scalar(2.0).batch, 4)
    assert e.data.tolist() == [10.0 ** (-1.0 + (i / 3) * 3.0) for i in range(4)]


def test_linspace_over_sub_batch_views_makes_one_value_per_slip_system():
    # NEML2's crystal-plasticity tests write per-slip-system values this way.
    t = linspace(Scalar(-100.0).sub_batch, Scalar(200.0).sub_batch, 12)
    assert t.sub_batch.ndim == 1 and t.batch_shape == (12,)
    assert t.data.tolist() == [-100.0 + (i / 11) * 300.0 for i in range(12)]
    # end points with a batch: the batch first, the new sub-batch dim after it
    t = linspace(Scalar(np.zeros(2)).sub_batch, Scalar(np.array([1.0, 2.0])).sub_batch, 3)
    assert t.batch_shape == (2, 3) and t.sub_batch.ndim == 1
    assert t.data[1].tolist() == [0.0, 1.0, 2.0]
    e = logspace(Scalar(0.0).sub_batch, Scalar(2.0).sub_batch, 3)
    assert e.sub_batch.ndim == 1 and e.data.tolist() == [1.0, 10.0, 100.0]
    with pytest.raises(TypeError, match="both as sub-batch views"):
        linspace(Scalar(0.0).sub_batch, Scalar(1.0).batch, 3)
    with pytest.raises(IndexError, match="dim must be 0 or -1"):
        linspace(Scalar(0.0).sub_batch, Scalar(1.0).sub_batch, 3, dim=1)


def test_torch_and_other_tensors_by_name():
    base = ("SR2", np.array([1.0, 2.0, 3.0, 0.0, 0.0, 0.0]))
    kind, a = evaluate(
        "SR2(base.data.unsqueeze(0) * torch.linspace(0.0, 1.0, 3, dtype=torch.float64).reshape(3, 1))", {"base": base}
    )
    expected = base[1][None, :] * torch.linspace(0.0, 1.0, 3, dtype=torch.float64).numpy().reshape(3, 1)
    assert kind == "SR2" and np.array_equal(a, expected)
    # the other object's value is a copy: writing into it changes nothing outside
    evaluate("SR2(base.data.mul_(0.0))", {"base": base})
    assert base[1].tolist() == [1.0, 2.0, 3.0, 0.0, 0.0, 0.0]


def test_a_block_of_statements_assigns_result():
    code = """
      a = torch.arange(4, dtype=torch.float64)
      result = Scalar(a * a)
    """
    assert evaluate(code)[1].tolist() == [0.0, 1.0, 4.0, 9.0]


def test_arithmetic_keeps_the_type_and_broadcasts_scalars_over_base_dims():
    s = SR2.fill(1.0, 2.0, 3.0)
    k = Scalar(np.array([1.0, 10.0]))
    r = k * s - s
    assert isinstance(r, SR2) and r.shape == (2, 6)
    assert r.data[1].tolist() == [9.0, 18.0, 27.0, 0.0, 0.0, 0.0]
    assert (-(2.0 / Scalar(4.0))).data == -0.5
    assert (Scalar(3.0) ** 2).data == 9.0
    with pytest.raises(TypeError, match="cannot combine SR2 and R2"):
        _ = s + neml2.types.R2.fill(1.0)


def test_batch_views_unsqueeze_squeeze_expand():
    s = SR2.zeros((2, 3))
    assert s.batch.unsqueeze(0).batch_shape == (1, 2, 3)
    assert s.batch.unsqueeze(-1).batch_shape == (2, 3, 1)
    assert s.batch.unsqueeze(0).batch.squeeze(0).batch_shape == (2, 3)
    assert Scalar.zeros(5).batch_shape == (5,)
    assert SR2.fill(1.0).batch.expand(4, 4).batch_shape == (4, 4)
    assert SR2.zeros(3).batch.expand(2, -1).batch_shape == (2, 3)  # -1 keeps a dim, as in torch
    with pytest.raises(ValueError, match="cannot squeeze"):
        s.batch.squeeze(0)


# ---- what goes wrong says so ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "expr,message",
    [
        ("foo + 1", "NameError: name 'foo' is not defined; a name must be a [Tensors] object of this file"),
        ("torch.zeros(3)", "gave a torch.Tensor, not a typed tensor; wrap it in its type"),
        ("Scalar([1.0, 2.0]).sub_batch.retag(1) * 2", "supported by this package only to mark interpolation"),
        ("Scalar(torch.zeros(3), sub_batch_ndim=1).batch.expand(2, 3)", "only to mark interpolation tables"),
        ("Scalar([1.0, 2.0]).sub_batch.retag(2)", "cannot mark 2 sub-batch dim(s) of a tensor with batch shape (2,)"),
        ("SR2.fill(1, 2)", "SR2.fill() takes 1 or 3 or 6 components, got 2"),
        ("x = 1", "a block of statements must assign the tensor to 'result'"),
        ("SR2(torch.zeros(4, 3))", "trailing dims are (6,)"),
    ],
)
def test_errors_name_the_problem(expr, message):
    with pytest.raises(ValueError) as e:
        evaluate(expr)
    assert message in str(e.value)


def test_without_torch_the_error_says_to_install_it(monkeypatch):
    monkeypatch.setattr(_expressions, "_torch", lambda: None)
    with pytest.raises(ValueError, match=r"torch is not installed \(pip install torch\)"):
        evaluate("Scalar(torch.zeros(3))")
    # expressions that need no torch still work, with NumPy values
    assert evaluate("SR2.fill(1.0)")[1].tolist() == [1.0, 1.0, 1.0, 0.0, 0.0, 0.0]


def test_errors_in_a_file_are_located(tmp_path):
    (tmp_path / "bad.i").write_text(
        "[Tensors]\n  [a]\n    type = Python\n    expr = 'Scalar(b.data)'\n  []\n"
        "  [b]\n    type = Python\n    expr = 'Scalar(a.data)'\n  []\n  [c]\n    type = Python\n"
        "    expr = 'Scalar(torch.linspace(0, 1, 3)'\n  []\n[]\n"
        "[Models]\n  [m]\n    type = ScalarLinearCombination\n    from_var = 'u'\n    to_var = 'v'\n"
        "    coefficients = 'a'\n  []\n  [m2]\n    type = ScalarLinearCombination\n    from_var = 'u'\n"
        "    to_var = 'v'\n    coefficients = 'c'\n  []\n[]\n"
    )
    r = run_tool(["neml2-inspect", "bad.i", "m"], tmp_path, check=False)
    assert r.returncode == 1
    assert "bad.i:4:12: option 'expr' of [Tensors/a]" in r.stderr
    assert "dependency cycle: Tensors/a -> Tensors/b -> Tensors/a" in r.stderr
    assert "Traceback" not in r.stderr
    r = run_tool(["neml2-inspect", "bad.i", "m2"], tmp_path, check=False)
    assert "bad.i:12:12: option 'expr' of [Tensors/c]: SyntaxError" in r.stderr


# ---- NEML2 v3 input files run unchanged -----------------------------------------------------------------


def _literal_twin(text: str, values: dict) -> str:
    """The input file with each `type = Python` block replaced by its values as literal numbers."""
    out, lines, i = [], text.split("\n"), 0
    while i < len(lines):
        line = lines[i]
        name = line.strip()[1:-1] if line.strip().startswith("[") and line.strip() not in ("[]", "[Tensors]") else None
        if name in values and "type = Python" in lines[i + 1]:
            kind, a = values[name]
            out += [line, f"    type = {kind}", "    values = '" + " ".join(repr(float(v)) for v in a.ravel()) + "'",
                    "    batch_shape = '(" + ",".join(str(d) for d in a.shape[: a.ndim - (kind == 'SR2')]) + ")'"]
            while lines[i].strip() != "[]":
                i += 1
            out.append(lines[i])
        else:
            out.append(line)
        i += 1
    return "\n".join(out)


def _v3_values():
    """The values of the four expressions of j2_viscoplastic_v3.i, computed here with torch and NumPy."""
    end_time = torch.logspace(0.0, 3.0, 4, dtype=torch.float64).numpy()
    times = np.stack([0.0 + (i / 39) * (end_time - 0.0) for i in range(40)])
    s2 = math.sqrt(2.0)
    final = np.broadcast_to(np.array([0.02, -0.01, -0.01, 0.004 * s2, 0.0, 0.0]), (4, 6))
    fraction = torch.linspace(0.0, 1.0, 40, dtype=torch.float64).numpy().reshape(40, 1, 1)
    strains = final[None] * fraction
    return {"end_time": ("Scalar", end_time), "times": ("Scalar", times), "final_strain": ("SR2", final),
            "strains": ("SR2", strains)}


@pytest.fixture(scope="module")
def v3_runs(tmp_path_factory):
    d = tmp_path_factory.mktemp("v3")
    shutil.copy(V3_FILE, d / "model.i")
    (d / "twin.i").write_text(_literal_twin(V3_FILE.read_text(), _v3_values()))
    run_tool(["neml2-run", "model.i", "driver", "Drivers/driver/save_as=python.npz"], d)
    run_tool(["neml2-run", "twin.i", "driver", "Drivers/driver/save_as=literal.npz"], d)
    return d


def test_v3_file_runs_with_the_values_of_its_expressions(v3_runs):
    python, literal = np.load(v3_runs / "python.npz"), np.load(v3_runs / "literal.npz")
    assert sorted(python.keys()) == ["E", "equivalent_plastic_strain", "stress", "t"]
    for k in python.keys():
        assert np.array_equal(python[k], literal[k]), k  # the same numbers in, the same numbers out


def test_v3_file_elastic_step_is_hookes_law(v3_runs):
    out = np.load(v3_runs / "python.npz")
    E, nu = 150e3, 0.28
    lam, mu = E * nu / ((1 + nu) * (1 - 2 * nu)), E / (2 * (1 + nu))
    eps = out["E"][1]
    hooke = 2 * mu * eps + lam * eps[:, :3].sum(axis=1, keepdims=True) * np.array([1, 1, 1, 0, 0, 0])
    np.testing.assert_allclose(out["stress"][1], hooke, rtol=1e-12)
    assert np.all(out["equivalent_plastic_strain"][1] == 0.0)
    # and it does yield later, more at the slower rates (less overstress)
    ep = out["equivalent_plastic_strain"][-1]
    assert np.all(ep > 0.01) and np.all(np.diff(ep) > 0)


def test_v3_file_compiles_with_its_driver_and_the_stub_runs(v3_runs):
    run_tool(["neml2-compile", "model.i", "--driver", "driver", "-q"], v3_runs)
    stub = v3_runs / "aoti" / "model_aoti.i"
    assert "type = Python" in stub.read_text()  # the driver's tensors stay expressions
    run_tool(["neml2-run", str(stub), "driver", "Drivers/driver/save_as=compiled.npz"], v3_runs)
    eager, compiled = np.load(v3_runs / "python.npz"), np.load(v3_runs / "compiled.npz")
    for k in eager.keys():
        np.testing.assert_allclose(compiled[k], eager[k], rtol=1e-10, atol=1e-12, err_msg=k)


def test_python_tensors_in_models_loaded_from_python(tmp_path):
    (tmp_path / "m.i").write_text(
        "[Tensors]\n  [w]\n    type = Python\n    expr = 'Scalar(torch.tensor([2.0, 3.0], dtype=torch.float64))'\n"
        "  []\n[]\n[Models]\n  [m]\n    type = ScalarLinearCombination\n    from_var = 'u'\n    to_var = 'v'\n"
        "    coefficients = 'w'\n  []\n[]\n"
    )
    model = neml2.load_model(str(tmp_path / "m.i"), "m")
    v = model(Scalar(np.array([1.0, 1.0])))  # an eager model with one output returns it alone
    assert np.asarray(v).tolist() == [2.0, 3.0]


# ---- interpolation tables marked sub-batch, as NEML2 v3 files write them --------------------------------


def test_sub_batch_tables_feed_interpolations_and_map_other_models(tmp_path):
    (tmp_path / "m.i").write_text(
        "[Tensors]\n"
        "  [T]\n    type = Python\n"
        "    expr = 'Scalar(torch.linspace(300, 1000, 8, dtype=torch.float64)).sub_batch.retag(1)'\n  []\n"
        "  [E]\n    type = Python\n"
        "    expr = 'Scalar(torch.linspace(2e5, 1.3e5, 8, dtype=torch.float64)).sub_batch.retag(1)'\n  []\n"
        "  [S]\n    type = Python\n"
        "    expr = 'Scalar(torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], dtype=torch.float64)).sub_batch.retag(2)'\n"
        "  []\n"
        "[]\n[Models]\n"
        "  [modulus]\n    type = ScalarLinearInterpolation\n    argument = 'temperature'\n"
        "    abscissa = 'T'\n    ordinate = 'E'\n  []\n"
        "  [grid]\n    type = ScalarBilinearInterpolation\n    abscissa1 = '0 1 2'\n    abscissa2 = '0 2'\n"
        "    ordinate = 'S'\n  []\n"
        "  [misuse]\n    type = ScalarLinearCombination\n    from_var = 'u'\n    to_var = 'v'\n"
        "    coefficients = 'E'\n  []\n[]\n"
    )
    modulus = neml2.load_model(str(tmp_path / "m.i"), "modulus")
    E = np.asarray(modulus(Scalar(np.array([300.0, 650.0, 1000.0]))))
    np.testing.assert_allclose(E, [2e5, 1.65e5, 1.3e5], rtol=1e-14)
    grid = neml2.load_model(str(tmp_path / "m.i"), "grid")
    assert float(np.asarray(grid(Scalar(np.array(0.5)), Scalar(np.array(0.5))))) == pytest.approx(2.25, rel=1e-15)
    # a table given to a model that reads one coefficient is not broadcast against the points: the
    # model runs once per entry, its output one value per entry
    per_entry = neml2.load_model(str(tmp_path / "m.i"), "misuse")
    v = np.asarray(per_entry(Scalar(np.array(2.0))))
    np.testing.assert_allclose(v, 2.0 * np.linspace(2e5, 1.3e5, 8), rtol=1e-15)


# ---- a temperature-dependent yield stress (a parameter given by a model) ----------------------------

TEMPERATURE_FILE = INPUTS / "perfect_temperature_v3.i"


def _perfect_plasticity_recurrence(temperatures: np.ndarray) -> np.ndarray:
    """stress_xx of the file's deviatoric ramp, worked by hand: backward-Euler radial return of perfect
    plasticity is q_k = min(q_{k-1} + 3G de, sy(T_k)) with sy(T) = 500 exp(-3000 / (8.314 T)), q the
    von Mises stress, de the effective strain increment; stress_xx = 2q/3."""
    G = 1e5 / 2.6
    de = 0.004 / 39
    q = np.zeros(temperatures.shape[1])
    out = [q.copy()]
    for T in temperatures[1:]:
        q = np.minimum(q + 3 * G * de, 500 * np.exp(-3000 / (8.314 * T)))
        out.append(q.copy())
    return 2 * np.array(out) / 3


@pytest.fixture(scope="module")
def temperature_run(tmp_path_factory):
    d = tmp_path_factory.mktemp("temperature")
    shutil.copy(TEMPERATURE_FILE, d / "model.i")
    run_tool(["neml2-run", "model.i", "driver", "Drivers/driver/save_as=eager.npz"], d)
    return d


def test_temperature_dependent_yield_stress_runs_unchanged_and_matches_the_return_map(temperature_run):
    out = np.load(temperature_run / "eager.npz")
    T = out["temperature"]
    start, end = np.linspace(300.0, 600.0, 5), np.linspace(500.0, 900.0, 5)
    np.testing.assert_allclose(T, start + (end - start) * np.linspace(0.0, 1.0, 40)[:, None], rtol=1e-14)
    expected = _perfect_plasticity_recurrence(T)
    np.testing.assert_allclose(out["stress"][..., 0], expected, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(out["stress"][..., 1], -expected / 2, rtol=1e-9, atol=1e-9)
    # both regimes occur: elastic early, on the (rising) yield surface later
    sy = 500 * np.exp(-3000 / (8.314 * T))
    on_surface = np.isclose(out["stress"][..., 0], 2 * sy / 3, rtol=1e-9)
    assert on_surface[-1].all() and not on_surface[1].any()


def test_temperature_dependent_yield_stress_compiles_with_its_driver(temperature_run):
    run_tool(["neml2-compile", "model.i", "--driver", "driver", "-q"], temperature_run)
    stub = temperature_run / "aoti" / "model_aoti.i"
    run_tool(["neml2-run", str(stub), "driver", "Drivers/driver/save_as=compiled.npz"], temperature_run)
    eager, compiled = np.load(temperature_run / "eager.npz"), np.load(temperature_run / "compiled.npz")
    assert sorted(eager.keys()) == sorted(compiled.keys())
    for k in eager.keys():
        np.testing.assert_allclose(compiled[k], eager[k], rtol=1e-10, atol=1e-12, err_msg=k)

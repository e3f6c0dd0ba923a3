"""examples/crystal_plasticity/taylor_polycrystal.i run as its header says, and what its plot
script computes checked against what FCC tension must do: the aggregate hardens toward a
saturated flow stress, and the lattices turn so that the tensile axis gathers near <111> and
<100> (the well-known FCC tension fibres), which a random texture does not have."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import numpy as np
import pytest

from conftest import run_tool

EXAMPLE = Path(__file__).parents[2] / "examples" / "crystal_plasticity"


def plot_script():
    spec = importlib.util.spec_from_file_location("plot_taylor_polycrystal", EXAMPLE / "plot_taylor_polycrystal.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    d = tmp_path_factory.mktemp("taylor")
    for name in ("taylor_polycrystal.i", "texture_216.csv"):
        shutil.copy(EXAMPLE / name, d / name)
    run_tool(["neml2-run", "taylor_polycrystal.i", "driver"], d)
    return np.load(d / "taylor_polycrystal.npz")


def near_fibre_fraction(plot, mrp: np.ndarray, degrees: float = 15.0) -> float:
    """The fraction of grains whose tensile axis, in the crystal frame, is within `degrees` of a
    <111> or <100> direction."""
    axis = np.einsum("gji,j->gi", plot.rotation_matrices(mrp), np.array([0.0, 0.0, 1.0]))
    dirs = np.concatenate([plot.family((1, 1, 1)), plot.family((1, 0, 0))])
    cos = np.abs(axis @ dirs.T).max(axis=1)
    return float(np.mean(cos > np.cos(np.radians(degrees))))


def test_rotation_matrices_are_rotations():
    plot = plot_script()
    rng = np.random.default_rng(1)
    r = rng.uniform(-0.6, 0.6, (20, 3))
    q = plot.rotation_matrices(r)
    assert np.allclose(q @ np.swapaxes(q, 1, 2), np.eye(3), atol=1e-12)
    assert np.allclose(np.linalg.det(q), 1.0)
    # A quarter turn about z: r = tan(pi/8) e_z takes x to y.
    assert np.allclose(plot.rotation_matrices(np.array([0.0, 0.0, np.tan(np.pi / 8)])) @ [1, 0, 0], [0, 1, 0])


def test_the_aggregate_hardens_and_saturates(result):
    plot = plot_script()
    strain, mean = plot.mean_axial_stress(result)
    assert strain[-1] == pytest.approx(0.3)
    assert np.all(np.diff(mean) > -1e-9), "the mean axial stress should not fall"
    # Voce hardening saturates: the last tenth of the strain adds little compared to the first.
    assert mean[-1] - mean[-7] < 0.05 * (mean[6] - mean[0])
    # Grains of different orientations carry different stresses (Taylor: same strain, not stress).
    assert np.ptp(result["cauchy_stress"][-1, :, 2]) > 20.0


def test_the_texture_sharpens_toward_the_tension_fibres(result):
    plot = plot_script()
    before = near_fibre_fraction(plot, result["orientation"][0])
    after = near_fibre_fraction(plot, result["orientation"][-1])
    assert after > before + 0.1, (before, after)

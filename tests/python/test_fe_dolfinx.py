"""examples/fe/plate_with_hole_dolfinx.py: the plate with a hole solved with DOLFINx under MPI, the
compiled model evaluated at all of a rank's quadrature points in one call per global Newton
iteration and its consistent tangent assembled. On 1 and 2 ranks the global Newton converges
quadratically and the results agree; they are also those of the scikit-fem example on the same
mesh.

DOLFINx is not a pip dependency: it is Debian's python3-dolfinx (scripts/install-deps), for
Debian's interpreter. The example runs there (NEML2_DOLFINX_PYTHON, default /usr/bin/python3)
with this environment's neml2 package, and only it, on PYTHONPATH (a folder holding a link to the
package: the environment's own NumPy must not shadow the one DOLFINx was built against)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import neml2
from conftest import assert_newton_converges_quadratically, run_tool

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "fe" / "plate_with_hole_dolfinx.py"
MESH = dict(nr=4, ntheta=3, nz=1)
STEPS = 3
TIMEOUT = 300  # seconds per run; a run takes a few (plus the first run's form compilation by DOLFINx's JIT)
LINE = re.compile(r"^step +(\d+) +iteration (\d+) +\|r\| = (\S+) N", re.M)


@pytest.fixture(scope="module")
def dolfinx_env(tmp_path_factory):
    """(interpreter, environment) for running the example with DOLFINx; skips, saying why, where
    DOLFINx or mpirun is missing."""
    python = os.environ.get("NEML2_DOLFINX_PYTHON", "/usr/bin/python3")
    if shutil.which(python) is None:
        pytest.skip(f"no interpreter {python} for DOLFINx (set NEML2_DOLFINX_PYTHON)")
    if shutil.which("mpirun") is None:
        pytest.skip("mpirun is not on PATH (Debian: apt-get install openmpi-bin, see scripts/install-deps)")
    # this package only: a folder with a link to it
    path = tmp_path_factory.mktemp("dolfinx_path")
    (path / "neml2").symlink_to(Path(neml2.__file__).resolve().parent, target_is_directory=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PYTHONPATH"] = str(path)
    probe = subprocess.run([python, "-c", "import sys, dolfinx; print(dolfinx.__version__, *sys.version_info[:2])"],
                           env=env, capture_output=True, text=True, timeout=120)
    if probe.returncode != 0:
        pytest.skip(f"DOLFINx is not importable by {python} (Debian: apt-get install python3-dolfinx, see "
                    f"scripts/install-deps): {(probe.stderr.strip().splitlines() or ['?'])[-1]}")
    version, major, minor = probe.stdout.split()
    if not version.startswith("0.5."):
        pytest.skip(f"the example is written for DOLFINx 0.5 (Debian 12), {python} has {version}")
    if (int(major), int(minor)) != sys.version_info[:2]:
        pytest.skip(f"{python} is Python {major}.{minor}, this neml2 package's extension was built for "
                    f"{sys.version_info[0]}.{sys.version_info[1]}")
    return python, env


@pytest.fixture(scope="module")
def artifact(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("fe_dolfinx")
    model = ROOT / "examples" / "plasticity" / "viscoplasticity_isoharden.i"
    run_tool(["neml2-compile", str(model), "--model", "model", "-d", "stress:E", "--output-dir", "aoti", "-q"], d)
    return d / "aoti" / "model"


def run_example(dolfinx_env, artifact, ranks: int, tmp_path: Path, *args):
    python, env = dolfinx_env
    save = tmp_path / f"ranks{ranks}.npz"
    mpirun = ["mpirun", "-n", str(ranks), "--oversubscribe", "-x", "PYTHONPATH"]
    if os.geteuid() == 0:
        mpirun.append("--allow-run-as-root")
    cmd = [*mpirun, python, str(EXAMPLE), "--artifact", str(artifact), "--save", str(save),
           *(f"--{k}={v}" for k, v in MESH.items()), *args]
    r = subprocess.run(cmd, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT)
    assert r.returncode == 0, f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stdout}\n{r.stderr[-4000:]}"
    return r.stdout, dict(np.load(save))


@pytest.fixture(scope="module")
def runs(dolfinx_env, artifact, tmp_path_factory):
    """The example on 1 and 2 ranks: {ranks: (stdout, saved results)}."""
    d = tmp_path_factory.mktemp("runs")
    return {n: run_example(dolfinx_env, artifact, n, d, f"--steps={STEPS}") for n in (1, 2)}


@pytest.mark.parametrize("ranks", [1, 2])
def test_global_newton_converges_quadratically(runs, ranks):
    stdout, saved = runs[ranks]
    assert int(saved["ranks"]) == ranks
    assert f"{ranks} MPI rank(s)" in stdout
    printed = [(int(s), int(i), float(r)) for s, i, r in LINE.findall(stdout)]
    assert len(printed) == len(saved["residual"]), stdout
    for step in range(1, STEPS + 1):
        res = [r for s, _, r in printed if s == step]
        assert res, f"step {step} printed no residuals:\n{stdout}"
        assert_newton_converges_quadratically(res, step)


def test_one_and_two_ranks_agree(runs):
    (_, one), (_, two) = runs[1], runs[2]
    # the same iterations; the residuals agree to round-off relative to each step's first one
    assert np.array_equal(one["step"], two["step"]) and np.array_equal(one["iteration"], two["iteration"])
    first = {s: r for s, i, r in zip(one["step"], one["iteration"], one["residual"]) if i == 0}
    scale = np.array([first[s] for s in one["step"]])
    np.testing.assert_allclose(one["residual"], two["residual"], rtol=0, atol=1e-12 * scale.max())
    # reactions and displacements: partitioned assembly sums in another order (round-off), and
    # both runs stop at the Newton tolerance, so agreement to 1e-8 (observed: ~1e-15)
    for key in ("reaction", "bottom_reaction", "max_stress_yy", "u_x(R, 0, 0)", "u_y(0, R, 0)"):
        np.testing.assert_allclose(two[key], one[key], rtol=1e-8, err_msg=key)
    np.testing.assert_allclose(two["node_xyz"], one["node_xyz"], rtol=0, atol=1e-12)
    np.testing.assert_allclose(two["u"], one["u"], rtol=0, atol=1e-8 * np.abs(one["u"]).max())


def test_plate_is_in_equilibrium_and_yields(runs):
    _, saved = runs[2]
    assert np.all(saved["reaction"] > 0)
    np.testing.assert_allclose(saved["reaction"], -saved["bottom_reaction"], rtol=1e-6)
    assert saved["reaction"][-1] / ((10.0 - 2.0) * 1.0) > 5  # the nominal stress is above the 5 MPa yield stress


def test_same_solution_as_the_scikit_fem_example(runs, artifact):
    """The same mesh, elements, quadrature and model: the scikit-fem example's reactions."""
    pytest.importorskip("skfem", reason="the reference is the scikit-fem example (python/requirements-test.txt)")
    sys.path.insert(0, str(EXAMPLE.parent))
    import plate_with_hole as fe

    reference = fe.solve_plate(neml2.aoti.Model(str(artifact)), steps=STEPS, verbose=False, **MESH)
    _, saved = runs[2]
    np.testing.assert_allclose(saved["reaction"], reference.reaction, rtol=1e-8)
    np.testing.assert_allclose(saved["max_stress_yy"], reference.max_stress_yy, rtol=1e-8)

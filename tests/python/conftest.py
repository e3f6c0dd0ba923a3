"""Shared fixtures: the seed's input file and the artifacts neml2-compile makes from it."""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# The seed's Listing 13, verbatim.
SEED_INPUT = """\
# Linear isotropic elasticity model used as the compilation target.
# E  = 200 GPa, nu = 0.3 — same model as the "hello world" tutorial,
# repeated here so this page is self-contained.
[Models]
  [elasticity]
    type = LinearIsotropicElasticity
    coefficients      = '200e3          0.3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
  []
[]
"""


def assert_newton_converges_quadratically(res: list, step: int) -> None:
    """A global Newton's residual norms of one load step: down to 1e-8 of the first, with the
    order estimated from the last three above round-off over 1.8 (the FE examples' tests)."""
    assert res[-1] <= 1e-8 * res[0], f"step {step} did not converge: {res}"
    above = [x for x in res if x > 1e-12 * res[0]]
    assert len(above) >= 4, f"step {step}: too few iterations to see the rate: {res}"
    r0, r1, r2 = above[-3:]
    order = math.log(r2 / r1) / math.log(r1 / r0)
    assert order > 1.8, f"step {step}: convergence order {order:.2f}, residuals {res}"


def tool_env() -> dict:
    """The environment of a shell in which the package's console scripts are on PATH (as in an
    activated virtual environment)."""
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


def tool(name: str) -> str:
    path = shutil.which(name, path=tool_env()["PATH"])
    assert path, f"{name} is not on PATH: is the neml2 package installed in this environment?"
    return path


def run_tool(args, cwd, check=True) -> subprocess.CompletedProcess:
    r = subprocess.run([tool(args[0]), *args[1:]], cwd=cwd, env=tool_env(), capture_output=True, text=True)
    if check and r.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    return r


@pytest.fixture(scope="session")
def seed_dir(tmp_path_factory) -> Path:
    """A folder with the seed's input.i compiled twice: aoti/ (-d stress:strain) and
    aoti_promoted/ (-p E -d stress:strain)."""
    d = tmp_path_factory.mktemp("seed")
    (d / "input.i").write_text(SEED_INPUT)
    run_tool(["neml2-compile", "input.i", "--model", "elasticity", "-d", "stress:strain"], d)
    run_tool(
        ["neml2-compile", "input.i", "--model", "elasticity", "--output-dir", "aoti_promoted", "-p", "E", "-d",
         "stress:strain"],
        d,
    )
    return d


@pytest.fixture(scope="session")
def forward_only_dir(tmp_path_factory) -> Path:
    """The seed's model compiled without -d (forward only)."""
    d = tmp_path_factory.mktemp("fwd")
    (d / "input.i").write_text(SEED_INPUT)
    run_tool(["neml2-compile", "input.i", "--model", "elasticity"], d)
    return d

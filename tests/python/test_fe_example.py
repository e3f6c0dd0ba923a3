"""examples/fe/plate_with_hole.py: a 3-D plate with a hole solved with scikit-fem, the compiled
model evaluated at every quadrature point per global Newton iteration and its consistent tangent
assembled. The global Newton converges quadratically, the plate is in equilibrium, and below
yield the solution is the linear-elastic one of the same mesh (Hooke's law, one linear solve)."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest
from conftest import assert_newton_converges_quadratically

pytest.importorskip("skfem", reason="the FE example uses scikit-fem (python/requirements-test.txt installs it)")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "fe"
sys.path.insert(0, str(EXAMPLE))
import plate_with_hole as fe  # noqa: E402

MESH = dict(nr=4, ntheta=3, nz=1)


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    return fe.compile_model(tmp_path_factory.mktemp("fe") / "aoti")


def test_global_newton_converges_quadratically(model):
    r = fe.solve_plate(model, steps=3, verbose=False, **MESH)
    for step in (1, 2, 3):
        res = [i.residual for i in r.iterations if i.step == step]
        assert_newton_converges_quadratically(res, step)


def test_plate_is_in_equilibrium_and_yields(model):
    r = fe.solve_plate(model, steps=2, verbose=False, **MESH)
    for top, bottom in zip(r.reaction, r.bottom_reaction):
        assert top > 0
        # equal up to the out-of-balance force the Newton tolerance leaves (1e-8 of the first residual)
        assert math.isclose(top, -bottom, rel_tol=1e-6), (top, bottom)
    # the nominal stress is above the yield stress (5 MPa): the step is viscoplastic
    assert r.nominal_stress[-1] > 5


def test_below_yield_the_solution_is_linear_elastic(model):
    u_top = 1e-6  # a peak stress well below the 5 MPa yield stress
    r = fe.solve_plate(model, steps=1, u_top=u_top, verbose=False, **MESH)
    assert r.max_stress_yy[-1] < 5
    reference = fe.linear_elastic_reaction(1e5, 0.3, u_top, **MESH)
    assert math.isclose(r.reaction[-1], reference, rel_tol=1e-9), (r.reaction[-1], reference)

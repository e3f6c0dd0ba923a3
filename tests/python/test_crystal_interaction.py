"""SlipSystemElasticInteraction against NEML2 3.1.0's values for the same input file
(make_crystal_reference.py): an orthotropic stiffness and a general orientation, where NEML2
rotates the stiffness and the Schmid tensors and this project contracts in the crystal frame.
And the coordinate-descent warm start over the 12 slip systems that such a coupling drives,
against NEML2's rates for the same coupling, trial shears and strengths."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

import neml2
from neml2.types import MRP, Scalar

INPUTS = Path(__file__).parent / "inputs"


def test_coupling_matches_neml2():
    m = neml2.load_model(str(INPUTS / "slip_interaction_v3.i"), "interaction")
    A = np.asarray(m(MRP(np.array([[0.2, -0.1, 0.3]])), Scalar(np.array([1.3])), Scalar(np.array([1.0]))))
    reference = np.load(INPUTS / "slip_interaction_v3_neml2.npy")
    assert reference.shape == (1, 12, 12)
    np.testing.assert_allclose(A.reshape(reference.shape), reference, rtol=1e-13, atol=1e-10 * np.abs(reference).max())
    # The coupling is symmetric, and slip on a system relaxes its own resolved shear.
    np.testing.assert_allclose(reference[0], reference[0].T, rtol=1e-13)
    assert (np.diag(reference[0]) > 0).all()


# The descent model on its own takes its sizes from a declaration: the values alone do not say
# which of their dims are slip systems.
DESCENT_SIZES = """
[Settings]
  [example_batch_shape]
    slip_coupling = '(1; 12, 12)'
    resolved_shears_trial = '(1; 12)'
    slip_strengths = '(1; 12)'
  []
[]
"""


def test_coordinate_descent_matches_neml2(tmp_path):
    shutil.copy(INPUTS / "single_crystal_cd_v3.i", tmp_path / "model.i")
    with open(tmp_path / "model.i", "a") as f:
        f.write(DESCENT_SIZES)
    m = neml2.load_model(str(tmp_path / "model.i"), "descent")
    r = np.load(INPUTS / "descent_v3_neml2.npz")
    out = m.value({"slip_coupling": r["coupling"], "resolved_shears_trial": r["trial"], "slip_strengths": r["strengths"]})
    rates = np.asarray(out["slip_rates"])
    assert rates.shape == r["rates"].shape == (1, 12)
    np.testing.assert_allclose(rates, r["rates"], rtol=1e-12, atol=1e-14)
    # Systems pushed both ways slip both ways, as their trial shears do.
    assert (np.sign(r["rates"][0, [0, 11]]) == np.sign(r["trial"][0, [0, 11]])).all()

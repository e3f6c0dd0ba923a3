"""SlipSystemElasticInteraction against NEML2 3.1.0's values for the same input file
(make_crystal_reference.py): an orthotropic stiffness and a general orientation, where NEML2
rotates the stiffness and the Schmid tensors and this project contracts in the crystal frame."""

from __future__ import annotations

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

"""Writes tests/python/inputs/<case>_neml2.pt: the history NEML2 3.1.0 computes for each
inputs/<case>.i below (taylor_v3 a polycrystal), the independent references of test_crystal_regression.py; and
slip_interaction_v3_neml2.npy, NEML2's SlipSystemElasticInteraction of slip_interaction_v3.i at
the orientation and times of test_crystal_interaction.py; and descent_v3_neml2.npz, NEML2's
CoordinateDescentPredictor of single_crystal_cd_v3.i on its own, with the values it was given.

Run it with NEML2 itself, in its own virtual environment (it imports as `neml2` too):

    python3 -m venv /tmp/neml2-peer && /tmp/neml2-peer/bin/pip install neml2==3.1.0
    /tmp/neml2-peer/bin/python tests/python/make_crystal_reference.py [case ...]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import torch
from neml2 import load_input

HERE = Path(__file__).parent
CASES = ["single_crystal_v3", "single_crystal_cd_v3", "per_slip_hardening_v3", "taylor_v3"]


def write_reference(case: str) -> None:
    source = HERE / "inputs" / f"{case}.i"
    reference = HERE / "inputs" / f"{case}_neml2.pt"
    with tempfile.TemporaryDirectory() as d:
        work = Path(d) / "model.i"
        text = source.read_text()
        marker = "    type = TransientDriver\n"
        assert text.count(marker) == 1, "expected one TransientDriver block"
        result = Path(d) / "result.pt"
        work.write_text(text.replace(marker, marker + f"    save_as = '{result}'\n"))
        load_input(work).get_driver("driver").run()
        shutil.copy(result, reference)
    print(f"wrote {reference}")


INTERACTION_AT = {"orientation": [[0.2, -0.1, 0.3]], "t": [1.3], "t~1": [1.0]}


def write_interaction_reference() -> None:
    import numpy as np
    from neml2.types import MRP, Scalar

    m = load_input(HERE / "inputs" / "slip_interaction_v3.i").get_model("interaction")
    a = INTERACTION_AT
    out = m(MRP(torch.tensor(a["orientation"])), Scalar(torch.tensor(a["t"])), Scalar(torch.tensor(a["t~1"])))
    reference = HERE / "inputs" / "slip_interaction_v3_neml2.npy"
    np.save(reference, out.data.detach().numpy())
    print(f"wrote {reference}")


def write_descent_reference() -> None:
    """NEML2's CoordinateDescentPredictor of single_crystal_cd_v3.i (model 'descent') on its own:
    the coupling at an orientation, trial shears and strengths chosen here, and the rates."""
    import numpy as np
    from neml2.types import MRP, Scalar

    f = load_input(HERE / "inputs" / "single_crystal_cd_v3.i")
    coupling = f.get_model("coupling")
    A = coupling(MRP(torch.tensor([[0.2, -0.1, 0.3]])), Scalar(torch.tensor([0.11])), Scalar(torch.tensor([0.1])))
    b = torch.linspace(-70.0, 85.0, 12).reshape(1, 12)
    strengths = torch.linspace(50.0, 61.0, 12).reshape(1, 12)
    descent = f.get_model("descent")
    rates = descent(A, Scalar(b, sub_batch_ndim=1), Scalar(strengths, sub_batch_ndim=1))
    reference = HERE / "inputs" / "descent_v3_neml2.npz"
    np.savez(
        reference,
        coupling=A.data.detach().numpy(),
        trial=b.numpy(),
        strengths=strengths.numpy(),
        rates=rates.data.detach().numpy(),
    )
    print(f"wrote {reference}")


def main() -> None:
    torch.set_default_dtype(torch.float64)
    for case in sys.argv[1:] or [*CASES, "slip_interaction", "descent"]:
        if case == "slip_interaction":
            write_interaction_reference()
        elif case == "descent":
            write_descent_reference()
        else:
            write_reference(case)


if __name__ == "__main__":
    main()

"""Writes tests/python/inputs/<example>_neml2.pt: the history NEML2 3.1.0 computes for the
examples of other physics below (their input files are written in NEML2 v3's dialect), the
independent references of test_other_physics_regression.py.

Run it with NEML2 itself, in its own virtual environment (it imports as `neml2` too):

    python3 -m venv /tmp/neml2-peer && /tmp/neml2-peer/bin/pip install neml2==3.1.0
    /tmp/neml2-peer/bin/python tests/python/make_other_physics_reference.py
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from neml2 import load_input

HERE = Path(__file__).parent
EXAMPLES = HERE.parent.parent / "examples"
CASES = [
    "chemical_reactions/pyrolysis",
    "phase_field_fracture/brittle_bar",
    "finite_volume/advection",
    "kwn/precipitation",
]


def write_reference(case: str) -> None:
    source = EXAMPLES / f"{case}.i"
    reference = HERE / "inputs" / f"{Path(case).name}_neml2.pt"
    with tempfile.TemporaryDirectory() as d:
        for f in source.parent.glob(f"{source.stem}.*"):  # the input and its CSV load path
            shutil.copy(f, d)
        work = Path(d) / source.name
        result = Path(d) / "result.pt"
        text = work.read_text()
        saved = f"    save_as = '{source.stem}.npz'\n"
        assert text.count(saved) == 1, "expected one save_as line"
        work.write_text(text.replace(saved, f"    save_as = '{result}'\n"))
        load_input(work).get_driver("driver").run()
        shutil.copy(result, reference)
    print(f"wrote {reference}")


if __name__ == "__main__":
    for c in CASES:
        write_reference(c)

"""Zero copy on a compiled call of 10^6 points: inputs are used in place, outputs are allocated
once (by the runtime) and handed to Python without a copy; forward_into allocates nothing."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import neml2
from neml2.types import SR2

N = 1_000_000


def test_input_is_wrapped_in_place():
    x = torch.rand(N, 6, dtype=torch.float64)
    strain = SR2(x)
    assert strain.data is x
    ptr, _ = neml2._neml2.tensor_info(strain)
    assert ptr == x.data_ptr()
    a = np.random.default_rng(0).random((N, 6))
    assert neml2._neml2.tensor_info(SR2(a))[0] == a.ctypes.data


def test_outputs_alias_native_storage(seed_dir):
    # named_parameters() of a promoted artifact: the returned arrays are views of the runtime's
    # storage, so the pointer is stable across calls and writes are seen by the runtime.
    b = neml2.aoti.Model(seed_dir / "aoti_promoted" / "elasticity")
    p1 = b.named_parameters()["E"]
    p2 = b.named_parameters(framework="numpy")["E"]
    assert p1.data_ptr() == p2.ctypes.data


def test_forward_into_million_points(seed_dir):
    b = neml2.aoti.Model(seed_dir / "aoti" / "elasticity")
    x = torch.rand(N, 6, dtype=torch.float64)
    out = torch.empty(N, 6, dtype=torch.float64)
    xp, op = x.data_ptr(), out.data_ptr()
    b.forward_into({"strain": x}, {"stress": out})
    assert x.data_ptr() == xp and out.data_ptr() == op
    ref = b.forward({"strain": x[:10]})["stress"]
    assert torch.equal(out[:10], ref)


# Peak memory in a fresh process: a copy of the 48 MB input (or of the output on its way to
# Python) would show up as an extra 48 MB of peak RSS.
PROGRAM = textwrap.dedent(
    """
    import resource, sys
    import torch, neml2
    from neml2.types import SR2
    N = 1_000_000
    MB = 1024  # ru_maxrss is in KiB on Linux
    compiled = neml2.load_model(sys.argv[1], "elasticity")
    x = torch.rand(N, 6, dtype=torch.float64)
    compiled(SR2(x[:4]))                          # warm up
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    (stress,) = compiled(SR2(x))
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert isinstance(stress.data, torch.Tensor) and stress.data.shape == (N, 6)
    assert stress.data.data_ptr() != x.data_ptr()
    print((after - before) / MB)
    """
)


def test_compiled_call_of_a_million_points_copies_nothing(seed_dir):
    stub = seed_dir / "aoti" / "elasticity_aoti.i"
    r = subprocess.run([sys.executable, "-c", PROGRAM, str(stub)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    grew_mb = float(r.stdout.strip().splitlines()[-1])
    out_mb = N * 6 * 8 / 2**20  # 45.8 MiB: the one output allocation
    assert grew_mb < 1.5 * out_mb, f"peak RSS grew by {grew_mb:.1f} MiB for a {out_mb:.1f} MiB output"

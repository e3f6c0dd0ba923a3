"""Driver.run(comm=...): a TransientDriver's batch cut over the ranks of an mpi4py communicator.
Two ranks started by mpirun give every rank the history one process computes, bit for bit, also
when the batch is cut by measured cost and when some points fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import neml2

ROOT = Path(__file__).resolve().parents[2]
INPUT = ROOT / "tests" / "data" / "mpi" / "isoharden_batch.i"
MPIRUN = shutil.which("mpirun")

# Each rank runs the driver and writes its own copy of the history (rank r: out_r.npz).
SCRIPT = """
import sys
import numpy as np
from mpi4py import MPI
import neml2
comm = MPI.COMM_WORLD
inp = neml2.load_input(sys.argv[1], sys.argv[4:])
driver = inp.get_driver("driver")
history = driver.run(progress=False, comm=comm, gather=sys.argv[3])
np.savez(f"{sys.argv[2]}_{comm.Get_rank()}.npz", shares=np.array(driver.shares), **history)
"""


def _needs_mpi():
    if MPIRUN is None:
        pytest.skip("mpirun is not installed (scripts/install-deps installs Open MPI)")
    pytest.importorskip("mpi4py", reason="mpi4py is not installed (python/requirements-test.txt pins it)")


def _mpirun(tmp_path: Path, ranks: int, overrides: list[str], gather="all") -> list[dict[str, np.ndarray]]:
    script = tmp_path / "run_on_ranks.py"
    script.write_text(SCRIPT)
    flags = ["--oversubscribe"]
    if os.geteuid() == 0:
        flags.append("--allow-run-as-root")
    out = tmp_path / "out"
    cmd = [MPIRUN, *flags, "-n", str(ranks), sys.executable, str(script), str(INPUT), str(out), gather, *overrides]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, f"{' '.join(cmd)} failed:\n{r.stdout}{r.stderr}"
    histories = [dict(np.load(f"{out}_{rank}.npz")) for rank in range(ranks)]
    # every rank knows the same cut of the 21 points
    shares = [h.pop("shares").tolist() for h in histories]
    assert all(s == shares[0] for s in shares), shares
    assert len(shares[0]) == ranks + 1 and shares[0][0] == 0 and shares[0][-1] == 21, shares
    return histories


def _single(overrides: list[str]) -> dict[str, np.ndarray]:
    return neml2.load_input(str(INPUT), overrides).get_driver("driver").run(progress=False)


def _assert_same(one: dict[str, np.ndarray], other: dict[str, np.ndarray], what: str) -> None:
    assert list(other) == list(one), what
    for name, a in one.items():
        b = other[name]
        assert b.shape == a.shape, f"{what}: {name} has shape {b.shape}, one process {a.shape}"
        assert np.array_equal(a, b, equal_nan=True), f"{what}: {name} differs from one process"


@pytest.mark.parametrize("balance", ["points", "cost"])
def test_two_ranks_give_the_single_process_history(tmp_path, balance):
    _needs_mpi()
    overrides = [f"Drivers/driver/balance={balance}"]
    one = _single(overrides)
    for rank, h in enumerate(_mpirun(tmp_path, 2, overrides)):
        _assert_same(one, h, f"rank {rank} of 2, balance = {balance}")


@pytest.mark.parametrize("gather", ["root", "none"])
def test_ranks_keep_their_share_unless_they_gather(tmp_path, gather):
    _needs_mpi()
    one = _single([])
    rank0, rank1 = _mpirun(tmp_path, 2, [], gather=gather)
    if gather == "root":
        _assert_same(one, rank0, "rank 0 of 2, gather = root")
    else:  # rank 0 keeps points 0 to 10 of 21
        assert np.array_equal(rank0["stress"], one["stress"][:, :11])
    # rank 1 keeps its share: points 11 to 20
    assert np.array_equal(rank1["stress"], one["stress"][:, 11:])


def test_share_files_join_into_the_single_process_file(tmp_path):
    _needs_mpi()
    one = _single([])
    _mpirun(tmp_path, 2, [f"Drivers/driver/save_as={tmp_path / 'out.npz'}"], gather="none")
    assert not (tmp_path / "out.npz").exists()
    shares = [np.load(tmp_path / f"out.rank{r}.npz") for r in range(2)]
    for name, a in one.items():
        # t and stress span the batch: joined along it; E is one strain path for every point
        joined = np.concatenate([s[name] for s in shares], axis=1) if name != "E" else shares[0][name]
        assert np.array_equal(joined, a), name


def test_failed_points_are_the_single_process_ones(tmp_path):
    _needs_mpi()
    overrides = ["Solvers/newton/max_its=10", "Drivers/driver/on_failure=continue"]
    one = _single(overrides)
    assert (one["converged"] == 0).any(), "max_its = 10 should make some points fail"
    assert (one["converged"] == 1)[-1].any(), "max_its = 10 should leave some points converged"
    for rank, h in enumerate(_mpirun(tmp_path, 2, overrides)):
        _assert_same(one, h, f"rank {rank} of 2, failing points")


def test_comm_must_be_a_communicator():
    driver = neml2.load_input(str(INPUT)).get_driver("driver")
    with pytest.raises(TypeError, match="mpi4py communicator"):
        driver.run(progress=False, comm=object())


def test_gather_must_be_all_root_or_none():
    driver = neml2.load_input(str(INPUT)).get_driver("driver")
    with pytest.raises(ValueError, match="gather must be 'all', 'root' or 'none', got 'some'"):
        driver.run(progress=False, gather="some")

"""neml2.set_num_threads / get_num_threads: the team large batches are spread over. A batch past the
parallel thresholds gives the same bytes with 1 thread and with 3, eager and compiled."""

from __future__ import annotations

import numpy as np
import pytest

import neml2
from neml2.types import SR2


@pytest.fixture
def restore_threads():
    yield
    neml2.set_num_threads(0)


def test_set_and_get(restore_threads):
    neml2.set_num_threads(3)
    assert neml2.get_num_threads() == 3
    neml2.set_num_threads(0)
    assert neml2.get_num_threads() >= 1
    with pytest.raises(ValueError, match="negative"):
        neml2.set_num_threads(-1)


def test_large_batches_do_not_depend_on_the_thread_count(seed_dir, restore_threads):
    strain = np.random.default_rng(4).uniform(-0.01, 0.01, (300000, 6))
    eager = neml2.load_model(seed_dir / "input.i", "elasticity")
    compiled = neml2.load_model(seed_dir / "aoti" / "elasticity_aoti.i", "elasticity")
    results = {}
    for n in (1, 3):
        neml2.set_num_threads(n)
        results[n] = (np.array(eager(SR2(strain)).data), np.array(compiled(SR2(strain))[0].data))
    assert np.array_equal(results[1][0], results[3][0])
    assert np.array_equal(results[1][1], results[3][1])
    assert np.array_equal(results[1][0], results[1][1])

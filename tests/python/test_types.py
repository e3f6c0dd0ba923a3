"""neml2.types: wrappers hold the caller's array (no copy); shapes, dtype, device; constructors."""

from __future__ import annotations

import math

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import neml2
from neml2.types import MRP, R2, SR2, SSR4, WR2, MillerIndex, Quaternion, Scalar, Vec


@pytest.mark.parametrize(
    "cls,base",
    [(Scalar, ()), (Vec, (3,)), (R2, (3, 3)), (SR2, (6,)), (SSR4, (6, 6)), (WR2, (3,)), (MRP, (3,)),
     (Quaternion, (4,)), (MillerIndex, (3,))],
)
def test_wraps_without_copy(cls, base):
    for data in (np.zeros((4, 2) + base), torch.zeros((4, 2) + base, dtype=torch.float32)):
        t = cls(data)
        assert t.data is data
        assert t.batch_shape == (4, 2)
        assert t.base_shape == base
        assert t.shape == (4, 2) + base
        assert t.batch_dim == 2 and t.base_dim == len(base)
        assert t.dtype == data.dtype
        # the native layer sees the very same memory
        ptr, dtype = neml2._neml2.tensor_info(t)
        expected = data.ctypes.data if isinstance(data, np.ndarray) else data.data_ptr()
        assert ptr == expected
        assert dtype == ("float64" if isinstance(data, np.ndarray) else "float32")


def test_device():
    assert SR2(np.zeros(6)).device == "cpu"
    assert SR2(torch.zeros(6)).device == torch.device("cpu")


def test_wrong_base_shape_is_a_value_error():
    with pytest.raises(ValueError, match=r"SR2 needs an array whose trailing dims are \(6,\).*\(2, 5\)"):
        SR2(np.zeros((2, 5)))
    with pytest.raises(ValueError, match="SSR4"):
        SSR4(np.zeros(6))


def test_lists_become_float64_numpy():
    t = Vec([1, 2, 3])
    assert isinstance(t.data, np.ndarray) and t.data.dtype == np.float64


def test_indexing_and_len():
    t = SR2(np.arange(12.0).reshape(2, 6))
    assert len(t) == 2
    assert np.array_equal(t[1].data, np.arange(6.0, 12.0))
    assert isinstance(t[0], SR2)


def test_sr2_fill_mandel():
    s2 = math.sqrt(2.0)
    assert np.allclose(SR2.fill(2.0).data, [2, 2, 2, 0, 0, 0])
    assert np.allclose(SR2.fill(1.0, 2.0, 3.0).data, [1, 2, 3, 0, 0, 0])
    assert np.allclose(SR2.fill(1, 2, 3, 4, 5, 6).data, [1, 2, 3, 4 * s2, 5 * s2, 6 * s2])
    assert isinstance(SR2.fill(1.0).data, np.ndarray)


def test_fill_batched_torch_components_broadcast():
    a = torch.tensor([1.0, 2.0], dtype=torch.float64)
    t = SR2.fill(a, 0.0, torch.tensor(3.0, dtype=torch.float64))
    assert isinstance(t.data, torch.Tensor)
    assert t.batch_shape == (2,)
    assert torch.equal(t.data[:, 0], a) and torch.all(t.data[:, 2] == 3.0)
    f32 = SR2.fill(torch.ones(3, dtype=torch.float32))
    assert f32.dtype == torch.float32


def test_fill_framework_and_dtype():
    t = Vec.fill(1, 2, 3, framework="torch")
    assert isinstance(t.data, torch.Tensor) and t.data.dtype == torch.float64
    n = Vec.fill(1, 2, 3, dtype=np.float32)
    assert n.data.dtype == np.float32
    with pytest.raises(ValueError, match="takes 3 components, got 2"):
        Vec.fill(1, 2)
    with pytest.raises(ValueError, match="unknown array framework"):
        Vec.fill(1, 2, 3, framework="jax")


def test_r2_fill():
    assert np.allclose(R2.fill(2.0).data, 2 * np.eye(3))
    assert np.allclose(R2.fill(1, 2, 3).data, np.diag([1, 2, 3]))
    sym = R2.fill(1, 2, 3, 4, 5, 6).data  # xx yy zz yz xz xy
    assert np.allclose(sym, [[1, 6, 5], [6, 2, 4], [5, 4, 3]])
    assert np.allclose(R2.fill(*range(9)).data, np.arange(9.0).reshape(3, 3))


def test_identities():
    assert np.allclose(SR2.identity().data, [1, 1, 1, 0, 0, 0])
    i = SR2.identity((2, 3), framework="torch")
    assert isinstance(i.data, torch.Tensor) and i.batch_shape == (2, 3)
    assert np.allclose(R2.identity((4,)).data, np.broadcast_to(np.eye(3), (4, 3, 3)))
    e = np.array([1.0, 2, 3, 4, 5, 6])
    assert np.allclose(SSR4.identity_sym().data @ e, e)
    assert np.allclose(SSR4.identity_vol().data @ e, [2, 2, 2, 0, 0, 0])
    assert np.allclose((SSR4.identity_dev().data + SSR4.identity_vol().data), np.eye(6))


def test_zeros_and_other_fills():
    z = Quaternion.zeros((5,))
    assert z.shape == (5, 4) and isinstance(z.data, np.ndarray)
    assert np.allclose(Quaternion.fill(1, 0, 0, 0).data, [1, 0, 0, 0])
    assert np.allclose(Scalar.fill(3.0).data, 3.0)
    assert SSR4.zeros((2,), framework="torch").data.shape == (2, 6, 6)
    assert np.allclose(MillerIndex.fill(1, 1, 1).data, [1, 1, 1])
    assert np.allclose(WR2.fill(0, 0, 1).data, [0, 0, 1])
    assert np.allclose(MRP.fill(0, 0, 0.5).data, [0, 0, 0.5])


def test_full_and_ones_take_neml2_batch_arguments():
    # NEML2 v3 input files write Scalar.full(20, fill_value=0.01) in `type = Python` tensors.
    f = Scalar.full(20, fill_value=0.01)
    assert f.shape == (20,) and np.all(f.data == 0.01)
    v = Vec.full((2, 3), fill_value=-1.5, framework="torch")
    assert isinstance(v.data, torch.Tensor) and tuple(v.shape) == (2, 3, 3) and bool((v.data == -1.5).all())
    o = SR2.ones(4)
    assert o.shape == (4, 6) and np.all(o.data == 1.0)
    assert Scalar.full(fill_value=2.0).shape == ()


def test_type_of():
    from neml2.types import type_of

    assert type_of("SR2") is SR2
    with pytest.raises(ValueError, match="unknown tensor type"):
        type_of("SR3")

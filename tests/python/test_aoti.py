"""Compiled models: the AOTIModel shim and the neml2.aoti.Model runtime binding."""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import neml2
from neml2.types import SR2

STRAIN = [[0.01, 0.0, 0.0, 0.0, 0.0, 0.0], [0.005, -0.002, 0.0, 0.0, 0.0, 0.001]]


@pytest.fixture
def compiled(seed_dir):
    return neml2.load_model(seed_dir / "aoti" / "elasticity_aoti.i", "elasticity")


@pytest.fixture
def eager(seed_dir):
    return neml2.load_model(seed_dir / "input.i", "elasticity")


def test_shim(compiled):
    assert isinstance(compiled, neml2.AOTIModel)
    assert repr(compiled) == "AOTIModel()"
    assert list(compiled.input_spec) == ["strain"] and list(compiled.output_spec) == ["stress"]
    assert isinstance(compiled._inner, neml2.aoti.Model)
    assert compiled._inner.name == "elasticity"
    assert compiled.artifact.endswith("cpu")


def test_always_a_tuple_and_bit_equal_to_eager(compiled, eager):
    for x in (np.array(STRAIN), torch.tensor(STRAIN, dtype=torch.float64)):
        r = compiled(SR2(x))
        assert isinstance(r, tuple) and len(r) == 1
        (s,) = r
        assert type(s.data) is type(x)
        e = eager(SR2(x)).data
        assert np.array_equal(np.asarray(s.data), np.asarray(e))  # bit for bit on CPU


def test_binding_built_from_artifact_folder(seed_dir):
    for path in (seed_dir / "aoti" / "elasticity", seed_dir / "aoti" / "elasticity" / "cpu",
                 str(seed_dir / "aoti" / "elasticity")):
        b = neml2.aoti.Model(path, device="cpu")
        assert b.input_names == ["strain"] and b.output_names == ["stress"]
        assert b.dtype == "float64" and b.device == "cpu"
        assert b.has_derivatives and b.derivatives == [("stress", "strain")]
        assert b.named_parameters() == {}
        out = b.forward({"strain": np.array(STRAIN)})
        assert set(out) == {"stress"} and out["stress"].shape == (2, 6)
        assert "neml2.aoti.Model(" in repr(b)


def test_binding_jvp_and_jacobian_numpy(seed_dir, eager):
    b = neml2.aoti.Model(seed_dir / "aoti" / "elasticity")
    x = np.array(STRAIN)
    v = np.random.default_rng(1).random((2, 6))
    out, jv = b.jvp({"strain": x}, {"strain": v})
    out_e, jv_e = eager.jvp({"strain": x}, {"strain": v})
    assert np.array_equal(out["stress"], out_e["stress"].data)
    assert np.array_equal(jv["stress"], jv_e["stress"].data)
    out, J = b.jacobian({"strain": x})
    _, J_e = eager.value_and_jacobian(x)
    assert J["stress"]["strain"].shape == (2, 6, 6)
    assert np.array_equal(J["stress"]["strain"], J_e["stress"]["strain"])


def test_promoted_parameters_alias_runtime_storage(seed_dir):
    m = neml2.load_model(seed_dir / "aoti_promoted" / "elasticity_aoti.i", "elasticity")
    x = np.array(STRAIN)
    (s0,) = m(x)
    p = m._inner.named_parameters(framework="numpy")
    assert set(p) == {"E"} and isinstance(p["E"], np.ndarray)
    p["E"][...] = 50e3
    (s1,) = m(x)
    assert np.allclose(s1.data, s0.data / 4, rtol=1e-14)
    # the shim's own view of the parameter is the same storage
    assert float(m.E.data) == 50e3
    # set_parameter on the shim keeps the binding in step
    m.E = 200e3
    assert float(m._inner.named_parameters(framework="numpy")["E"]) == 200e3
    (s2,) = m(x)
    assert np.array_equal(s2.data, s0.data)
    # set_parameter on the binding changes what the shim computes too (one set of values)
    m._inner.set_parameter("E", 100e3)
    assert float(m.E.data) == 100e3
    (s3,) = m(x)
    assert np.allclose(s3.data, s0.data / 2, rtol=1e-14)
    m._inner.set_parameter("E", 200e3)
    # and directly on a binding built from the folder
    b = neml2.aoti.Model(seed_dir / "aoti_promoted" / "elasticity")
    b.set_parameter("E", 100e3)
    assert np.allclose(b.forward({"strain": x})["stress"], s0.data / 2, rtol=1e-14)
    t = b.named_parameters()  # torch is imported in this process: torch tensors
    assert isinstance(t["E"], torch.Tensor)


def test_forward_into_writes_caller_buffers(seed_dir, eager):
    b = neml2.aoti.Model(seed_dir / "aoti" / "elasticity")
    x = np.random.default_rng(2).random((1000, 6))
    out = np.empty((1000, 6))
    ptr = out.ctypes.data
    b.forward_into({"strain": x}, {"stress": out})
    assert out.ctypes.data == ptr
    assert np.array_equal(out, eager(x).data)
    # list form, torch arrays, one input value broadcast to every point
    tx = torch.tensor(STRAIN[1], dtype=torch.float64)
    tout = torch.empty(7, 6, dtype=torch.float64)
    b.forward_into([tx], [tout])
    assert torch.equal(tout, eager(tx).data.expand(7, 6))
    with pytest.raises(ValueError, match="read-only"):
        ro = np.empty((2, 6))
        ro.flags.writeable = False
        b.forward_into({"strain": np.array(STRAIN)}, {"stress": ro})
    with pytest.raises(ValueError, match="has 3 points, the outputs have 2"):
        b.forward_into({"strain": np.zeros((3, 6))}, {"stress": np.empty((2, 6))})


def test_forward_only_artifact(forward_only_dir):
    m = neml2.load_model(forward_only_dir / "aoti" / "elasticity_aoti.i", "elasticity")
    (s,) = m(np.array(STRAIN))
    assert s.shape == (2, 6)
    assert not m._inner.has_derivatives
    with pytest.raises(neml2.CompileError, match="compiled without them; recompile with -d"):
        m._inner.jacobian({"strain": np.array(STRAIN)})
    with pytest.raises(RuntimeError):
        m.value_and_jacobian(np.array(STRAIN))

"""Eager models from Python: call conventions, frameworks and dtypes, derivatives, parameters."""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import neml2
from neml2.types import SR2, Scalar

STRAIN = [[0.01, 0.0, 0.0, 0.0, 0.0, 0.0], [0.005, -0.002, 0.0, 0.0, 0.0, 0.001]]
STRESS = np.array(
    [[2692.3076923076924, 1153.846153846154, 1153.846153846154, 0, 0, 0],
     [1115.3846153846155, 38.46153846153846, 346.15384615384613, 0, 0, 153.84615384615384]]
)


def stiffness(E=200e3, nu=0.3):
    lam = E * nu / ((1 + nu) * (1 - 2 * nu))
    mu = E / (2 * (1 + nu))
    C = np.zeros((6, 6))
    C[:3, :3] = lam
    C += 2 * mu * np.eye(6)
    return C


@pytest.fixture
def model(seed_dir):
    return neml2.load_model(seed_dir / "input.i", "elasticity")


def test_specs_and_repr(model):
    assert repr(model) == "LinearIsotropicElasticity()"
    assert list(model.input_spec) == ["strain"]
    assert list(model.output_spec) == ["stress"]
    assert model.input_spec["strain"] == ("strain", "SR2", (6,))
    assert model.name == "elasticity" and model.type == "LinearIsotropicElasticity"
    assert not isinstance(model, neml2.AOTIModel)


def test_numpy_in_numpy_out(model):
    x = np.array(STRAIN)
    s = model(SR2(x))
    assert isinstance(s, SR2) and isinstance(s.data, np.ndarray)
    assert s.data.dtype == np.float64 and s.batch_shape == (2,)
    assert np.allclose(s.data, STRESS, rtol=1e-14)


def test_torch_in_torch_out_float32(model):
    x = torch.tensor(STRAIN, dtype=torch.float32)
    s = model(SR2(x))
    assert isinstance(s.data, torch.Tensor) and s.data.dtype == torch.float32
    assert np.allclose(s.data.numpy(), STRESS, rtol=1e-5)


def test_call_conventions(model):
    x = np.array(STRAIN)
    ref = model(SR2(x)).data
    for out in (model(x), model(strain=x), model({"strain": SR2(x)}), model(strain=SR2(x))):
        assert np.array_equal(out.data, ref)
    assert np.array_equal(model.value(x)["stress"].data, ref)
    with pytest.raises(TypeError, match="takes 1 input"):
        model(x, x)
    with pytest.raises(TypeError, match="given twice"):
        model(x, strain=x)


def test_batch_shapes_and_broadcast(model):
    x = np.random.default_rng(0).random((3, 4, 6))
    s = model(SR2(x))
    assert s.batch_shape == (3, 4)
    single = model(SR2(x[1, 2])).data
    assert s.batch_shape == (3, 4) and np.array_equal(s.data[1, 2], single)


def test_non_contiguous_inputs_are_made_contiguous(model):
    x = np.asfortranarray(np.array(STRAIN))
    assert not x.flags.c_contiguous
    assert np.array_equal(model(SR2(x)).data, model(SR2(np.ascontiguousarray(x))).data)
    t = torch.tensor(STRAIN, dtype=torch.float64).t().contiguous().t()
    assert not t.is_contiguous()
    assert np.allclose(model(SR2(t)).data.numpy(), STRESS, rtol=1e-14)


def test_requires_grad_inputs_are_accepted_and_stay_attached(model):
    # (test_autograd.py checks the gradients themselves.)
    x = torch.tensor(STRAIN, dtype=torch.float64, requires_grad=True)
    s = model(SR2(x))
    assert s.data.requires_grad and s.data.grad_fn is not None
    assert np.allclose(s.data.detach().numpy(), STRESS, rtol=1e-14)


def test_value_and_jacobian(model):
    x = torch.tensor(STRAIN, dtype=torch.float64)
    out, J = model.value_and_jacobian(SR2(x))
    assert isinstance(out["stress"], SR2)
    block = J["stress"]["strain"]
    assert isinstance(block, torch.Tensor) and tuple(block.shape) == (2, 6, 6)
    assert np.allclose(block[0].numpy(), stiffness(), rtol=1e-12)
    assert set(model.jacobian(x)) == {"stress"}


def test_jvp(model):
    x = np.array(STRAIN)
    v = np.zeros_like(x)
    v[:, 0] = 1.0
    out, jv = model.jvp({"strain": SR2(x)}, {"strain": v})
    assert np.allclose(out["stress"].data, STRESS, rtol=1e-14)
    assert np.allclose(jv["stress"].data, np.broadcast_to(stiffness()[:, 0], (2, 6)), rtol=1e-12)
    out2, jv2 = model.jvp(x, v)  # one-input model: values directly
    assert np.array_equal(jv2["stress"].data, jv["stress"].data)


def test_named_parameters_alias_storage(model):
    x = np.array(STRAIN)
    params = model.named_parameters()
    assert set(params) == {"E", "nu"}
    s0 = model(x).data
    params["E"][...] = 100e3  # in place: the next call sees it
    assert np.allclose(model(x).data, s0 / 2, rtol=1e-14)
    E = model.E
    assert isinstance(E, Scalar) and float(E.data) == 100e3
    tparams = model.named_parameters(framework="torch")
    tparams["E"].fill_(50e3)
    assert float(model.E.data) == 50e3


def test_set_parameter(model):
    x = np.array(STRAIN)
    s0 = model(x).data
    model.E = 400e3  # a number
    assert np.allclose(model(x).data, 2 * s0, rtol=1e-14)
    model.set_parameter("E", np.array([200e3, 100e3]))  # batched parameter, copied
    s = model(x).data
    assert np.allclose(s[0], s0[0]) and np.allclose(s[1], s0[1] / 2)
    with pytest.raises(AttributeError, match="no attribute or parameter 'G'"):
        model.G


def test_overrides(seed_dir):
    m = neml2.load_model(
        seed_dir / "input.i", "elasticity", overrides=["Models/elasticity/coefficients:='100e3 0.3'"]
    )
    assert np.allclose(m(np.array(STRAIN)).data, STRESS / 2, rtol=1e-14)

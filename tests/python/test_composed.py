"""A composed model with two inputs and two outputs, eager and compiled: positional and keyword
inputs, dict (eager) vs tuple (compiled) results, qualified parameter names."""

from __future__ import annotations

import numpy as np
import pytest

import neml2
from neml2.types import SR2, Scalar

from conftest import run_tool

INPUT = """\
[Models]
  [elastic]
    type = LinearIsotropicElasticity
    coefficients = '200e3 0.3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
  []
  [vm]
    type = SR2Invariant
    invariant_type = VONMISES
    tensor = 'stress'
    invariant = 'vm'
  []
  [scale]
    type = ScalarMultiplication
    from_var = 'vm t'
    to_var = 'vm_per_t'
    reciprocal = 'false true'
  []
  [model]
    type = ComposedModel
    models = 'elastic vm scale'
    additional_outputs = 'stress'
  []
[]
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("composed")
    (d / "comp.i").write_text(INPUT)
    run_tool(["neml2-compile", "comp.i", "--model", "model", "-p", "E", "-d", ":", "-q"], d)
    return d


@pytest.fixture(scope="module")
def models(folder):
    return (neml2.load_model(folder / "comp.i", "model"),
            neml2.load_model(folder / "aoti" / "model_aoti.i", "model"))


STRAIN = np.array([[0.01, 0, 0, 0, 0, 0], [0.005, -0.002, 0, 0, 0, 0.001]])
T = np.array([2.0, 4.0])


def test_specs(models):
    eager, compiled = models
    for m in models:
        assert list(m.input_spec) == ["strain", "t"]
        assert list(m.output_spec) == ["stress", "vm_per_t"]
        assert m.output_spec["vm_per_t"].type == "Scalar"
    assert set(eager.named_parameters()) == {"elastic.E", "elastic.nu", "scale.scaling"}
    assert set(compiled.named_parameters()) == {"elastic.E"}  # baked unless promoted


def test_eager_dict_compiled_tuple(models):
    eager, compiled = models
    out = eager(SR2(STRAIN), Scalar(T))
    assert isinstance(out, dict) and list(out) == ["stress", "vm_per_t"]
    assert isinstance(out["stress"], SR2) and isinstance(out["vm_per_t"], Scalar)
    stress, vm = compiled(strain=STRAIN, t=T)
    assert np.array_equal(stress.data, out["stress"].data)
    assert np.array_equal(vm.data, out["vm_per_t"].data)
    # t broadcast: one value for every point
    s2, vm2 = compiled(STRAIN, 2.0)
    assert np.array_equal(vm2.data[0], vm.data[0])


def test_jacobian_blocks_and_jvp(models):
    eager, compiled = models
    _, J = eager.value_and_jacobian(STRAIN, T)
    _, Jc = compiled._inner.jacobian({"strain": STRAIN, "t": T})
    for o in ("stress", "vm_per_t"):
        for i in ("strain", "t"):
            if i in J.get(o, {}) and i in Jc.get(o, {}):
                assert np.allclose(J[o][i], Jc[o][i], rtol=1e-12, atol=1e-12)
    assert Jc["vm_per_t"]["strain"].shape == (2, 6)
    assert Jc["stress"]["strain"].shape == (2, 6, 6)
    out, jv = compiled._inner.jvp({"strain": STRAIN, "t": T}, {"t": np.ones(2)})  # missing strain tangent: zero
    assert np.allclose(jv["stress"], 0.0)
    assert np.allclose(jv["vm_per_t"], -out["vm_per_t"] / T)


def test_qualified_and_suffix_parameter_names(models):
    eager, compiled = models
    assert float(eager.E.data) == 200e3  # unique suffix of elastic.E
    x = (STRAIN, T)
    (s0, _) = compiled(*x)
    compiled.set_parameter("elastic.E", 100e3)
    (s1, _) = compiled(*x)
    assert np.allclose(s1.data, s0.data / 2, rtol=1e-14)
    compiled.E = 200e3
    assert np.array_equal(compiled(*x)[0].data, s0.data)

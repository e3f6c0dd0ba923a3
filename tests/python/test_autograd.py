"""PyTorch autograd through neml2 models: gradients of explicit and implicit models (inputs and
parameters) against finite differences (gradcheck) and hand-worked values, torch.func transforms
against the model's own Jacobian, compiled models through their compiled derivative pairs, and the
clear errors where a derivative does not exist (never a silent zero or a detached output)."""

from __future__ import annotations

from pathlib import Path

import pytest

torch = pytest.importorskip("torch", reason="the autograd tests need torch (NEML2_PYTHON_TORCH=0 leaves it out)")

import neml2  # noqa: E402
from conftest import SEED_INPUT, run_tool  # noqa: E402

INPUTS = Path(__file__).parent / "inputs"
J2 = INPUTS / "j2_viscoplastic_v3.i"
E, NU = 200e3, 0.3


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    d = tmp_path_factory.mktemp("autograd_seed")
    (d / "input.i").write_text(SEED_INPUT)
    return d


@pytest.fixture()
def elasticity(seed):
    return neml2.load_model(seed / "input.i", "elasticity")


def stiffness() -> torch.Tensor:
    """Hooke's law in Mandel notation, written out (not from the model)."""
    lam, mu = E * NU / ((1 + NU) * (1 - 2 * NU)), E / (2 * (1 + NU))
    C = 2 * mu * torch.eye(6, dtype=torch.float64)
    C[:3, :3] += lam
    return C


def j2_inputs(n: int, requires_grad: bool = True):
    """One viscoplastic step from a yielded state: strains past yield, varied over the batch."""
    g = torch.Generator().manual_seed(3)
    s = torch.linspace(1.0, 2.0, n, dtype=torch.float64).unsqueeze(-1)
    strain = s * torch.tensor([2e-3, -1e-3, -1e-3, 5e-4, 0.0, 2e-4], dtype=torch.float64)
    ins = {
        "E": strain + 1e-4 * torch.rand(n, 6, generator=g, dtype=torch.float64),
        "E~1": 0.8 * strain,
        "stress~1": 0.8 * strain @ (torch.eye(6, dtype=torch.float64) * 1e5),
        "equivalent_plastic_strain~1": torch.full((n,), 1e-4, dtype=torch.float64),
        "t": torch.full((n,), 1.0, dtype=torch.float64),
        "t~1": torch.full((n,), 0.9, dtype=torch.float64),
    }
    if requires_grad:
        for v in ins.values():
            v.requires_grad_(True)
    return ins


# -- explicit models ------------------------------------------------------------------------------
def test_the_output_has_a_grad_fn_and_backward_gives_the_stiffness(elasticity):
    strain = torch.randn(5, 6, dtype=torch.float64, requires_grad=True)
    stress = elasticity(strain).data
    assert stress.grad_fn is not None
    weights = torch.randn(5, 6, dtype=torch.float64)
    (stress * weights).sum().backward()
    torch.testing.assert_close(strain.grad, weights @ stiffness(), rtol=1e-13, atol=0)


def test_gradcheck_and_forward_mode_gradcheck(elasticity):
    strain = torch.randn(3, 6, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(lambda x: elasticity(x).data, (strain,), check_forward_ad=True)


def test_torch_func_transforms_equal_the_models_jacobian(elasticity):
    strain = torch.randn(6, dtype=torch.float64)
    with torch.no_grad():
        J = elasticity.jacobian(strain)["stress"]["strain"]
    f = lambda x: elasticity(x).data  # noqa: E731
    torch.testing.assert_close(torch.func.jacrev(f)(strain), J, rtol=0, atol=0)
    torch.testing.assert_close(torch.func.jacfwd(f)(strain), J, rtol=0, atol=0)
    torch.testing.assert_close(torch.autograd.functional.jacobian(f, strain), J, rtol=0, atol=0)


def test_vmap_is_one_more_batch_axis(elasticity):
    strains = torch.randn(4, 3, 6, dtype=torch.float64)
    f = lambda x: elasticity(x).data  # noqa: E731
    torch.testing.assert_close(torch.func.vmap(f)(strains), f(strains), rtol=0, atol=0)
    torch.testing.assert_close(torch.func.vmap(f, in_dims=1)(strains), f(strains.movedim(1, 0)), rtol=0, atol=0)
    per_sample = torch.func.vmap(torch.func.jacrev(f))(strains[0])
    torch.testing.assert_close(per_sample, stiffness().expand(3, 6, 6), rtol=1e-13, atol=0)


def test_double_backward_raises_but_the_jvp_trick_works(elasticity):
    strain = torch.randn(2, 6, dtype=torch.float64, requires_grad=True)
    (g,) = torch.autograd.grad(elasticity(strain).data.sum(), strain, create_graph=True)
    with pytest.raises(RuntimeError, match="first derivatives only"):
        g.sum().backward()
    with pytest.raises(RuntimeError, match="first derivatives only"):
        torch.func.hessian(lambda x: elasticity(x).data.sum())(strain.detach()[0])
    # torch.autograd.functional.jvp differentiates a gradient with respect to the incoming
    # gradient only (it is linear in it): that needs no second derivative and works.
    v = torch.randn(2, 6, dtype=torch.float64)
    _, jv = torch.autograd.functional.jvp(lambda x: elasticity(x).data, strain.detach(), v)
    torch.testing.assert_close(jv, v @ stiffness().T, rtol=1e-13, atol=0)


def test_derivative_values_refuse_inputs_that_require_grad(elasticity):
    strain = torch.randn(2, 6, dtype=torch.float64, requires_grad=True)
    with pytest.raises(TypeError, match="carry no autograd history"):
        elasticity.jacobian(strain)
    with pytest.raises(TypeError, match="carry no autograd history"):
        elasticity.jvp(strain, torch.ones(2, 6, dtype=torch.float64))
    with torch.no_grad():
        assert elasticity.jacobian(strain)["stress"]["strain"].shape == (2, 6, 6)


def test_a_parameter_that_requires_grad_gets_its_gradient(elasticity):
    params = elasticity.named_parameters()
    assert params is not None and set(params) == {"E", "nu"}
    assert elasticity.named_parameters()["E"] is params["E"], "the same tensor on every call"
    params["E"].requires_grad_(True)
    strain = torch.randn(4, 6, dtype=torch.float64)
    stress = elasticity(strain).data
    assert stress.grad_fn is not None
    stress.sum().backward()
    # sigma is linear in E at fixed nu: d(sum sigma)/dE = sum sigma / E.
    torch.testing.assert_close(params["E"].grad, stress.detach().sum() / E, rtol=1e-12, atol=0)
    # An optimizer's in-place update is what the next call uses.
    with torch.no_grad():
        params["E"].mul_(0.5)
    torch.testing.assert_close(elasticity(strain).data.detach(), 0.5 * stress.detach(), rtol=1e-13, atol=0)


# -- an implicit model (implicit function theorem, no differentiation of Newton's iterations) -----
def test_implicit_model_gradcheck_inputs():
    model = neml2.load_model(J2, "model")
    ins = j2_inputs(3)
    names = list(ins)

    def f(*args):
        out = model.value(dict(zip(names, args)))
        return out["stress"].data, out["equivalent_plastic_strain"].data

    with torch.no_grad():
        assert (model.value({k: v.detach() for k, v in ins.items()})["equivalent_plastic_strain"].data > 1e-4).all()
    assert torch.autograd.gradcheck(f, tuple(ins.values()), eps=1e-7, atol=1e-6, rtol=1e-5)


def test_implicit_model_parameter_gradient_matches_central_differences():
    model = neml2.load_model(J2, "model")
    name = "update.implicit_rate.yield_surface.sy"
    assert name in model.parameter_spec
    ins = j2_inputs(3, requires_grad=False)
    p = model.named_parameters()[name]
    p.requires_grad_(True)
    out = model.value(ins)["stress"].data
    weights = torch.linspace(-1.0, 1.0, out.numel(), dtype=torch.float64).reshape(out.shape)
    (grad,) = torch.autograd.grad((out * weights).sum(), p)
    p.requires_grad_(False)
    h, sy = 1e-3, float(p)

    def loss(v):
        model.set_parameter(name, v)
        return (model.value(ins)["stress"].data * weights).sum()

    fd = (loss(sy + h) - loss(sy - h)) / (2 * h)
    model.set_parameter(name, sy)
    torch.testing.assert_close(grad.reshape(()), fd, rtol=1e-6, atol=1e-9)
    assert abs(float(fd)) > 1e-3, "the step should depend on the yield stress"


def test_implicit_model_inputs_and_a_parameter_together_equal_each_alone():
    # Watching inputs and a parameter at once takes every block from one evaluation
    # (parameter_jacobian with_inputs); the gradients equal those of watching each alone.
    model = neml2.load_model(J2, "model")
    name = "update.implicit_rate.yield_surface.sy"
    p = model.named_parameters()[name]
    ins = j2_inputs(3)
    weights = None

    def grads(watch_inputs: bool, watch_parameter: bool):
        nonlocal weights
        args = {k: v.detach().requires_grad_(watch_inputs) for k, v in ins.items()}
        p.requires_grad_(watch_parameter)
        out = model.value(args)["stress"].data
        if weights is None:
            weights = torch.linspace(-1.0, 1.0, out.numel(), dtype=torch.float64).reshape(out.shape)
        wrt = ([*args.values()] if watch_inputs else []) + ([p] if watch_parameter else [])
        g = torch.autograd.grad((out * weights).sum(), wrt)
        p.requires_grad_(False)
        return g

    both = grads(True, True)
    inputs_alone, (parameter_alone,) = grads(True, False), grads(False, True)
    for together, alone in zip(both, [*inputs_alone, parameter_alone]):
        torch.testing.assert_close(together, alone, rtol=1e-12, atol=1e-300)
    assert float(parameter_alone.abs()) > 1e-3 and any(float(g.abs().max()) > 1e-3 for g in inputs_alone)


# -- compiled models: derivatives are the compiled -d pairs --------------------------------------
@pytest.fixture(scope="module")
def compiled_seed(seed):
    run_tool(
        ["neml2-compile", "input.i", "--model", "elasticity", "--output-dir", "aoti_grad", "-p", "E", "-d",
         "stress:strain", "-d", "stress:E"],
        seed,
    )
    run_tool(["neml2-compile", "input.i", "--model", "elasticity", "--output-dir", "aoti_value"], seed)
    run_tool(
        ["neml2-compile", "input.i", "--model", "elasticity", "--output-dir", "aoti_param_only", "-p", "E", "-d",
         "stress:E"],
        seed,
    )
    return seed


def test_compiled_model_autograd_equals_eager(compiled_seed, elasticity):
    compiled = neml2.load_model(compiled_seed / "aoti_grad" / "elasticity_aoti.i", "elasticity")
    strain = torch.randn(3, 6, dtype=torch.float64, requires_grad=True)
    (stress,) = compiled(strain)
    assert stress.data.grad_fn is not None
    assert torch.autograd.gradcheck(lambda x: compiled(x)[0].data, (strain,), check_forward_ad=True)
    E_c = compiled.named_parameters()["E"]
    E_c.requires_grad_(True)
    E_e = elasticity.named_parameters()["E"]
    E_e.requires_grad_(True)
    x = strain.detach()
    gc = torch.autograd.grad(compiled(x)[0].data.sum(), E_c)[0]
    ge = torch.autograd.grad(elasticity(x).data.sum(), E_e)[0]
    torch.testing.assert_close(gc, ge, rtol=1e-13, atol=0)


def test_compiled_model_without_the_pair_raises(compiled_seed):
    compiled = neml2.load_model(compiled_seed / "aoti_value" / "elasticity_aoti.i", "elasticity")
    strain = torch.randn(2, 6, dtype=torch.float64, requires_grad=True)
    with pytest.raises(neml2.CompileError, match="recompile with -d OUT:IN"):
        compiled(strain)
    # Under torch.no_grad() nothing is recorded, so no derivative is needed or computed.
    with torch.no_grad():
        (plain,) = compiled(strain)
    assert plain.data.grad_fn is None
    # Derivatives compiled, but not the one autograd needs: the gradient is refused, not zero.
    param_only = neml2.load_model(compiled_seed / "aoti_param_only" / "elasticity_aoti.i", "elasticity")
    (stress,) = param_only(strain)
    with pytest.raises(RuntimeError, match=r"no derivative d\(stress\)/d\(strain\).*-d stress:strain"):
        stress.data.sum().backward()
    with pytest.raises(RuntimeError, match="-d stress:strain"):
        torch.func.jacfwd(lambda x: param_only(x)[0].data)(strain.detach())
    promoted = neml2.load_model(compiled_seed / "aoti_grad" / "elasticity_aoti.i", "elasticity")
    assert "nu" not in promoted.named_parameters(), "nu is baked in"
    no_pair = neml2.load_model(compiled_seed / "aoti_grad" / "elasticity_aoti.i", "elasticity")
    with pytest.raises(ValueError, match="no parameter 'nu'"):
        no_pair.parameter_jacobian(strain.detach(), ["nu"])


def test_mixing_an_array_with_a_grad_input_is_refused(seed):
    np = pytest.importorskip("numpy")
    model = neml2.load_model(J2, "model")
    ins = j2_inputs(2, requires_grad=False)
    ins["E"].requires_grad_(True)
    ins["t"] = np.ones(2)
    with pytest.raises(TypeError, match="pass every input as a torch tensor"):
        model.value(ins)


def test_parameter_jacobian_matches_differences_and_the_compiled_block(compiled_seed, elasticity):
    strain = torch.randn(3, 6, dtype=torch.float64)
    J = elasticity.parameter_jacobian(strain, ["E", "nu"])["stress"]
    assert J["E"].shape == (3, 6) and J["nu"].shape == (3, 6)
    for name in ("E", "nu"):
        p0 = float(elasticity.parameter(name).data)
        h = 1e-6 * p0

        def stress_at(v):
            elasticity.set_parameter(name, v)
            return elasticity(strain).data

        fd = (stress_at(p0 + h) - stress_at(p0 - h)) / (2 * h)
        elasticity.set_parameter(name, p0)
        torch.testing.assert_close(J[name], fd, rtol=1e-7, atol=1e-7 * float(fd.abs().max()))
    compiled = neml2.load_model(compiled_seed / "aoti_grad" / "elasticity_aoti.i", "elasticity")
    torch.testing.assert_close(compiled.parameter_jacobian(strain, ["E"])["stress"]["E"], J["E"], rtol=1e-15, atol=0)

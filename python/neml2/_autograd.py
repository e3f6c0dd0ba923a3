"""PyTorch autograd for neml2 models.

A call whose torch inputs (or torch parameters, see Model.named_parameters) require grad goes
through ``ModelFunction``, a ``torch.autograd.Function``. Its forward evaluates the model and its
Jacobian blocks with respect to exactly the tensors that require grad (for an implicit model these
are the implicit-function-theorem derivatives of the converged solution: Newton's iterations are
never differentiated). Backward contracts the incoming gradients with those blocks, and forward
mode (``jvp``) applies them to the tangents, so both are plain torch operations on saved tensors:
``torch.autograd.grad``, ``gradcheck``, ``torch.func.jacrev``/``jacfwd`` and ``vmap`` compose with
them. Only first derivatives exist: asking for a second one (``create_graph=True`` through a model,
``hessian``) raises instead of returning a silent zero.
"""

from __future__ import annotations

import copy
import inspect
import math
from typing import Any, Dict, List, Sequence, Tuple

import torch

SECOND_DERIVATIVES = (
    "neml2 models give first derivatives only: backward through a model with create_graph=True (double "
    "backward, torch.autograd.functional.hessian, jacfwd(jacrev(...))) is not supported. Take the second "
    "derivative by finite differences of the first, or detach what does not need it."
)


def watched(a: Any) -> bool:
    """Whether autograd or a torch.func transform watches `a`: it requires grad while grad mode is
    on (under torch.no_grad() nothing is recorded, so no derivative is computed), or it is a
    torch.func transform's wrapper (whose requires_grad does not say whether an outer grad
    transform will ask for derivatives), or a forward-mode dual tensor with a tangent."""
    if not isinstance(a, torch.Tensor):
        return False
    if torch._C._functorch.is_functorch_wrapped_tensor(a) or (a.requires_grad and torch.is_grad_enabled()):
        return True
    fwd = torch.autograd.forward_ad
    return fwd._current_level >= 0 and fwd.unpack_dual(a).tangent is not None


def _contract(v: torch.Tensor, block: torch.Tensor, out_rank: int, in_rank: int, reverse: bool) -> torch.Tensor:
    """A Jacobian block block[..., o, i] (base axes flattened) applied to v: reverse (a gradient of
    the output) gives sum_o v[..., o] block[..., o, i], shaped (*batch, *in_base); forward (a
    tangent of the input) gives sum_i block[..., o, i] v[..., i], shaped (*batch, *out_base)."""
    batch = block.shape[: block.dim() - out_rank - in_rank]
    out_base = block.shape[len(batch) : len(batch) + out_rank]
    in_base = block.shape[block.dim() - in_rank :]
    b = block.reshape(*batch, math.prod(out_base), math.prod(in_base))
    rank, base = (out_rank, in_base) if reverse else (in_rank, out_base)
    flat = v.reshape(*v.shape[: v.dim() - rank], -1)
    r = torch.einsum("...o,...oi->...i", flat, b) if reverse else torch.einsum("...oi,...i->...o", b, flat)
    return r.reshape(*torch.broadcast_shapes(flat.shape[:-1], batch), *base)


def _sum_to(t: torch.Tensor, shape: torch.Size) -> torch.Tensor:
    """A gradient of a broadcast batch summed back to the shape of the tensor it belongs to."""
    return t if t.shape == shape else t.sum_to_size(shape)


class Call:
    """What one differentiable call needs besides its tensors: the model, the names of the inputs
    and parameters in argument order, which of them are watched, and the base ranks."""

    def __init__(self, model: Any, names: Sequence[str], n_inputs: int, wanted: Sequence[bool]):
        self.model = model
        self.names = list(names)
        self.n_inputs = n_inputs
        self.wanted = list(wanted)
        spec_in, spec_out, spec_par = model.input_spec, model.output_spec, model.parameter_spec
        self.outputs = list(spec_out)
        self.out_ranks = [len(spec_out[n].base_shape) for n in self.outputs]
        self.arg_ranks = [
            len((spec_in[n] if k < n_inputs else spec_par[n]).base_shape) for k, n in enumerate(self.names)
        ]
        # A compiled model has the blocks of its -d pairs only; the others are unknown, not zero.
        self.missing: Dict[Tuple[int, int], str] = {}
        runtime = model._handle.runtime
        if runtime is not None:
            compiled = set(runtime.derivatives)
            for i, o in enumerate(self.outputs):
                for k, n in enumerate(self.names):
                    if self.wanted[k] and (o, n) not in compiled:
                        flag = f"-p {n} -d {o}:{n}" if k >= n_inputs else f"-d {o}:{n}"
                        self.missing[(i, k)] = (
                            f"compiled model '{model.name}' has no derivative d({o})/d({n}), which autograd needs "
                            f"here; recompile with neml2-compile ... {flag}, or detach '{n}'"
                        )
        # (output index, argument index) of every Jacobian block forward returns, in order.
        self.blocks: List[Tuple[int, int]] = []
        self._detached: Any = None

    def detached(self) -> "Call":
        """A copy without the model, for the autograd graph to keep: backward and jvp need only
        the bookkeeping, and a graph alive at interpreter exit then holds no native object."""
        c = self._detached
        if c is None or c.blocks != self.blocks:
            c = copy.copy(self)
            c.model = None
            c._detached = None
            self._detached = c
        return c

    def check_needed(self, outputs_with_grad: Sequence[bool] = (), args_with_tangent: Sequence[bool] = ()) -> None:
        """Raises for a block that is not compiled but would be used: one whose output has a
        gradient coming back (backward) or whose argument has a tangent (forward mode)."""
        for (i, k), why in self.missing.items():
            if (outputs_with_grad and outputs_with_grad[i]) or (args_with_tangent and args_with_tangent[k]):
                raise RuntimeError(why)


class NoSecondDerivative(torch.autograd.Function):
    """zeros_like(template), depending on the model's arguments: added to a first derivative
    computed with create_graph (or a tangent under grad mode) so that differentiating it again
    with respect to the arguments raises instead of missing the second-derivative term."""

    generate_vmap_rule = True

    @staticmethod
    def forward(template: torch.Tensor, *args: torch.Tensor):  # type: ignore[override]
        return torch.zeros_like(template)

    @staticmethod
    def setup_context(ctx, inputs, output):
        pass

    @staticmethod
    def backward(ctx, *grads):
        raise RuntimeError(SECOND_DERIVATIVES)

    @staticmethod
    def jvp(ctx, *tangents):
        raise RuntimeError(SECOND_DERIVATIVES)


def _guard(result: torch.Tensor, args: Sequence[torch.Tensor]) -> torch.Tensor:
    """`result`, made to raise when differentiated with respect to `args` (see NoSecondDerivative)."""
    tracked = [a for a in args if watched(a)]
    if not torch.is_grad_enabled() or not tracked:
        return result
    return result + NoSecondDerivative.apply(result.detach(), *tracked)


class ModelFunction(torch.autograd.Function):
    """outputs..., blocks... = model(inputs..., parameters...). The blocks d(output)/d(argument)
    are returned (not differentiable) so that backward and jvp find them saved."""

    @staticmethod
    def forward(call: Call, *args: torch.Tensor):  # type: ignore[override]
        handle = call.model._handle
        ins = {n: a.detach() for n, a in zip(call.names[: call.n_inputs], args[: call.n_inputs])}
        want_inputs = any(call.wanted[: call.n_inputs])
        params = [n for k, n in enumerate(call.names) if k >= call.n_inputs and call.wanted[k]]
        # Parameters that are watched are the model's own storage (Model.named_parameters), so the
        # call reads their current values; here they are only differentiated with respect to.
        out, pjac = handle.parameter_jacobian(ins, params) if params else ({}, {})
        if want_inputs:
            out, jac = handle.jacobian(ins)
        elif not params:
            out, jac = handle.value(ins), {}
        else:
            jac = {}
        blocks = []
        call.blocks = []
        for i, o in enumerate(call.outputs):
            for k, n in enumerate(call.names):
                if not call.wanted[k]:
                    continue
                row = jac.get(o, {}) if k < call.n_inputs else pjac.get(o, {})
                if n in row:
                    call.blocks.append((i, k))
                    blocks.append(row[n])
        return (*[out[o] for o in call.outputs], *blocks)

    @staticmethod
    def setup_context(ctx, inputs, output):
        call = inputs[0]
        ctx.call = call.detached()
        blocks = output[len(call.outputs) :]
        ctx.n_blocks = len(blocks)
        ctx.mark_non_differentiable(*blocks)
        ctx.save_for_backward(*blocks, *inputs[1:])
        ctx.save_for_forward(*blocks, *inputs[1:])
        ctx.arg_shapes = [a.shape for a in inputs[1:]]

    @staticmethod
    def _apply_blocks(ctx, vectors, reverse: bool):
        """Per argument, the sum over outputs of gradient x block (reverse), or per output the sum
        over arguments of block x tangent (forward); None where nothing contributes."""
        call = ctx.call
        blocks = ctx.saved_tensors[: ctx.n_blocks]
        result: List[Any] = [None] * (len(call.names) if reverse else len(call.outputs))
        for (i, k), block in zip(call.blocks, blocks):
            src, dst = (i, k) if reverse else (k, i)
            if vectors[src] is None:
                continue
            c = _contract(vectors[src], block, call.out_ranks[i], call.arg_ranks[k], reverse)
            result[dst] = c if result[dst] is None else result[dst] + c
        return result

    @staticmethod
    def backward(ctx, *grads):
        ctx.call.check_needed(outputs_with_grad=[g is not None for g in grads[: len(ctx.call.outputs)]])
        args = ctx.saved_tensors[ctx.n_blocks :]
        result = ModelFunction._apply_blocks(ctx, grads, reverse=True)
        return (None, *[r if r is None else _guard(_sum_to(r, ctx.arg_shapes[k]), args) for k, r in enumerate(result)])

    @staticmethod
    def jvp(ctx, _call, *tangents):
        ctx.call.check_needed(args_with_tangent=[t is not None for t in tangents])
        args = ctx.saved_tensors[ctx.n_blocks :]
        outs = ModelFunction._apply_blocks(ctx, tangents, reverse=False)
        return (*[o if o is None else _guard(o, args) for o in outs], *[None] * ctx.n_blocks)

    @staticmethod
    def vmap(info, in_dims, call: Call, *args):
        # neml2 models broadcast batch axes like NumPy, so a vmapped axis is one more batch axis in
        # front: move it there and give the batched arguments singleton axes to line the rest up.
        dims = in_dims[1:]
        if any(d is not None for d in dims[call.n_inputs :]):
            raise NotImplementedError(
                f"vmap over a parameter of neml2 model '{call.model.name}' is not supported: a call has one "
                "value of each parameter (vmap over its inputs, or batch the parameter in the input file)"
            )
        batch_rank = max(a.dim() - r - (d is not None) for a, r, d in zip(args, call.arg_ranks, dims))
        moved = []
        for a, r, d in zip(args, call.arg_ranks, dims):
            if d is not None:
                a = a.movedim(d, 0)
                a = a.reshape(a.shape[0], *([1] * (batch_rank - (a.dim() - 1 - r))), *a.shape[1:])
            moved.append(a)
        out = ModelFunction.apply(call, *moved)
        # Every output (and block) has the broadcast batch, the vmapped axis first.
        ranks = call.out_ranks + [call.out_ranks[i] + call.arg_ranks[k] for i, k in call.blocks]
        return out, tuple(0 if o.dim() - r > batch_rank else None for o, r in zip(out, ranks))


# torch.autograd.Function.apply binds forward's signature on every call (inspect.signature, tens of
# microseconds); a precomputed __signature__ is what inspect returns at once.
ModelFunction.forward.__signature__ = inspect.signature(ModelFunction.forward)  # type: ignore[attr-defined]


def differentiable_call(model: Any, inputs: Dict[str, Any], params: Dict[str, torch.Tensor]) -> Dict[str, torch.Tensor]:
    """model's outputs by name through ModelFunction, for torch inputs (unwrapped) or parameters
    (model.named_parameters' tensors) that autograd or a torch.func transform watches."""
    names = list(model.input_spec)
    for n in inputs:
        if n not in model.input_spec:
            raise ValueError(f"model '{model.name}' has no input '{n}'; its inputs are: {', '.join(names)}")
    missing = [n for n in names if n not in inputs]
    if missing:
        raise ValueError(f"model '{model.name}' needs the input(s) {', '.join(missing)}, which were not given")
    args = [inputs[n] for n in names]
    wanted = [watched(a) for a in args] + [True] * len(params)
    arg_tensors = []
    for n, a in zip(names, args):
        if not isinstance(a, torch.Tensor):
            raise TypeError(
                f"input '{n}' of model '{model.name}' is a {type(a).__name__} while another input or a parameter "
                "requires grad: pass every input as a torch tensor"
            )
        arg_tensors.append(a)
    # The bookkeeping depends only on which arguments are watched: made once per model and pattern.
    key = (tuple(params), tuple(wanted))
    calls = model.__dict__.setdefault("_autograd_calls", {})
    call = calls.get(key)
    if call is None:
        call = calls[key] = Call(model, names + list(params), len(names), wanted)
    out = ModelFunction.apply(call, *arg_tensors, *params.values())
    return dict(zip(call.outputs, out[: len(call.outputs)]))

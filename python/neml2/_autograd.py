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


class _BlockMatrices:
    """The Jacobian blocks of one call, each flattened to a matrix B[..., o, a] (the output's base
    components by the argument's), applied with one matrix product per block: backward sums
    v_o B over the outputs, forward mode B t_a over the arguments."""

    def __init__(self, call: "Call", blocks: Sequence[torch.Tensor]):
        n_out, n_arg = len(call.outputs), len(call.names)
        self.out_base: List[Any] = [torch.Size()] * n_out
        self.arg_base: List[Any] = [torch.Size()] * n_arg
        self.matrices = []
        for (i, k), block in zip(call.blocks, blocks):
            nb = block.dim() - call.out_ranks[i] - call.arg_ranks[k]
            self.out_base[i] = block.shape[nb : nb + call.out_ranks[i]]
            self.arg_base[k] = block.shape[nb + call.out_ranks[i] :]
            rows, cols = math.prod(self.out_base[i]), math.prod(self.arg_base[k])
            self.matrices.append((i, k, block.reshape(*block.shape[:nb], rows, cols)))

    def apply(self, vectors: Sequence[Any], reverse: bool) -> List[Any]:
        """Reverse: `vectors` are the outputs' gradients and the result the arguments'. Forward:
        `vectors` are the arguments' tangents and the result the outputs' tangents."""
        src_base, dst_base = (self.out_base, self.arg_base) if reverse else (self.arg_base, self.out_base)
        result: List[Any] = [None] * len(dst_base)
        for i, k, B in self.matrices:
            src, dst = (i, k) if reverse else (k, i)
            v = vectors[src]
            if v is None:
                continue
            nb = v.dim() - len(src_base[src])
            if reverse:
                r = torch.matmul(v.reshape(*v.shape[:nb], 1, B.shape[-2]), B).squeeze(-2)
            else:
                r = torch.matmul(B, v.reshape(*v.shape[:nb], B.shape[-1], 1)).squeeze(-1)
            r = r.reshape(*r.shape[:-1], *dst_base[dst])
            result[dst] = r if result[dst] is None else result[dst] + r
        return result


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


def _guard(result: torch.Tensor, tracked: Sequence[torch.Tensor]) -> torch.Tensor:
    """`result`, made to raise when differentiated with respect to `tracked` (see
    NoSecondDerivative)."""
    return result + NoSecondDerivative.apply(result.detach(), *tracked) if tracked else result


def _tracked(args: Sequence[torch.Tensor]) -> List[torch.Tensor]:
    """The arguments a derivative computed now would depend on, for _guard: none unless grad mode
    is on (backward with create_graph, or a tangent under grad mode)."""
    return [a for a in args if watched(a)] if torch.is_grad_enabled() else []


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
        # One evaluation gives every block asked for.
        if params:
            out, pjac = handle.parameter_jacobian(ins, params, want_inputs)
            jac = pjac if want_inputs else {}
        elif want_inputs:
            out, jac = handle.jacobian(ins)
            pjac = {}
        else:
            out, jac, pjac = handle.value(ins), {}, {}
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
        over arguments of block x tangent (forward); None where nothing contributes. Each
        block is flattened to a matrix once, on first use (see _BlockMatrices), and applied with
        one matrix product."""
        call = ctx.call
        if not call.blocks:
            return [None] * (len(call.names) if reverse else len(call.outputs))
        matrices = getattr(ctx, "matrices", None)
        if matrices is None:
            matrices = ctx.matrices = _BlockMatrices(call, ctx.saved_tensors[: ctx.n_blocks])
        return matrices.apply(vectors, reverse)

    @staticmethod
    def backward(ctx, *grads):
        ctx.call.check_needed(outputs_with_grad=[g is not None for g in grads[: len(ctx.call.outputs)]])
        tracked = _tracked(ctx.saved_tensors[ctx.n_blocks :])
        result = ModelFunction._apply_blocks(ctx, grads, reverse=True)
        return (None, *[r if r is None else _guard(_sum_to(r, ctx.arg_shapes[k]), tracked) for k, r in enumerate(result)])

    @staticmethod
    def jvp(ctx, _call, *tangents):
        ctx.call.check_needed(args_with_tangent=[t is not None for t in tangents])
        tracked = _tracked(ctx.saved_tensors[ctx.n_blocks :])
        outs = ModelFunction._apply_blocks(ctx, tangents, reverse=False)
        return (*[o if o is None else _guard(o, tracked) for o in outs], *[None] * ctx.n_blocks)

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

"""Python models: the call conventions on top of the native bindings."""

from __future__ import annotations

import os
import sys
from typing import Any, Dict, Iterator, Mapping, NamedTuple, Optional, Sequence, Tuple, Union

from . import _neml2
from .types import Tensor, type_of

__all__ = ["Model", "AOTIModel", "VariableSpec", "load_model"]


class VariableSpec(NamedTuple):
    """One input or output variable: its name, type name (``"SR2"``) and base shape."""

    name: str
    type: str
    base_shape: Tuple[int, ...]


class Specs(Mapping[str, VariableSpec]):
    """The ordered variables of a model: iterating gives their names, indexing their specs."""

    __slots__ = ("_specs",)

    def __init__(self, specs: Sequence[Tuple[str, str, Tuple[int, ...]]]):
        self._specs = {n: VariableSpec(n, t, tuple(s)) for n, t, s in specs}

    def __getitem__(self, name: str) -> VariableSpec:
        return self._specs[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)

    def __repr__(self) -> str:
        return "{" + ", ".join(f"{n!r}: {s.type}" for n, s in self._specs.items()) + "}"


def _unwrap(v: Any) -> Any:
    return v.data if isinstance(v, Tensor) else v


def _traced(v: Any) -> bool:
    """Whether autograd or a torch.func transform is watching this (unwrapped) value."""
    torch = sys.modules.get("torch")
    if torch is None or not isinstance(v, torch.Tensor):
        return False
    from ._autograd import watched

    return watched(v)


def _untraced_only(model: "Model", inputs: Mapping[str, Any], method: str) -> None:
    """jvp and jacobian return derivative values, not autograd history: refuse inputs that
    expect the latter rather than detach them silently."""
    torch = sys.modules.get("torch")
    if torch is None or not torch.is_grad_enabled():
        return
    for n, v in inputs.items():
        if _traced(_unwrap(v)):
            raise TypeError(
                f"{method}() of model '{model.name}' got input '{n}' that requires grad: its results carry no "
                "autograd history. Call the model itself for autograd (its outputs then have a grad_fn), or "
                "detach the input / call under torch.no_grad() to get the derivative values"
            )


class Model:
    """A model loaded from an input file, evaluated eagerly over batches of points.

    Call it with the inputs in ``input_spec`` order, by keyword, or as one dict:
    ``model(strain)``, ``model(strain=strain)``, ``model({"strain": strain})``. Inputs are
    neml2.types wrappers or raw arrays (NumPy or torch, float64 or float32, any batch shape
    broadcast like NumPy); they are used in place, never copied. The result is the output's
    wrapper (a dict of wrappers for several outputs), in the inputs' framework and dtype.
    """

    def __init__(self, handle: "_neml2.Model"):
        object.__setattr__(self, "_handle", handle)
        object.__setattr__(self, "_input_spec", Specs(handle.input_spec))
        object.__setattr__(self, "_output_spec", Specs(handle.output_spec))
        object.__setattr__(self, "_input_names", tuple(self._input_spec))
        object.__setattr__(
            self, "_output_types", tuple((n, type_of(s.type)) for n, s in self._output_spec.items())
        )

    # -- description ----------------------------------------------------------------------------
    @property
    def name(self) -> str:
        """The model's block name in the input file."""
        return self._handle.name

    @property
    def type(self) -> str:
        """The model's registered type (``LinearIsotropicElasticity``, ``AOTIModel``, ...)."""
        return self._handle.type

    @property
    def input_spec(self) -> Specs:
        """The input variables in order (``list(model.input_spec)`` gives their names)."""
        return self._input_spec

    @property
    def output_spec(self) -> Specs:
        """The output variables in order."""
        return self._output_spec

    def __repr__(self) -> str:
        return f"{self._handle.type}()"

    # -- evaluation -----------------------------------------------------------------------------
    def _inputs(self, args: Tuple[Any, ...], kwargs: Dict[str, Any]) -> Dict[str, Any]:
        # Values go to the native layer as given: it takes wrappers and arrays alike.
        names = self._input_names
        if len(args) == 1 and not kwargs:
            a = args[0]
            if type(a) is dict:
                return a
            if not isinstance(a, Tensor) and isinstance(a, Mapping):
                return dict(a)
            if names:
                return {names[0]: a}
        if len(args) > len(names):
            raise TypeError(
                f"model '{self.name}' takes {len(names)} input(s) ({', '.join(names)}), got {len(args)} positional"
            )
        d = dict(zip(names, args))
        for k, v in kwargs.items():
            if k in d:
                raise TypeError(f"input '{k}' of model '{self.name}' given twice")
            d[k] = v
        return d

    def _wrap_outputs(self, out: Dict[str, Any]) -> Dict[str, Tensor]:
        return {n: t._wrap(out[n]) for n, t in self._output_types if n in out}

    def _evaluate(self, inputs: Dict[str, Any]) -> Dict[str, Any]:
        # Through autograd when torch watches an input or a parameter (see neml2._autograd).
        torch = sys.modules.get("torch")
        if torch is not None:
            # Under torch.no_grad() parameters are not watched (an optimizer's evaluation loop).
            grad_params = self._grad_parameters() if torch.is_grad_enabled() else {}
            unwrapped = {n: _unwrap(v) for n, v in inputs.items()}
            if grad_params or any(_traced(v) for v in unwrapped.values()):
                from ._autograd import differentiable_call

                return differentiable_call(self, unwrapped, grad_params)
        return self._handle.value(inputs)

    def value(self, *args: Any, **kwargs: Any) -> Dict[str, Tensor]:
        """Every output, as a dict name -> wrapper."""
        return self._wrap_outputs(self._evaluate(self._inputs(args, kwargs)))

    def __call__(self, *args: Any, **kwargs: Any) -> Union[Tensor, Dict[str, Tensor]]:
        """The output's wrapper (a dict of wrappers for several outputs). torch inputs or
        parameters that require grad give outputs with a grad_fn: backward, gradcheck and
        torch.func.jacrev/jacfwd/vmap go through the model's own (first) derivatives."""
        out = self._evaluate(self._inputs(args, kwargs))
        if len(self._output_types) == 1:
            n, t = self._output_types[0]
            return t._wrap(out[n])
        return self._wrap_outputs(out)

    def jvp(self, inputs: Any, tangents: Any) -> Tuple[Dict[str, Tensor], Dict[str, Tensor]]:
        """``(outputs, J·v)``: both dicts name -> wrapper. ``inputs`` and ``tangents`` are dicts by
        input name (or, for a one-input model, the values themselves); a missing tangent is zero."""
        ins = self._inputs((inputs,), {})
        tans = self._inputs((tangents,), {})
        _untraced_only(self, ins, "jvp")
        out, jv = self._handle.jvp(ins, tans)
        return self._wrap_outputs(out), self._wrap_outputs(jv)

    def value_and_jacobian(self, *args: Any, **kwargs: Any) -> Tuple[Dict[str, Tensor], Dict[str, Dict[str, Any]]]:
        """``(outputs, J)``: outputs as a dict of wrappers, ``J[output][input]`` arrays shaped
        ``(*batch, *output_base, *input_base)``."""
        ins = self._inputs(args, kwargs)
        _untraced_only(self, ins, "jacobian")
        out, jac = self._handle.jacobian(ins)
        return self._wrap_outputs(out), jac

    def jacobian(self, *args: Any, **kwargs: Any) -> Dict[str, Dict[str, Any]]:
        """``J[output][input]`` only (see value_and_jacobian)."""
        return self.value_and_jacobian(*args, **kwargs)[1]

    def parameter_jacobian(self, inputs: Any, parameters: Sequence[str]) -> Dict[str, Dict[str, Any]]:
        """``J[output][parameter]`` for the named parameters (qualified or unique bare names, as
        given), arrays shaped ``(*batch, *output_base, *parameter_base)``. Compiled models give the
        blocks of their -p/-d pairs (neml2-compile -p E -d stress:E) and say so otherwise."""
        ins = self._inputs((inputs,), {})
        _untraced_only(self, ins, "parameter_jacobian")
        return self._handle.parameter_jacobian(ins, list(parameters))[1]

    # -- parameters -----------------------------------------------------------------------------
    def named_parameters(self, framework: Optional[str] = None) -> Dict[str, Any]:
        """Every parameter by qualified name (``"elasticity.E"`` inside a composition) as arrays that
        alias the model's storage: editing one in place changes the next call. torch tensors when
        torch has been imported (or ``framework="torch"``), NumPy arrays otherwise.

        The torch tensors are the same objects on every call, so they can be handed to an
        optimizer: ``p.requires_grad_()`` makes the model's outputs differentiable with respect
        to ``p`` (compiled models: promoted parameters with their -d pairs compiled in)."""
        if framework is None:
            framework = self._handle_framework()
        if framework != "torch":
            return self._handle.named_parameters(framework)
        cache = self.__dict__.setdefault("_torch_parameters", {})
        fresh = self._handle.named_parameters("torch")
        for n, t in fresh.items():
            old = cache.get(n)
            # Kept while it still aliases the model's storage; a replaced storage (set_parameter
            # with another shape) gets a new tensor that inherits requires_grad.
            if old is None or old.data_ptr() != t.data_ptr() or old.shape != t.shape or old.dtype != t.dtype:
                if old is not None and old.requires_grad:
                    t.requires_grad_(True)
                cache[n] = t
        return dict(cache)

    def _handle_framework(self) -> str:
        return "torch" if "torch" in sys.modules else "numpy"

    def _grad_parameters(self) -> Dict[str, Any]:
        """The torch parameter tensors (from named_parameters) that require grad, by qualified name."""
        cache = self.__dict__.get("_torch_parameters")
        if not cache or not any(t.requires_grad for t in cache.values()):
            return {}
        return {n: t for n, t in self.named_parameters("torch").items() if t.requires_grad}

    @property
    def parameter_spec(self) -> Specs:
        """Every parameter's qualified name, type and base shape, in order."""
        return Specs(self._handle.parameter_spec())

    def parameter(self, name: str, framework: Optional[str] = None) -> Tensor:
        """The parameter ``name`` (qualified, or a unique suffix such as ``"E"``) as a wrapper whose
        ``.data`` aliases the model's storage."""
        q = self._handle.resolve_parameter(name)
        return type_of(self.parameter_spec[q].type)._wrap(self._handle.parameter(q, framework))

    def set_parameter(self, name: str, value: Any) -> None:
        """Replaces a parameter's value (copied): a number, an array or a wrapper; any batch shape.
        A torch tensor from named_parameters keeps aliasing the parameter where the new value has
        its shape (it is written in place)."""
        value = _unwrap(value)
        cache = self.__dict__.get("_torch_parameters")
        if cache:
            q = self._handle.resolve_parameter(name)
            t = cache.get(q)
            torch = sys.modules.get("torch")
            if t is not None and torch is not None:
                new = torch.as_tensor(value, dtype=t.dtype)
                if new.shape == t.shape:
                    with torch.no_grad():
                        t.copy_(new)
                    return
        self._handle.set_parameter(name, value)

    def __getattr__(self, name: str) -> Any:
        # Parameters by name: model.E, model.nu (only reached when no attribute has that name).
        if name.startswith("_"):
            raise AttributeError(name)
        handle = self.__dict__.get("_handle")
        if handle is not None:
            try:
                return self.parameter(name)
            except ValueError:
                pass
        params = ", ".join(handle.named_parameters("numpy")) if handle is not None else ""
        raise AttributeError(
            f"'{type(self).__name__}' object has no attribute or parameter '{name}' (parameters: {params or 'none'})"
        )

    def __setattr__(self, name: str, value: Any) -> None:
        if not name.startswith("_") and not hasattr(type(self), name):
            try:
                q = self._handle.resolve_parameter(name)
            except ValueError:
                q = None
            if q is not None:
                self.set_parameter(q, value)
                return
        object.__setattr__(self, name, value)

    def __dir__(self):
        names = set(super().__dir__())
        names.update(n.rsplit(".", 1)[-1] for n in self._handle.named_parameters("numpy"))
        return sorted(names)


class AOTIModel(Model):
    """A compiled model loaded through its stub (``type = AOTIModel``).

    Same inputs, outputs and parameters as the eager model; calls run the compiled kernels.
    Calling it ALWAYS returns a tuple of wrappers in ``output_spec`` order, even for one output:
    ``(stress,) = compiled(strain)``. The runtime binding (``neml2.aoti.Model``: forward, jvp,
    jacobian, named_parameters, forward_into) is ``_inner`` (not stable API).
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Tuple[Tensor, ...]:
        out = self._evaluate(self._inputs(args, kwargs))
        if len(self._output_types) == 1:
            n, t = self._output_types[0]
            return (t._wrap(out[n]),)
        return tuple([t._wrap(out[n]) for n, t in self._output_types])

    @property
    def _inner(self) -> "_neml2.aoti.Model":
        return self._handle.runtime

    @property
    def artifact(self) -> str:
        """The device folder the kernels were loaded from."""
        return self._handle.runtime.directory


def load_model(
    file: Union[str, "os.PathLike[str]"], name: str, overrides: Sequence[str] = ()
) -> Model:
    """Loads model ``name`` from an input file; ``overrides`` are command-line style settings
    (``"Models/elasticity/coefficients:='100e3 0.3'"``). A neml2-compile stub gives an AOTIModel."""
    return wrap_model(_neml2.load_model(os.fspath(file), name, list(overrides)))


def wrap_model(handle: "_neml2.Model") -> Model:
    """The Python model of a native handle: an AOTIModel for a compiled stub's model."""
    return AOTIModel(handle) if handle.is_compiled else Model(handle)

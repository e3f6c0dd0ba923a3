"""``type = Python`` tensors: NEML2 v3 input files build their inputs with Python expressions such as

    [Tensors]
      [strain]
        type = Python
        expr = 'SR2.fill(0.1, -0.05, -0.05, 0.0, 0.0, 0.0).dynamic_batch.expand(20)'
      []
    []

The C++ ``Python`` generator calls :func:`evaluate` (through ``python/src/expressions.cpp``) whenever
this package is loaded: from Python, and in the command-line tools that ``pip install`` puts on PATH,
which run in this process.

The expression sees the typed wrappers and free functions of :mod:`neml2.types`, ``torch`` (when
installed; NEML2's tensors are torch tensors, so new values are torch tensors here too), ``np``,
``math``, and the file's other ``[Tensors]`` objects by name. A block of several lines assigns its
value to ``result``.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Optional, Tuple

from . import types

Lookup = Callable[[str], Optional[Tuple[str, Any]]]


def _torch() -> Any:
    try:
        import torch
    except ImportError:
        return None
    return torch


def _api_names(torch: Any) -> dict:
    import numpy as np

    names = {n: getattr(types, n) for n in types.__all__}
    names.update({"math": math, "np": np, "numpy": np})
    if torch is not None:
        names["torch"] = torch
    return names


class _Namespace(dict):
    """The expression's globals: the API, then the file's [Tensors] objects, looked up on first use."""

    def __init__(self, names: dict, lookup: Lookup, torch: Any):
        super().__init__(names)
        self._lookup = lookup
        self._torch = torch

    def __missing__(self, key: str) -> Any:
        found = self._lookup(key)
        if found is None:
            raise KeyError(key)
        type_name, array, sub_batch_ndim = found
        data = array.copy()  # the expression must not write into the other object's value
        if self._torch is not None:
            data = self._torch.from_numpy(data)
        value = types.type_of(type_name)._wrap(data)
        if sub_batch_ndim:
            value = value.sub_batch.retag(sub_batch_ndim)
        self[key] = value
        return value


def _dedent(code: str) -> str:
    """The code of a quoted HIT value, whose first line starts right after the quote: lines after
    the first lose their common indentation, blank lines around the code are dropped."""
    lines = code.strip("\n").split("\n")
    first, rest = lines[0].strip(), lines[1:]
    indents = [len(ln) - len(ln.lstrip()) for ln in rest if ln.strip()]
    cut = min(indents) if indents else 0
    if not first:
        return "\n".join(ln[cut:] for ln in rest).strip("\n")
    return "\n".join([first] + [ln[cut:] for ln in rest]).rstrip()


def _hint(exc: BaseException, torch: Any) -> str:
    if isinstance(exc, NameError):
        if "'torch'" in str(exc) and torch is None:
            return "; torch is not installed (pip install torch): NEML2's tensor expressions use it"
        return (
            "; a name must be a [Tensors] object of this file or part of the tensor API: "
            + ", ".join(sorted(n for n in types.__all__ if n != "Tensor"))
            + ", torch, np, math"
        )
    return ""


def _run(code: str, ns: _Namespace, torch: Any) -> Any:
    src = _dedent(code)
    try:
        try:
            compiled = compile(src, "<expr>", "eval")
        except SyntaxError:
            compiled = None
        if compiled is not None:
            return eval(compiled, ns)  # noqa: S307 - evaluating the input file's expression is the point
        exec(compile(src, "<expr>", "exec"), ns)  # noqa: S102
    except Exception as exc:  # noqa: BLE001 - every failure becomes one located input error
        raise ValueError(f"{type(exc).__name__}: {exc}{_hint(exc, torch)}") from exc
    if "result" not in ns:
        raise ValueError("a block of statements must assign the tensor to 'result'")
    return ns["result"]


def _float64_array(data: Any) -> Any:
    import numpy as np

    if hasattr(data, "detach"):  # torch
        import torch

        return data.detach().to("cpu", torch.float64).contiguous().numpy()
    return np.ascontiguousarray(data, dtype=np.float64)


def evaluate(name: str, expr: str, lookup: Lookup) -> Tuple[str, Any, int]:
    """The value of [Tensors/``name``]'s expression ``expr`` as (type name, float64 NumPy array,
    number of trailing batch dims marked sub-batch). ``lookup(other)`` gives another [Tensors]
    object as (type name, array, number of sub-batch dims), or None."""
    torch = _torch()
    ns = _Namespace(_api_names(torch), lookup, torch)
    with types.default_framework("torch" if torch is not None else None):
        value = _run(expr, ns, torch)
    if not isinstance(value, types.Tensor):
        raise ValueError(
            f"the expression gave a {type(value).__module__}.{type(value).__name__}, not a typed tensor; wrap it in its type, "
            "e.g. Scalar(...) or SR2(...)"
        )
    return type(value).__name__, _float64_array(value.data), value._sub_batch_ndim

"""Typed wrappers around arrays: ``SR2(torch_tensor)``, ``Scalar(numpy_array)``, ...

A wrapper holds the caller's array as ``.data`` without copying it (NumPy array, PyTorch tensor or
any DLPack/buffer object). Batch dimensions come first, then the type's base shape:

================  ==========  ===================================================================
type              base shape  meaning
================  ==========  ===================================================================
``Scalar``        ``()``      a number per point
``Vec``           ``(3,)``    a vector
``R2``            ``(3, 3)``  a full second-order tensor, row-major
``SR2``           ``(6,)``    a symmetric second-order tensor in Mandel notation
                              ``(xx, yy, zz, √2 yz, √2 xz, √2 xy)``
``SSR4``          ``(6, 6)``  a fourth-order tensor with both symmetries, as a 6x6 Mandel matrix
``WR2``           ``(3,)``    a skew second-order tensor as its axial vector
``MRP``           ``(3,)``    a rotation as modified Rodrigues parameters
``Quaternion``    ``(4,)``    ``(s, x, y, z)``
``MillerIndex``   ``(3,)``    a crystallographic direction or plane
================  ==========  ===================================================================

Models return these wrappers, with ``.data`` in the framework of the inputs (torch in, torch out;
NumPy in, NumPy out). The constructors ``fill``, ``zeros``, ``identity`` build NumPy-backed values
unless a component is a torch tensor or ``framework="torch"`` / a ``device`` is given.

NEML2 v3 input files build tensors with this API in ``type = Python`` blocks (evaluated by
``neml2._expressions``): besides the constructors, the wrappers have NEML2's batch views
(``x.dynamic_batch.expand(20)``, ``x.batch.unsqueeze(0)``), elementwise arithmetic, and the free
functions ``linspace`` / ``logspace`` over batch views. NEML2's sub-batch (intermediate) dims are not
supported yet; using them raises ``ValueError``.
"""

from __future__ import annotations

import contextlib
import contextvars
import math
import sys
from typing import Any, Optional, Sequence, Tuple, Union

__all__ = [
    "Tensor",
    "Scalar",
    "Vec",
    "R2",
    "SR2",
    "SSR4",
    "WR2",
    "MRP",
    "Quaternion",
    "MillerIndex",
    "type_of",
    "BatchView",
    "linspace",
    "logspace",
]

_SQRT2 = math.sqrt(2.0)

_NO_SUB_BATCH = (
    "sub-batch (intermediate) dimensions are supported by this package only to mark interpolation "
    "tables and drivers' values (x.sub_batch.retag(n), used by a table or a driver as it is); give every "
    "other batch dim as an ordinary (dynamic) batch dim"
)

# The framework new values are made in when a call does not say (None: NumPy). Expressions of
# `type = Python` tensors run with "torch", as NEML2's API builds torch tensors.
_default_framework: contextvars.ContextVar[Optional[str]] = contextvars.ContextVar("neml2_framework", default=None)


@contextlib.contextmanager
def default_framework(name: Optional[str]):
    """Within the block, constructors that are not told otherwise make ``name`` arrays."""
    token = _default_framework.set(name)
    try:
        yield
    finally:
        _default_framework.reset(token)


def _is_torch(x: Any) -> bool:
    torch = sys.modules.get("torch")
    return torch is not None and isinstance(x, torch.Tensor)


def _as_array(x: Any) -> Any:
    """Arrays pass through untouched; lists and numbers become float64 NumPy arrays."""
    if isinstance(x, Tensor):
        return x.data
    if hasattr(x, "shape") and hasattr(x, "dtype"):
        return x
    if _default_framework.get() == "torch":
        import torch

        return torch.as_tensor(x, dtype=torch.float64)
    import numpy as np

    return np.asarray(x, dtype=np.float64)


class Tensor:
    """Base of the typed wrappers: ``.data`` is the caller's array (never copied)."""

    __slots__ = ("data", "_sub_batch_ndim")
    #: The base (per-point) shape of the type; leading dims of ``.data`` are batch dims.
    base_shape: Tuple[int, ...] = ()
    #: The fill() component counts the type accepts.
    _fill_counts: Tuple[int, ...] = ()

    def __init__(self, data: Any, *, sub_batch_ndim: int = 0):
        data = _as_array(data)
        shape = tuple(data.shape)
        n = len(self.base_shape)
        if len(shape) < n or (n and shape[len(shape) - n :] != self.base_shape):
            raise ValueError(
                f"{type(self).__name__} needs an array whose trailing dims are {self.base_shape} "
                f"(batch dims first), got shape {shape}"
            )
        self.data = data
        # Trailing batch dims marked as sub-batch (intermediate) dims: only an interpolation table's.
        self._sub_batch_ndim = 0
        if sub_batch_ndim:
            self._sub_batch_ndim = _checked_sub_batch(self, sub_batch_ndim)

    def _plain(self) -> "Tensor":
        """Self, when no dims are marked sub-batch: operations on a table are not supported."""
        if self._sub_batch_ndim:
            raise ValueError(_NO_SUB_BATCH)
        return self

    @classmethod
    def _wrap(cls, data: Any) -> "Tensor":
        # Results of neml2 calls: already checked, so skip the validation.
        t = object.__new__(cls)
        t.data = data
        t._sub_batch_ndim = 0
        return t

    # -- shape, dtype, device -------------------------------------------------------------------
    @property
    def shape(self) -> Tuple[int, ...]:
        return tuple(self.data.shape)

    @property
    def batch_shape(self) -> Tuple[int, ...]:
        s = tuple(self.data.shape)
        return s[: len(s) - len(self.base_shape)]

    @property
    def batch_dim(self) -> int:
        return len(self.data.shape) - len(self.base_shape)

    @property
    def base_dim(self) -> int:
        return len(self.base_shape)

    @property
    def dtype(self) -> Any:
        return self.data.dtype

    @property
    def device(self) -> Any:
        """``tensor.device`` for torch data, ``"cpu"`` otherwise."""
        return self.data.device if _is_torch(self.data) else "cpu"

    def __getitem__(self, index: Any) -> "Tensor":
        """Indexes the batch dimensions: ``strain[0]`` is the first point's SR2."""
        if not isinstance(index, tuple):
            index = (index,)
        if any(i is Ellipsis for i in index):
            raise IndexError("index a typed tensor's batch dims explicitly (no Ellipsis)")
        self._plain()
        return type(self)(self.data[index + (slice(None),) * len(self.base_shape)])

    def __len__(self) -> int:
        if self.batch_dim == 0:
            raise TypeError(f"len() of an unbatched {type(self).__name__}")
        return self.data.shape[0]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.data!r})"

    def __array__(self, dtype: Any = None, copy: Optional[bool] = None) -> Any:
        import numpy as np

        a = self.data.detach().cpu().numpy() if _is_torch(self.data) else np.asarray(self.data)
        return a if dtype is None else a.astype(dtype)

    # -- NEML2's views of the batch dims ----------------------------------------------------------
    @property
    def batch(self) -> "BatchView":
        """The batch dims: ``x.batch.expand(20)``, ``.unsqueeze(0)``, ``.squeeze(0)``, ``[i]``."""
        return BatchView(self._plain())

    @property
    def dynamic_batch(self) -> "BatchView":
        """NEML2's name for the batch dims that are not sub-batch dims: here, all of them."""
        return BatchView(self._plain())

    @property
    def sub_batch(self) -> "SubBatchView":
        """``x.sub_batch.retag(n)`` marks the last ``n`` batch dims as sub-batch dims, as NEML2 does
        for an interpolation table; ``linspace``/``logspace`` of two sub-batch views make a new
        sub-batch dim. Nothing else is supported on sub-batch dims yet."""
        return SubBatchView(self)

    # -- elementwise arithmetic (a Scalar combines with any type; other types with their own) -----
    def _combine(self, other: Any, op: Any) -> "Tensor":
        self._plain()
        if isinstance(other, Tensor):
            other._plain()
        a, b, out = self.data, other, type(self)
        if isinstance(other, Tensor):
            b = other.data
            if isinstance(self, Scalar) and not isinstance(other, Scalar):
                a, out = _with_base_dims(a, len(other.base_shape)), type(other)
            elif isinstance(other, Scalar) and not isinstance(self, Scalar):
                b = _with_base_dims(b, len(self.base_shape))
            elif type(other) is not type(self):
                raise TypeError(f"cannot combine {type(self).__name__} and {type(other).__name__} elementwise")
        return out._wrap(op(a, b))

    def __add__(self, other: Any) -> "Tensor":
        return self._combine(other, lambda a, b: a + b)

    def __radd__(self, other: Any) -> "Tensor":
        return self._combine(other, lambda a, b: b + a)

    def __sub__(self, other: Any) -> "Tensor":
        return self._combine(other, lambda a, b: a - b)

    def __rsub__(self, other: Any) -> "Tensor":
        return self._combine(other, lambda a, b: b - a)

    def __mul__(self, other: Any) -> "Tensor":
        return self._combine(other, lambda a, b: a * b)

    def __rmul__(self, other: Any) -> "Tensor":
        return self._combine(other, lambda a, b: b * a)

    def __truediv__(self, other: Any) -> "Tensor":
        return self._combine(other, lambda a, b: a / b)

    def __rtruediv__(self, other: Any) -> "Tensor":
        return self._combine(other, lambda a, b: b / a)

    def __pow__(self, other: Any) -> "Tensor":
        return self._combine(other, lambda a, b: a**b)

    def __neg__(self) -> "Tensor":
        self._plain()
        return type(self)._wrap(-self.data)

    # -- constructors ---------------------------------------------------------------------------
    @classmethod
    def zeros(
        cls,
        batch_shape: Sequence[int] = (),
        *,
        dtype: Any = None,
        device: Any = None,
        framework: Optional[str] = None,
    ) -> "Tensor":
        """Zeros of shape ``(*batch_shape, *base_shape)`` (NumPy unless torch is asked for)."""
        shape = _shape_tuple(batch_shape) + cls.base_shape
        if _wants_torch(framework, device, ()):
            import torch

            return cls._wrap(torch.zeros(shape, dtype=dtype or torch.float64, device=device))
        import numpy as np

        return cls._wrap(np.zeros(shape, dtype=dtype or np.float64))

    @classmethod
    def full(
        cls,
        *batch_shape: Any,
        fill_value: float,
        dtype: Any = None,
        device: Any = None,
        framework: Optional[str] = None,
    ) -> "Tensor":
        """Every entry ``fill_value``, of shape ``(*batch_shape, *base_shape)``; the batch shape
        is given as integers (``Scalar.full(20, fill_value=0.01)``, as NEML2 v3) or one sequence."""
        shape = cls.zeros(_batch_arguments(batch_shape), dtype=dtype, device=device, framework=framework)
        return cls._wrap(shape.data * 0 + fill_value)

    @classmethod
    def ones(cls, *batch_shape: Any, dtype: Any = None, device: Any = None, framework: Optional[str] = None) -> "Tensor":
        """Ones of shape ``(*batch_shape, *base_shape)`` (the batch shape as for full())."""
        return cls.full(*batch_shape, fill_value=1.0, dtype=dtype, device=device, framework=framework)

    @classmethod
    def fill(
        cls,
        *components: Any,
        dtype: Any = None,
        device: Any = None,
        framework: Optional[str] = None,
    ) -> "Tensor":
        """Builds a value from its components (numbers, or arrays whose shapes broadcast to the
        batch shape). See each type for the component counts it accepts."""
        if len(components) == 1 and isinstance(components[0], (list, tuple)):
            components = tuple(components[0])
        if len(components) not in cls._fill_counts:
            counts = " or ".join(str(c) for c in cls._fill_counts)
            raise ValueError(f"{cls.__name__}.fill() takes {counts} components, got {len(components)}")
        xp, comps = _components(components, dtype, device, framework)
        return cls._wrap(cls._assemble(xp, comps))

    @classmethod
    def _assemble(cls, xp: "_ArrayOps", c: list) -> Any:
        return xp.stack(c, cls.base_shape)


class _ArrayOps:
    """The few array operations fill() needs, for NumPy or torch."""

    def __init__(self, torch_mod: Any, dtype: Any, device: Any):
        self.torch = torch_mod
        self.dtype = dtype
        self.device = device

    def stack(self, comps: list, base_shape: Tuple[int, ...]) -> Any:
        if self.torch is not None:
            t = self.torch
            comps = t.broadcast_tensors(*comps)
            s = t.stack(comps, dim=-1)
            return s.reshape(tuple(s.shape[:-1]) + base_shape)
        import numpy as np

        comps = np.broadcast_arrays(*comps)
        s = np.stack(comps, axis=-1)
        return s.reshape(s.shape[:-1] + base_shape)

    def zero_like(self, x: Any) -> Any:
        return x * 0


def _wants_torch(framework: Optional[str], device: Any, comps: Sequence[Any]) -> bool:
    framework = framework or _default_framework.get()
    if framework is not None:
        if framework not in ("numpy", "torch"):
            raise ValueError(f"unknown array framework {framework!r}: use 'numpy' or 'torch'")
        return framework == "torch"
    return device is not None or any(_is_torch(c) for c in comps)


def _components(components: Sequence[Any], dtype: Any, device: Any, framework: Optional[str]):
    comps = [c.data if isinstance(c, Scalar) else c for c in components]
    if _wants_torch(framework, device, comps):
        import torch

        if dtype is None:
            ts = [c for c in comps if isinstance(c, torch.Tensor)]
            dtype = torch.float32 if ts and all(c.dtype == torch.float32 for c in ts) else torch.float64
        out = [torch.as_tensor(c, dtype=dtype, device=device) for c in comps]
        return _ArrayOps(torch, dtype, device), out
    import numpy as np

    if dtype is None:
        arrs = [c for c in comps if isinstance(c, np.ndarray)]
        dtype = np.float32 if arrs and all(c.dtype == np.float32 for c in arrs) else np.float64
    return _ArrayOps(None, dtype, None), [np.asarray(c, dtype=dtype) for c in comps]


class Scalar(Tensor):
    """A number per point (base shape ``()``). ``fill(a)``."""

    __slots__ = ()
    base_shape = ()
    _fill_counts = (1,)

    @classmethod
    def _assemble(cls, xp, c):
        return c[0].copy() if xp.torch is None else c[0].clone()


class Vec(Tensor):
    """A vector (base shape ``(3,)``). ``fill(x, y, z)``."""

    __slots__ = ()
    base_shape = (3,)
    _fill_counts = (3,)


class WR2(Tensor):
    """A skew second-order tensor as its axial vector (base shape ``(3,)``). ``fill(x, y, z)``."""

    __slots__ = ()
    base_shape = (3,)
    _fill_counts = (3,)


class MRP(Tensor):
    """A rotation as modified Rodrigues parameters (base shape ``(3,)``). ``fill(x, y, z)``."""

    __slots__ = ()
    base_shape = (3,)
    _fill_counts = (3,)


class MillerIndex(Tensor):
    """A crystallographic direction or plane (base shape ``(3,)``). ``fill(h, k, l)``."""

    __slots__ = ()
    base_shape = (3,)
    _fill_counts = (3,)


class Quaternion(Tensor):
    """A quaternion ``(s, x, y, z)`` (base shape ``(4,)``). ``fill(s, x, y, z)``."""

    __slots__ = ()
    base_shape = (4,)
    _fill_counts = (4,)


class SR2(Tensor):
    """A symmetric second-order tensor in Mandel notation ``(xx, yy, zz, √2 yz, √2 xz, √2 xy)``.

    ``fill(a)``: ``a`` times the identity; ``fill(xx, yy, zz)``: diagonal;
    ``fill(xx, yy, zz, yz, xz, xy)``: tensor components (the shear ones are scaled by √2 here).
    """

    __slots__ = ()
    base_shape = (6,)
    _fill_counts = (1, 3, 6)

    @classmethod
    def _assemble(cls, xp, c):
        z = xp.zero_like(c[0])
        if len(c) == 1:
            c = [c[0], c[0], c[0], z, z, z]
        elif len(c) == 3:
            c = [c[0], c[1], c[2], z, z, z]
        else:
            c = [c[0], c[1], c[2], c[3] * _SQRT2, c[4] * _SQRT2, c[5] * _SQRT2]
        return xp.stack(c, cls.base_shape)

    @classmethod
    def identity(
        cls, batch_shape: Sequence[int] = (), *, dtype: Any = None, device: Any = None, framework: Optional[str] = None
    ) -> "SR2":
        """The identity ``(1, 1, 1, 0, 0, 0)``, expanded to ``batch_shape``."""
        one = cls.fill(1.0, dtype=dtype, device=device, framework=framework).data
        return cls._wrap(_expand(one, _shape_tuple(batch_shape)))


class R2(Tensor):
    """A full second-order tensor, row-major 3x3.

    ``fill(a)``: ``a`` times the identity; ``fill(xx, yy, zz)``: diagonal;
    ``fill(xx, yy, zz, yz, xz, xy)``: symmetric; ``fill(9 components)``: row-major.
    """

    __slots__ = ()
    base_shape = (3, 3)
    _fill_counts = (1, 3, 6, 9)

    @classmethod
    def _assemble(cls, xp, c):
        z = xp.zero_like(c[0])
        if len(c) == 1:
            c = [c[0], z, z, z, c[0], z, z, z, c[0]]
        elif len(c) == 3:
            c = [c[0], z, z, z, c[1], z, z, z, c[2]]
        elif len(c) == 6:
            xx, yy, zz, yz, xz, xy = c
            c = [xx, xy, xz, xy, yy, yz, xz, yz, zz]
        return xp.stack(c, cls.base_shape)

    @classmethod
    def identity(
        cls, batch_shape: Sequence[int] = (), *, dtype: Any = None, device: Any = None, framework: Optional[str] = None
    ) -> "R2":
        """The 3x3 identity, expanded to ``batch_shape``."""
        one = cls.fill(1.0, dtype=dtype, device=device, framework=framework).data
        return cls._wrap(_expand(one, _shape_tuple(batch_shape)))


class SSR4(Tensor):
    """A fourth-order tensor with minor symmetries as a 6x6 Mandel matrix. ``fill(36 values)``
    (row-major); ``identity_sym()``, ``identity_vol()``, ``identity_dev()``."""

    __slots__ = ()
    base_shape = (6, 6)
    _fill_counts = (36,)

    @classmethod
    def _identity(cls, which: str, batch_shape, dtype, device, framework) -> "SSR4":
        third = 1.0 / 3.0
        vals = []
        for i in range(6):
            for j in range(6):
                sym = 1.0 if i == j else 0.0
                vol = third if i < 3 and j < 3 else 0.0
                vals.append({"sym": sym, "vol": vol, "dev": sym - vol}[which])
        one = cls.fill(*vals, dtype=dtype, device=device, framework=framework).data
        return cls._wrap(_expand(one, _shape_tuple(batch_shape)))

    @classmethod
    def identity_sym(cls, batch_shape: Sequence[int] = (), *, dtype=None, device=None, framework=None) -> "SSR4":
        """The symmetric identity (``I : e = e`` for every SR2 ``e``)."""
        return cls._identity("sym", batch_shape, dtype, device, framework)

    @classmethod
    def identity_vol(cls, batch_shape: Sequence[int] = (), *, dtype=None, device=None, framework=None) -> "SSR4":
        """The volumetric projector ``(I ⊗ I) / 3``."""
        return cls._identity("vol", batch_shape, dtype, device, framework)

    @classmethod
    def identity_dev(cls, batch_shape: Sequence[int] = (), *, dtype=None, device=None, framework=None) -> "SSR4":
        """The deviatoric projector ``identity_sym - identity_vol``."""
        return cls._identity("dev", batch_shape, dtype, device, framework)


def _expand(x: Any, batch_shape: Tuple[int, ...]) -> Any:
    if not batch_shape:
        return x
    shape = batch_shape + tuple(x.shape)
    if _is_torch(x):
        return x.expand(shape).contiguous()
    import numpy as np

    return np.ascontiguousarray(np.broadcast_to(x, shape))


_BY_NAME = {
    c.__name__: c for c in (Scalar, Vec, R2, SR2, SSR4, WR2, MRP, Quaternion, MillerIndex)
}


def _batch_arguments(args: Tuple[Any, ...]) -> Tuple[int, ...]:
    """A batch shape given as integers or as one sequence of them."""
    if len(args) == 1 and not isinstance(args[0], int):
        return _shape_tuple(args[0])
    return tuple(int(a) for a in args)


def _shape_tuple(shape: Any) -> Tuple[int, ...]:
    return (shape,) if isinstance(shape, int) else tuple(shape)


def _with_base_dims(x: Any, n: int) -> Any:
    """A Scalar's data with `n` trailing unit dims, to broadcast against a type of `n` base dims."""
    return x.reshape(tuple(x.shape) + (1,) * n) if n else x


def _from_data(like: Tensor, data: Any) -> Tensor:
    return type(like)._wrap(data)


def _checked_sub_batch(t: "Tensor", n: int) -> int:
    if not 0 < n <= t.batch_dim:
        raise ValueError(f"cannot mark {n} sub-batch dim(s) of a tensor with batch shape {t.batch_shape}")
    return n


class SubBatchView:
    """The sub-batch dims of a typed tensor: only ``retag`` (marking an interpolation table)."""

    __slots__ = ("_t",)

    def __init__(self, t: "Tensor"):
        self._t = t

    def retag(self, n: int) -> "Tensor":
        """The same values with the last ``n`` batch dims marked as sub-batch (table) dims."""
        out = type(self._t)._wrap(self._t.data)
        out._sub_batch_ndim = _checked_sub_batch(self._t, int(n))
        return out

    @property
    def ndim(self) -> int:
        return self._t._sub_batch_ndim

    def __getattr__(self, name: str) -> Any:
        raise ValueError(_NO_SUB_BATCH)


class BatchView:
    """The batch dims of a typed tensor, as NEML2's ``x.batch`` / ``x.dynamic_batch``."""

    __slots__ = ("_t",)

    def __init__(self, t: Tensor):
        self._t = t

    @property
    def shape(self) -> Tuple[int, ...]:
        return self._t.batch_shape

    @property
    def ndim(self) -> int:
        return self._t.batch_dim

    def size(self, dim: int) -> int:
        return self.shape[dim]

    def _insert_at(self, dim: int) -> int:
        n = self.ndim
        pos = dim if dim >= 0 else n + dim + 1
        if not 0 <= pos <= n:
            raise IndexError(f"batch dim {dim} out of range for {n} batch dim(s)")
        return pos

    def expand(self, *shape: Any) -> Tensor:
        """Broadcasts the batch dims to ``shape`` (-1 keeps a dim), as ``torch.Tensor.expand``."""
        if len(shape) == 1 and not isinstance(shape[0], int):
            shape = tuple(shape[0])
        base = self._t.base_shape
        data = self._t.data
        if _is_torch(data):
            return _from_data(self._t, data.expand(tuple(shape) + base))
        import numpy as np

        old = self.shape
        want = tuple(old[i - len(shape) + len(old)] if s == -1 else s for i, s in enumerate(shape))
        return _from_data(self._t, np.broadcast_to(data, want + base))

    def unsqueeze(self, dim: int = -1, n: int = 1) -> Tensor:
        """Inserts ``n`` batch dims of size 1 at batch position ``dim``."""
        pos = self._insert_at(dim)
        s = self._t.shape
        return _from_data(self._t, self._t.data.reshape(s[:pos] + (1,) * n + s[pos:]))

    def squeeze(self, dim: int = -1) -> Tensor:
        """Removes batch dim ``dim``, which must have size 1."""
        n = self.ndim
        pos = dim if dim >= 0 else n + dim
        if not 0 <= pos < n or self.shape[pos] != 1:
            raise ValueError(f"cannot squeeze batch dim {dim} of batch shape {self.shape}")
        s = self._t.shape
        return _from_data(self._t, self._t.data.reshape(s[:pos] + s[pos + 1 :]))

    def __getitem__(self, index: Any) -> Tensor:
        return self._t[index]


def _stack_in_batch(points: Sequence[Tensor], dim: int) -> Tensor:
    pos = BatchView(points[0])._insert_at(dim)
    datas = [p.data for p in points]
    if _is_torch(datas[0]):
        import torch

        return _from_data(points[0], torch.stack(torch.broadcast_tensors(*datas), dim=pos))
    import numpy as np

    return _from_data(points[0], np.stack(np.broadcast_arrays(*datas), axis=pos))


def linspace(
    start: Union[BatchView, SubBatchView], end: Union[BatchView, SubBatchView], nstep: int, dim: int = 0
) -> Tensor:
    """``nstep`` evenly spaced values from ``start`` to ``end``, point ``i`` being
    ``start + i / (nstep - 1) * (end - start)``, as NEML2's ``linspace``. Given batch views
    (``Scalar(0.0).dynamic_batch``) the values lie along a new batch dim at ``dim``; given sub-batch
    views of end points without a sub-batch (``Scalar(0.0).sub_batch``) they lie along a new
    sub-batch dim (one value per slip system, say), after the end points' batch dims."""
    if isinstance(start, SubBatchView) and isinstance(end, SubBatchView):
        if start.ndim or end.ndim:
            raise TypeError("linspace over sub-batch views: give end points without a sub-batch")
        if dim not in (0, -1):
            raise IndexError(
                f"linspace over sub-batch views makes the only sub-batch dim: dim must be 0 or -1, got {dim}"
            )
        out = _linspace_points(start._t, end._t, nstep, -1)
        return SubBatchView(out).retag(1)
    if not isinstance(start, BatchView) or not isinstance(end, BatchView):
        raise TypeError(
            "linspace: give both end points as batch views (Scalar(0.0).dynamic_batch) or both as sub-batch views "
            "(Scalar(0.0).sub_batch)"
        )
    return _linspace_points(start._t, end._t, nstep, dim)


def _linspace_points(a: Tensor, b: Tensor, nstep: int, dim: int) -> Tensor:
    if nstep < 1:
        raise ValueError(f"linspace: nstep must be at least 1, got {nstep}")
    delta = b - a
    if nstep == 1:
        return _stack_in_batch([a + 0.0 * delta], dim)
    return _stack_in_batch([a + (i / (nstep - 1)) * delta for i in range(nstep)], dim)


def logspace(
    start: Union[BatchView, SubBatchView], end: Union[BatchView, SubBatchView], nstep: int, dim: int = 0, base: float = 10.0
) -> Tensor:
    """``base`` raised to ``linspace(start, end, nstep, dim)`` (over batch or sub-batch views alike)."""
    exponent = linspace(start, end, nstep, dim)
    out = _from_data(exponent, base**exponent.data)
    return SubBatchView(out).retag(exponent._sub_batch_ndim) if exponent._sub_batch_ndim else out


def type_of(name: str) -> type:
    """The wrapper class of a type name (``"SR2"`` -> ``SR2``)."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise ValueError(f"unknown tensor type {name!r}; known: {', '.join(_BY_NAME)}") from None

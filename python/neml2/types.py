"""Typed wrappers around arrays: ``SR2(torch_tensor)``, ``Scalar(numpy_array)``, ...

A wrapper holds the caller's array as ``.data`` without copying it (NumPy array, PyTorch tensor or
any DLPack/buffer object). Batch dimensions come first, then the type's base shape:

=============  ==========  ===================================================================
type           base shape  meaning
=============  ==========  ===================================================================
``Scalar``     ``()``      a number per point
``Vec``        ``(3,)``    a vector
``R2``         ``(3, 3)``  a full second-order tensor, row-major
``SR2``        ``(6,)``    a symmetric second-order tensor in Mandel notation
                           ``(xx, yy, zz, √2 yz, √2 xz, √2 xy)``
``SSR4``       ``(6, 6)``  a fourth-order tensor with both symmetries, as a 6x6 Mandel matrix
``WR2``        ``(3,)``    a skew second-order tensor as its axial vector
``MRP``        ``(3,)``    a rotation as modified Rodrigues parameters
``Quaternion`` ``(4,)``    ``(s, x, y, z)``
``MillerIndex````(3,)``    a crystallographic direction or plane
=============  ==========  ===================================================================

Models return these wrappers, with ``.data`` in the framework of the inputs (torch in, torch out;
NumPy in, NumPy out). The constructors ``fill``, ``zeros``, ``identity`` build NumPy-backed values
unless a component is a torch tensor or ``framework="torch"`` / a ``device`` is given.
"""

from __future__ import annotations

import math
import sys
from typing import Any, Optional, Sequence, Tuple

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
]

_SQRT2 = math.sqrt(2.0)


def _is_torch(x: Any) -> bool:
    torch = sys.modules.get("torch")
    return torch is not None and isinstance(x, torch.Tensor)


def _as_array(x: Any) -> Any:
    """Arrays pass through untouched; lists and numbers become float64 NumPy arrays."""
    if isinstance(x, Tensor):
        return x.data
    if hasattr(x, "shape") and hasattr(x, "dtype"):
        return x
    import numpy as np

    return np.asarray(x, dtype=np.float64)


class Tensor:
    """Base of the typed wrappers: ``.data`` is the caller's array (never copied)."""

    __slots__ = ("data",)
    #: The base (per-point) shape of the type; leading dims of ``.data`` are batch dims.
    base_shape: Tuple[int, ...] = ()
    #: The fill() component counts the type accepts.
    _fill_counts: Tuple[int, ...] = ()

    def __init__(self, data: Any):
        data = _as_array(data)
        shape = tuple(data.shape)
        n = len(self.base_shape)
        if len(shape) < n or (n and shape[len(shape) - n :] != self.base_shape):
            raise ValueError(
                f"{type(self).__name__} needs an array whose trailing dims are {self.base_shape} "
                f"(batch dims first), got shape {shape}"
            )
        self.data = data

    @classmethod
    def _wrap(cls, data: Any) -> "Tensor":
        # Results of neml2 calls: already checked, so skip the validation.
        t = object.__new__(cls)
        t.data = data
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
        shape = tuple(batch_shape) + cls.base_shape
        if _wants_torch(framework, device, ()):
            import torch

            return cls._wrap(torch.zeros(shape, dtype=dtype or torch.float64, device=device))
        import numpy as np

        return cls._wrap(np.zeros(shape, dtype=dtype or np.float64))

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
        return cls._wrap(_expand(one, tuple(batch_shape)))


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
        return cls._wrap(_expand(one, tuple(batch_shape)))


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
        return cls._wrap(_expand(one, tuple(batch_shape)))

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


def type_of(name: str) -> type:
    """The wrapper class of a type name (``"SR2"`` -> ``SR2``)."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise ValueError(f"unknown tensor type {name!r}; known: {', '.join(_BY_NAME)}") from None

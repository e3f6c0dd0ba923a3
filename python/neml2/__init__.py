"""neml2: material models evaluated eagerly or compiled ahead of time.

>>> import neml2
>>> from neml2.types import SR2
>>> model = neml2.load_model("input.i", "elasticity")
>>> stress = model(SR2(strain_array))          # NumPy or torch in, the same framework out
>>> compiled = neml2.load_model("aoti/elasticity_aoti.i", "elasticity")   # a neml2-compile stub
>>> (stress,) = compiled(SR2(strain_array))    # compiled models always return a tuple
>>> history = neml2.load_input("creep.i").get_driver("driver").run()   # {"stress": (steps, *batch, 6), ...}

Errors: ``ValueError`` for bad values (shapes, names, dtypes), ``neml2.InputError`` (a
``ValueError``) for input files, ``neml2.CompileError`` and ``neml2.SolverError`` (both
``neml2.Error``, a ``RuntimeError``) for compilation/loading and nonlinear solves.
"""

from . import _neml2
from ._neml2 import CompileError, Error, FailureCapture, InputError, SolverError, get_num_threads, set_num_threads
from ._model import AOTIModel, Model, VariableSpec, load_model
from ._driver import Driver, Input, load_input
from . import aoti, types



def capture_failures() -> FailureCapture:
    """``with neml2.capture_failures() as report:`` -- model calls in the block return NaN at points
    whose implicit solve failed instead of raising SolverError; ``report`` describes every point of
    the latest call (``converged``, ``iterations``, ``substeps``, ``residual``, ``reason(p)``)."""
    return FailureCapture()


__version__ = "0.1.0"

__all__ = [
    "load_model",
    "load_input",
    "Input",
    "Driver",
    "Model",
    "AOTIModel",
    "VariableSpec",
    "types",
    "aoti",
    "Error",
    "InputError",
    "CompileError",
    "SolverError",
    "FailureCapture",
    "capture_failures",
    "set_num_threads",
    "get_num_threads",
]

"""Input files and their drivers from Python: ``neml2.load_input(file)``."""

from __future__ import annotations

import os
from typing import Any, Dict, Optional, Sequence, Union

from . import _neml2
from ._model import Model, wrap_model

__all__ = ["Input", "Driver", "load_input"]


class Driver:
    """A driver of the input file's [Drivers] section (TransientDriver and the others neml2-run
    runs). ``run()`` steps its model and returns the history; ``save(path)`` writes it."""

    def __init__(self, handle: "_neml2.Driver"):
        self._handle = handle

    @property
    def name(self) -> str:
        return self._handle.name

    @property
    def type(self) -> str:
        return self._handle.type

    def run(self) -> Optional[Dict[str, Any]]:
        """Runs the driver to completion (writing its ``save_as`` file, if any). For a
        TransientDriver, returns history() (the recorded variables over the steps); for the
        drivers that only check (regressions, verifications, unit tests), None: they raise when a
        check fails."""
        self._handle.run()
        return self.history() if self._handle.type == "TransientDriver" else None

    def history(self, framework: Optional[str] = None) -> Dict[str, Any]:
        """Every recorded variable by name (the time, the prescribed variables, the model's
        outputs), as arrays ``(steps, *batch, *base)``: torch tensors when torch has been imported
        (or ``framework="torch"``), NumPy arrays otherwise. The keys are the ones of the ``.npz``
        file ``save`` writes."""
        return self._handle.history(framework)

    def save(self, path: Union[str, "os.PathLike[str]"]) -> None:
        """Writes the history: a NumPy ``.npz`` archive, or one row per step for ``.csv``."""
        self._handle.save(os.fspath(path))

    def __repr__(self) -> str:
        return f"{self.type}('{self.name}')"


class Input:
    """The objects of one input file, each built once on first use and then shared: the model a
    driver runs is the object ``get_model`` returns, so a parameter set on it is what the driver
    uses."""

    def __init__(self, handle: "_neml2.Input"):
        self._handle = handle

    @property
    def file(self) -> str:
        return self._handle.file

    def get_model(self, name: str) -> Model:
        """Model ``name`` of [Models] (an AOTIModel for a compiled stub's model)."""
        return wrap_model(self._handle.get_model(name))

    def get_driver(self, name: str) -> Driver:
        """Driver ``name`` of [Drivers] (built with its model, if not built already)."""
        return Driver(self._handle.get_driver(name))

    def __repr__(self) -> str:
        return f"Input('{self.file}')"


def load_input(file: Union[str, "os.PathLike[str]"], overrides: Sequence[str] = ()) -> Input:
    """Parses an input file (``overrides``: command-line style settings such as
    ``"Drivers/driver/save_as=out.npz"``). Bad input raises ``neml2.InputError`` with
    ``file:line:col``."""
    return Input(_neml2.load_input(os.fspath(file), list(overrides)))

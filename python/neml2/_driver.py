"""Input files and their drivers from Python: ``neml2.load_input(file)``."""

from __future__ import annotations

import os
import sys
import time
from typing import Any, Callable, Dict, List, Optional, Sequence, Union

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

    def run(
        self,
        progress: Union[None, bool, Callable[[int, int], Any]] = None,
        comm: Any = None,
        gather: str = "all",
    ) -> Optional[Dict[str, Any]]:
        """Runs the driver to completion (writing its ``save_as`` file, if any). For a
        TransientDriver, returns history() (the recorded variables over the steps); for the
        drivers that only check (regressions, verifications, unit tests), None: they raise when a
        check fails. Ctrl-C stops a run between steps.

        ``progress`` says how a TransientDriver shows how far it is:

        - None (the default): in a Jupyter notebook, a progress bar in the notebook; elsewhere
          the driver's own display on stderr (a bar on a terminal, a line every
          ``progress_interval`` seconds in a pipe or a log; the input's ``show_progress = false``
          turns it off).
        - True: a progress bar here (tqdm's, if tqdm is installed; else a line of text).
        - False: nothing.
        - a callable ``f(step, last)``: called after each step 1..last (an exception it raises
          stops the run), in place of any display.

        ``comm``, an mpi4py communicator (``mpi4py.MPI.COMM_WORLD`` or an application's own),
        spreads a TransientDriver's batch over its ranks: call ``run`` on every rank (it is
        collective). Each rank steps a contiguous share of the batch's leading dimension, then every
        rank receives the whole history, the same bit for bit as one process computes; rank 0
        alone writes ``save_as`` and shows the driver's own progress. The input's ``balance =
        cost`` cuts the batch by the Newton iterations of a first step instead of by points. An
        error on one rank is raised on all of them. ``gather`` says where the history goes:
        ``"all"`` ranks, ``"root"`` (rank 0 gets the whole, the others their share's: one copy
        of the whole instead of one per rank) or ``"none"`` (every rank returns its share's and
        nothing moves; ``shares`` says which points each rank held).
        """
        observer: Optional[Callable[[int, int], Any]] = None
        if callable(progress):
            observer = progress
        elif progress is True or (progress is None and _in_notebook()):
            observer = _progress_bar(f"[Drivers/{self.name}]")
        try:
            self._handle.run(observer, progress is not False, comm, gather)
        finally:
            close = getattr(observer, "close", None)
            if close is not None and not callable(progress):
                close()
        return self.history() if self._handle.type == "TransientDriver" else None

    @property
    def shares(self) -> List[int]:
        """After a run over MPI ranks: rank r held the points ``shares[r]`` to ``shares[r + 1] - 1``
        of the batch's leading dimension. Empty after a run in one process."""
        return list(self._handle.shares)

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


def _in_notebook() -> bool:
    """True inside a Jupyter kernel, whose stderr (where the driver's own display goes) is not
    the notebook."""
    shell = sys.modules.get("IPython")
    get = getattr(shell, "get_ipython", None)
    ip = get() if get is not None else None
    return ip is not None and type(ip).__name__ == "ZMQInteractiveShell"


class _TextProgress:
    """A progress line for where tqdm is not installed: rewritten in place, at most ten times a
    second, on sys.stderr (which a notebook shows)."""

    def __init__(self, label: str):
        self._label = label
        self._start = time.monotonic()
        self._shown = 0.0

    def __call__(self, step: int, last: int) -> None:
        now = time.monotonic()
        if now - self._shown < 0.1 and step < last:
            return
        self._shown = now
        sys.stderr.write(
            f"\r{self._label}: step {step} of {last} ({100 * step // last}%), {now - self._start:.1f} s"
        )
        sys.stderr.flush()

    def close(self) -> None:
        if self._shown:
            sys.stderr.write("\n")
            sys.stderr.flush()


class _TqdmProgress:
    """tqdm's bar (tqdm.auto: a widget in notebooks, text on terminals), created at the first
    step, when the number of steps is known."""

    def __init__(self, label: str, tqdm_class: Any):
        self._label = label
        self._tqdm = tqdm_class
        self._bar: Any = None

    def __call__(self, step: int, last: int) -> None:
        if self._bar is None:
            self._bar = self._tqdm(total=last, desc=self._label, unit="step")
        self._bar.update(step - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _progress_bar(label: str) -> Callable[[int, int], None]:
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return _TextProgress(label)
    return _TqdmProgress(label, tqdm)


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

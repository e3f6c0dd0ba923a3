"""Console scripts: the command-line tools, run in this process by the native module, so that input
files may hold ``type = Python`` tensors (evaluated by :mod:`neml2._expressions`)."""

from __future__ import annotations

import signal
import sys


def _run(tool: str) -> None:
    from . import _neml2

    # Ctrl-C stops a long compile or run at once, as it does the native executables.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    sys.stdout.flush()
    raise SystemExit(_neml2.run_tool(tool, sys.argv[1:]))


def neml2_compile() -> None:
    _run("neml2-compile")


def neml2_inspect() -> None:
    _run("neml2-inspect")


def neml2_syntax() -> None:
    _run("neml2-syntax")


def neml2_run() -> None:
    _run("neml2-run")

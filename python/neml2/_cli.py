"""Console scripts: run the native command-line tools installed inside the package."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _bin_dir() -> Path:
    # Next to the native module (also right for editable installs, where the Python sources stay in
    # the source tree and the built files live in site-packages).
    from . import _neml2

    return Path(_neml2.__file__).resolve().parent / "bin"


def _exec(tool: str) -> None:
    exe = _bin_dir() / tool
    if not exe.is_file():
        sys.stderr.write(f"{tool}: not part of this installation of neml2 (looked for {exe})\n")
        raise SystemExit(1)
    os.execv(str(exe), [tool, *sys.argv[1:]])


def neml2_compile() -> None:
    _exec("neml2-compile")


def neml2_inspect() -> None:
    _exec("neml2-inspect")


def neml2_syntax() -> None:
    _exec("neml2-syntax")


def neml2_run() -> None:
    _exec("neml2-run")

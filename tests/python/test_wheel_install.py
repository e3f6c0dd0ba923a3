"""The installed wheel (scripts/test-wheel runs this in a fresh virtual environment, with no build
tools on PATH): its native libraries resolve inside the environment or to the C/C++ runtimes,
never to this checkout, and neml2-compile without a compiler says what is missing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    os.environ.get("NEML2_WHEEL_TEST") != "1",
    reason="checks an installed wheel: run scripts/test-wheel (a fresh environment, no build tools on PATH)",
)

# What a manylinux wheel may take from the system (the C and C++ runtimes and the loader).
SYSTEM = re.compile(r"^(linux-vdso|libc|libm|libdl|librt|libpthread|libstdc\+\+|libgcc_s|ld-linux-x86-64)\.so")


def package_files():
    import neml2

    root = Path(neml2.__file__).resolve().parent
    vendored = root.parent / "neml2.libs"  # where auditwheel puts the copied system libraries
    for folder in (root, vendored):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.open("rb").read(4) == b"\x7fELF":
                yield path


def test_no_build_tools_on_path():
    for tool in ("cmake", "ninja", "make", "gcc", "g++", "clang++"):
        assert shutil.which(tool) is None, f"{tool} is on PATH: this test is meant to run without build tools"


def test_every_native_library_resolves_inside_the_environment():
    import neml2

    env_root = Path(neml2.__file__).resolve().parents[4]  # <venv>/lib/pythonX.Y/site-packages/neml2
    checkout = os.environ.get("NEML2_CHECKOUT", "/nonexistent")
    files = list(package_files())
    assert any(p.name.startswith("_neml2") for p in files), "the extension module is missing"
    assert any(p.parent.name == "bin" for p in files), "the command-line tools are missing"
    for path in files:
        out = subprocess.run(["/usr/bin/ldd", str(path)], capture_output=True, text=True).stdout
        for line in out.splitlines():
            line = line.strip()
            name = line.split()[0]
            assert "not found" not in line, f"{path.name}: {line}"
            target = line.split("=>", 1)[1].split("(")[0].strip() if "=>" in line else ""
            assert not target.startswith(checkout), f"{path.name} loads {target} from the source checkout"
            if target and not SYSTEM.match(Path(name).name):
                assert Path(target).resolve().is_relative_to(env_root), f"{path.name} loads {target} from outside"


def test_neml2_compile_without_a_compiler_says_what_is_missing(tmp_path):
    (tmp_path / "input.i").write_text(
        "[Models]\n  [elasticity]\n    type = LinearIsotropicElasticity\n"
        "    coefficients = '200e3 0.3'\n    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'\n  []\n[]\n"
    )
    env = {"PATH": os.environ["NEML2_NO_COMPILER_PATH"], "HOME": os.environ.get("HOME", "/tmp")}
    tool = shutil.which("neml2-compile", path=env["PATH"])
    r = subprocess.run([tool, "input.i", "--model", "elasticity"], cwd=tmp_path, env=env, capture_output=True,
                       text=True)
    assert r.returncode != 0
    assert "C++ compiler 'c++' (the default compiler) not found" in r.stderr, r.stderr
    assert "set NEML2_CXX" in r.stderr, r.stderr
    assert not (tmp_path / "aoti").exists() or not any((tmp_path / "aoti").rglob("*.so")), "no partial artifact"
    # The eager model works without a compiler.
    import neml2

    model = neml2.load_model(tmp_path / "input.i", "elasticity")
    import numpy as np

    stress = np.asarray(model(np.array([[0.01, 0, 0, 0, 0, 0]])).data)
    assert stress[0, 0] == pytest.approx(200e3 * 0.7 / (1.3 * 0.4) * 0.01)

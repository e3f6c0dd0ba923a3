"""Every code block of README.md, doc/ and the examples' READMEs either runs here or says it does
not. A fence's info string is the language and then flags:

    ```python            run: exec'd in one namespace per file, in order
    ```sh                run: bash -e -o pipefail, with the package's tools on PATH
    ```cpp               run: wrapped in main() (after its #include lines), compiled against the
                         installed package's headers and libraries, and executed
    ```c                 run: a whole C11 program, compiled against the installed package's
                         headers and its C interface library (libneml2_c_api), and executed
    ```text              output, a transcript or a diagram: not code
    ```{code-cell} python    a cell of a tutorial in doc/tutorials/: scripts/build-docs executes it
                         (a failing cell fails the documentation build)
    ```{toctree} etc.    other MyST directives of the documentation site: not code
    ```<lang> illustrative   shown, not run (a fragment, a declaration, a command that builds or
                         installs)

Each file's blocks run in a scratch folder in which examples/ is this checkout's, so that the
paths in the docs (examples/elasticity/input.i, aoti/...) mean what they mean at the repository
root.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import tool_env

ROOT = Path(__file__).resolve().parents[2]
RUN = ("python", "sh", "cpp", "c")
FENCE = re.compile(r"^(\s*)```(.*)$")


@dataclass
class Block:
    file: Path
    line: int  # 1-based line of the opening fence
    lang: str
    flags: tuple
    code: str

    @property
    def where(self) -> str:
        return f"{self.file.relative_to(ROOT)}:{self.line}"

    @property
    def runs(self) -> bool:
        return self.lang in RUN and "illustrative" not in self.flags

    @property
    def directive(self) -> bool:
        """A MyST directive of the documentation site ({code-cell} cells are executed there)."""
        return self.lang.startswith("{")


def documents():
    files = [ROOT / "README.md", *sorted((ROOT / "doc").rglob("*.md")), *sorted((ROOT / "examples").rglob("README.md"))]
    return [f for f in files if f.is_file() and "_generated" not in f.parts]


def blocks(path: Path):
    lines = path.read_text().splitlines()
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, info = len(m.group(1)), m.group(2).split()
        body = []
        j = i + 1
        while j < len(lines) and not FENCE.match(lines[j]):
            body.append(lines[j][indent:] if lines[j][:indent].isspace() else lines[j].lstrip())
            j += 1
        if j == len(lines):
            raise AssertionError(f"{path.relative_to(ROOT)}:{i + 1}: a code block that is never closed")
        yield Block(path, i + 1, info[0] if info else "", tuple(info[1:]), "\n".join(body) + "\n")
        i = j + 1


def test_every_code_block_runs_or_is_marked():
    problems = []
    for doc in documents():
        for b in blocks(doc):
            if not b.lang:
                problems.append(f"{b.where}: no language: mark output, transcripts and diagrams ```text, "
                                "and give code its language")
            elif b.lang != "text" and not b.directive and not b.runs and "illustrative" not in b.flags:
                problems.append(f"{b.where}: ```{b.lang} blocks do not run here: mark it ```{b.lang} illustrative "
                                f"or write it in one of {', '.join(RUN)}")
    assert not problems, "\n".join(problems)


def runnable_documents():
    return [d for d in documents() if any(b.runs for b in blocks(d))]


@pytest.mark.parametrize("doc", runnable_documents(), ids=lambda d: str(d.relative_to(ROOT)))
def test_code_blocks_run_as_written(doc, tmp_path, monkeypatch):
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {"__name__": "__doc_block__"}
    for b in blocks(doc):
        if not b.runs:
            continue
        if b.lang == "python":
            if re.search(r"^\s*import torch|^import .*\btorch\b", b.code, re.M):
                pytest.importorskip("torch", reason=f"{b.where} uses torch")
            exec(compile(b.code, b.where, "exec"), namespace)  # noqa: S102 - the docs' own code
        elif b.lang == "sh":
            run(["bash", "-e", "-o", "pipefail", "-c", b.code], b, tmp_path)
        elif b.lang == "c":
            run_c(b, tmp_path)
        else:
            run_cpp(b, tmp_path)


def run(args, b: Block, cwd: Path) -> None:
    r = subprocess.run(args, cwd=cwd, env=tool_env(), capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, f"{b.where} failed ({r.returncode}):\n{b.code}\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"


def package_dirs() -> tuple[Path, Path]:
    """The installed package's include/ and library folders."""
    import neml2

    package = Path(neml2.__file__).resolve().parent
    return package / "include", next(p for p in (package / "lib", package / "lib64") if p.is_dir())


def run_c(b: Block, cwd: Path) -> None:
    """The block as a whole C11 program, linked against the C interface library alone."""
    include, libdir = package_dirs()
    source = cwd / f"block_{b.line}.c"
    source.write_text(f"#line {b.line + 1} \"{b.file.relative_to(ROOT)}\"\n" + b.code)
    exe = cwd / f"block_{b.line}"
    compiler = os.environ.get("CC") or "cc"
    run([*compiler.split()[:1], "-std=c11", "-Wall", "-Wextra", "-Werror", "-O0", f"-I{include}", str(source), "-o",
         str(exe), f"-L{libdir}", f"-Wl,-rpath,{libdir}", "-lneml2_c_api"], b, cwd)
    run([str(exe)], b, cwd)


def run_cpp(b: Block, cwd: Path) -> None:
    """The block's #include lines, then the rest as the body of main(), built against the
    installed package (its include/ and lib/ folders)."""
    include, libdir = package_dirs()
    lines = b.code.splitlines()
    includes = [line for line in lines if line.startswith("#include")]
    body = [line for line in lines if not line.startswith("#include")]
    source = cwd / f"block_{b.line}.cpp"
    # The body's first line is the line after the includes; #line names it for the compiler's
    # messages (the two lines of "int main() {" come first).
    source.write_text("\n".join(includes) + f"\n#line {b.line + len(includes) - 1} \"{b.file.relative_to(ROOT)}\"\n"
                      "int main()\n{\n" + "\n".join(body) + "\n  return 0;\n}\n")
    exe = cwd / f"block_{b.line}"
    libs = sorted({p.name.split(".so")[0][3:] for p in libdir.glob("libneml2*.so*")})
    compiler = os.environ.get("CXX") or "c++"
    run([*compiler.split()[:1], "-std=c++20", "-O0", f"-I{include}", str(source), "-o", str(exe),
         f"-L{libdir}", f"-Wl,-rpath,{libdir}", *[f"-l{lib}" for lib in libs]], b, cwd)
    run([str(exe)], b, cwd)

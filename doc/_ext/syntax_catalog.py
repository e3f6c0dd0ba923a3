"""The syntax catalog page: `neml2-syntax --json` (the tool of the installed package) rendered as
Markdown into _generated/syntax.md before Sphinx reads the sources, so the catalog always lists
exactly the types and options the build registers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path


def neml2_syntax() -> str:
    path = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    tool = shutil.which("neml2-syntax", path=path)
    if not tool:
        raise RuntimeError("neml2-syntax is not on PATH: install the neml2 package (pip install .) first")
    return tool


def cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render(catalog: dict) -> str:
    total = sum(len(types) for types in catalog.values())
    out = [
        "# Syntax catalog",
        "",
        f"Every type an input file can name, by section ({total} in all), with its options: generated from "
        "`neml2-syntax --json` when these pages were built. `neml2-syntax TYPE` prints one type; "
        "[the differences from NEML2 v3](../neml2-syntax-differences.md) are listed type by type.",
        "",
    ]
    for section in sorted(catalog):
        types = catalog[section]
        out += [f"## [{section}]", ""]
        for name in sorted(types):
            entry = types[name]
            out += [f"### {name}", "", cell(entry.get("doc", "")).strip() or "(no description)", ""]
            options = entry.get("options", [])
            if options:
                out += ["| option | type | default | meaning |", "|---|---|---|---|"]
                for o in options:
                    default = "(required)" if o.get("required") else f"`{cell(o.get('default', ''))}`"
                    out.append(f"| `{o['name']}` | {cell(o.get('type', ''))} | {default} | {cell(o.get('doc', ''))} |")
                out.append("")
    return "\n".join(out) + "\n"


def generate(app) -> None:
    catalog = json.loads(subprocess.run([neml2_syntax(), "--json"], check=True, capture_output=True, text=True).stdout)
    target = Path(app.srcdir) / "_generated" / "syntax.md"
    target.parent.mkdir(exist_ok=True)
    text = render(catalog)
    if not target.exists() or target.read_text() != text:  # unchanged: Sphinx need not reread it
        target.write_text(text)


def setup(app):
    app.connect("builder-inited", generate)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

#!/usr/bin/env python3
"""Checks that every source file includes only headers of its own layer or of the layers below it.

The layers and their allowed dependencies are those of doc/dev/layers.md (and src/CMakeLists.txt);
a header belongs to the layer of its folder under include/neml2/, with the exceptions listed in
HEADER_LAYER. Usage: check_includes.py <source root>. Prints every violation and exits 1 if any.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

# Folder (under src/ and include/neml2/) -> layer.
FOLDER_LAYER = {
    "hit": "hit",
    "tensors": "core",
    "base": "base",
    "graph": "graph",
    "eager": "eager",
    "models": "models",
    "solvers": "models",
    "drivers": "models",
    "artifact": "artifact",
    "runtime": "runtime",
    "codegen": "codegen",
    "aoti_model": "aoti_model",
    "cli": "cli",
    "c_api": "c_api",
    "mpi": "mpi",
}

# Headers that sit in another layer's folder.
HEADER_LAYER = {
    "base/error.h": "core",  # the exception types, used by every layer
    "base/qualified_name.h": "core",  # parameter name resolution, shared by models and the runtime
    "hit/nearest.h": "text",  # header-only "did you mean", used by every layer
    "c_api.h": "c_api",  # the plain C interface, at the top of include/neml2/ for C callers
}

# Layer -> the layers it may include (its own is always allowed).
ALLOWED = {
    "text": set(),
    "hit": {"text"},
    "core": {"text"},
    "base": {"core", "hit", "text"},
    "graph": {"core", "text"},
    "eager": {"graph", "core", "text"},
    "models": {"eager", "graph", "base", "core", "hit", "text"},
    "artifact": {"core", "text"},
    "runtime": {"artifact", "core", "text"},
    "codegen": {"models", "graph", "base", "core", "hit", "artifact", "text"},
    "aoti_model": {"models", "runtime", "artifact", "graph", "base", "core", "hit", "text"},
    "c_api": {"runtime", "artifact", "core", "text"},
    "mpi": {"models", "eager", "graph", "base", "core", "hit", "text"},
    "cli": {
        "mpi",
        "codegen",
        "aoti_model",
        "models",
        "runtime",
        "artifact",
        "graph",
        "eager",
        "base",
        "core",
        "hit",
        "text",
    },
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"neml2/([^"]+)"', re.MULTILINE)


def header_layer(path: str) -> str | None:
    if path in HEADER_LAYER:
        return HEADER_LAYER[path]
    return FOLDER_LAYER.get(path.split("/", 1)[0])


def main(root: Path) -> int:
    problems = []
    checked = 0
    for base in (root / "src", root / "include" / "neml2"):
        for f in sorted(base.rglob("*")):
            if f.suffix not in {".h", ".cpp", ".def", ".in"} or not f.is_file():
                continue
            rel = f.relative_to(base).as_posix()
            layer = HEADER_LAYER.get(rel) if base.name == "neml2" else None
            layer = layer or FOLDER_LAYER.get(rel.split("/", 1)[0])
            if layer is None:
                problems.append(f"{f}: in no layer (add its folder to {Path(__file__).name})")
                continue
            checked += 1
            text = f.read_text(encoding="utf-8", errors="replace")
            for m in INCLUDE.finditer(text):
                target = header_layer(m.group(1))
                line = text.count("\n", 0, m.start()) + 1
                if target is None:
                    if not (root / "include" / "neml2" / m.group(1)).exists() and layer == "codegen":
                        continue  # generated at build time (codegen/scalar_ops_source.h)
                    problems.append(f"{f}:{line}: includes neml2/{m.group(1)}, which is in no layer")
                elif target != layer and target not in ALLOWED[layer]:
                    problems.append(
                        f"{f}:{line}: the {layer} layer includes neml2/{m.group(1)} of the {target} layer; "
                        f"{layer} may use only {', '.join(sorted(ALLOWED[layer])) or 'nothing'} "
                        "(doc/dev/layers.md)"
                    )
    for p in problems:
        print(p)
    print(f"{checked} files checked, {len(problems)} layering violations")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: check_includes.py <source root>", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(Path(sys.argv[1])))

"""Sphinx configuration of the documentation site (scripts/build-docs builds it).

Markdown pages (MyST), tutorials that are executed at build time (myst-nb: a failing cell fails
the build), the Python API from the installed package's docstrings (autodoc), the C++ API from
the headers' comments (Doxygen XML through breathe) and the syntax catalog generated from
`neml2-syntax --json` (see _ext/syntax_catalog.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

project = "neml2 (C++)"
author = "the neml2 (C++) developers"
extensions = ["myst_nb", "sphinx.ext.autodoc", "sphinx.ext.napoleon", "breathe", "syntax_catalog"]
source_suffix = {".md": "myst-nb"}
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = "neml2 (C++)"

myst_enable_extensions = ["dollarmath", "colon_fence"]
myst_heading_anchors = 3
# Tutorials run on every build, top to bottom, in one kernel each; an error stops the build.
nb_execution_mode = "force"
nb_execution_raise_on_error = True
nb_execution_timeout = 600
nb_execution_show_tb = True

autodoc_member_order = "bysource"
autodoc_typehints = "description"

breathe_projects = {"neml2": os.environ.get("NEML2_DOXYGEN_XML", str(HERE.parent / "build" / "docs" / "doxygen" / "xml"))}
breathe_default_project = "neml2"
breathe_domain_by_extension = {"h": "cpp"}
# The headers document what a user calls; an undocumented member is listed without text.
breathe_default_members = ("members",)


def setup(app):
    # Input-file fragments (```hit): NEML2's HIT format reads like INI sections and key = value.
    from pygments.lexers import IniLexer

    app.add_lexer("hit", IniLexer)

"""math_pow.h's tables are what scripts/gen-pow-tables.py prints (60-digit decimal arithmetic), so
an edit of either one alone is caught. (test_math_pow.cpp checks the values against long double.)"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_math_pow_header_holds_the_generators_tables():
    printed = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen-pow-tables.py")], check=True, capture_output=True, text=True
    ).stdout.strip()
    header = (ROOT / "include" / "neml2" / "graph" / "math_pow.h").read_text()
    assert printed.count("\n") > 300
    assert printed in header, "math_pow.h's tables differ from scripts/gen-pow-tables.py's output: rerun it"

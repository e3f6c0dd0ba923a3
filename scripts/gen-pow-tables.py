#!/usr/bin/env python3
"""Prints the constant tables of include/neml2/graph/math_pow.h (the IR's pow), computed to 60
significant digits with Python's decimal module, as C++ hexadecimal floating literals.

  log table, j = 181 .. 362:  RN(256 / j), then log(j / 256) as a double-double (hi + lo)
  exp table, i = 0 .. 127:    2^(i / 128) as a double-double (hi + lo)
  constants:                   ln 2 and ln 2 / 128 split so that k * hi is exact, and 128 / ln 2

Run it and paste its output over the tables when the table layout changes:
    python3 scripts/gen-pow-tables.py
"""

import math
from decimal import Decimal, getcontext

getcontext().prec = 60
LN2 = Decimal(2).ln()
LOG_FIRST, LOG_LAST = 181, 362  # z * 256 for z in [sqrt(1/2), sqrt(2))


def dd(v: Decimal) -> tuple[float, float]:
    """v as hi + lo: hi the double nearest v, lo the double nearest v - hi."""
    hi = float(v)  # Decimal -> float rounds to nearest
    return hi, float(v - Decimal(hi))


def truncated(v: Decimal, bits: int) -> float:
    """v rounded to a double with at most `bits` significant bits (so k * it is exact for small k)."""
    mant, e = math.frexp(float(v))
    scale = 2.0**bits
    return math.floor(mant * scale) / scale * 2.0**e


def lit(x: float) -> str:
    return x.hex().replace("0x1.0000000000000p", "0x1p")


def main() -> None:
    ln2_hi = truncated(LN2, 42)
    l2_128_hi = truncated(LN2 / 128, 35)
    print("// ln 2 = LN2_HI + LN2_LO, LN2_HI with 42 significant bits (k * LN2_HI exact for |k| < 2^11)")
    print(f"constexpr double LN2_HI = {lit(ln2_hi)};")
    print(f"constexpr double LN2_LO = {lit(float(LN2 - Decimal(ln2_hi)))};")
    print("// ln 2 / 128 = EXP_LN2_HI + EXP_LN2_LO, EXP_LN2_HI with 35 significant bits (k * it exact for |k| < 2^18)")
    print(f"constexpr double EXP_LN2_HI = {lit(l2_128_hi)};")
    print(f"constexpr double EXP_LN2_LO = {lit(float(LN2 / 128 - Decimal(l2_128_hi)))};")
    print(f"constexpr double EXP_INV_LN2 = {lit(float(128 / LN2))}; // 128 / ln 2")
    print(f"// {{RN(256 / j), log(j / 256) hi, lo}} for j = {LOG_FIRST} .. {LOG_LAST}")
    print("constexpr double LOG_TABLE[] = {")
    for j in range(LOG_FIRST, LOG_LAST + 1):
        hi, lo = dd((Decimal(j) / 256).ln())
        print(f"  {lit(256.0 / j)}, {lit(hi)}, {lit(lo)}, // {j}")
    print("};")
    print("// {2^(i / 128) hi, lo} for i = 0 .. 127")
    print("constexpr double EXP_TABLE[] = {")
    for i in range(128):
        hi, lo = dd((LN2 * i / 128).exp())
        print(f"  {lit(hi)}, {lit(lo)}, // {i}")
    print("};")


if __name__ == "__main__":
    main()

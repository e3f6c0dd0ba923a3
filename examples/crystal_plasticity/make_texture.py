"""Writes texture_216.csv: 216 orientations drawn uniformly from the rotation group (a random
texture), as modified Rodrigues parameters r = n tan(theta / 4), one grain per row. The rotation
takes the crystal frame to the sample frame. taylor_polycrystal.i reads the file.

    python3 make_texture.py [count] [seed]

Uniform rotations from uniform unit quaternions (Shoemake, Graphics Gems III, 1992); the
quaternion with a non-negative scalar part is kept, so that |r| <= 1 (no shadow set needed).
"""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path


def uniform_mrp(rng: random.Random) -> tuple[float, float, float]:
    u1, u2, u3 = rng.random(), rng.random(), rng.random()
    a, b = math.sqrt(1 - u1), math.sqrt(u1)
    q = (a * math.sin(2 * math.pi * u2), a * math.cos(2 * math.pi * u2), b * math.sin(2 * math.pi * u3),
         b * math.cos(2 * math.pi * u3))
    w, x, y, z = q[3], q[0], q[1], q[2]
    if w < 0:
        w, x, y, z = -w, -x, -y, -z
    return (x / (1 + w), y / (1 + w), z / (1 + w))


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 216
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 2026)
    path = Path(__file__).with_name(f"texture_{count}.csv")
    rows = ["orientation_x,orientation_y,orientation_z"]
    rows += [",".join(f"{c:.12f}" for c in uniform_mrp(rng)) for _ in range(count)]
    path.write_text("\n".join(rows) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()

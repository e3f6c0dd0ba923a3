"""Plots single_crystal.i's results: the axial Cauchy stress against the logarithmic strain
(d_yy t) for each of the eight orientations, and the slip hardening.

    neml2-run single_crystal.i driver           # writes single_crystal.npz
    python3 plot_single_crystal.py [single_crystal.npz] [single_crystal.png]

Needs NumPy and Matplotlib. The .npz holds one array per variable, shaped (steps, orientations,
*base); stresses are Mandel vectors (xx, yy, zz, sqrt2 yz, sqrt2 xz, sqrt2 xy).
"""

from __future__ import annotations

import sys

import numpy as np


def main() -> None:
    npz = sys.argv[1] if len(sys.argv) > 1 else "single_crystal.npz"
    png = sys.argv[2] if len(sys.argv) > 2 else "single_crystal.png"
    r = np.load(npz)
    t = r["t"]  # (steps,)
    strain = 0.1 * np.broadcast_to(t.reshape(-1, 1), r["slip_hardening"].shape)  # d_yy = 0.1 /s
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    for k in range(r["cauchy_stress"].shape[1]):
        a.plot(strain[:, k], r["cauchy_stress"][:, k, 1], label=f"orientation {k}")
        b.plot(strain[:, k], r["slip_hardening"][:, k])
    a.set_xlabel("strain yy")
    a.set_ylabel("Cauchy stress yy (MPa)")
    a.legend(fontsize=7)
    b.set_xlabel("strain yy")
    b.set_ylabel("slip hardening (MPa)")
    fig.tight_layout()
    fig.savefig(png, dpi=120)
    print(f"wrote {png}")


if __name__ == "__main__":
    main()

"""Plots taylor_polycrystal.i's results: the aggregate's axial Cauchy stress (the grains' mean)
against the axial strain, with the spread over the grains, and the {111} and {100} pole figures
of the 216 grains before and after the stretch (equal-area projection along the tensile axis z,
upper hemisphere).

    neml2-run taylor_polycrystal.i driver                 # writes taylor_polycrystal.npz
    python3 plot_taylor_polycrystal.py [taylor_polycrystal.npz] [taylor_polycrystal.png]

Needs NumPy and Matplotlib. The .npz holds one array per variable, shaped (steps, grains, *base);
stresses are Mandel vectors (xx, yy, zz, sqrt2 yz, sqrt2 xz, sqrt2 xy), orientations modified
Rodrigues parameters of the rotation from the crystal frame to the sample frame.
"""

from __future__ import annotations

import itertools
import sys

import numpy as np

AXIAL_RATE = 0.1  # d_zz in taylor_polycrystal.i, 1/s


def rotation_matrices(mrp: np.ndarray) -> np.ndarray:
    """(..., 3) modified Rodrigues parameters -> (..., 3, 3) rotation matrices (crystal to sample)."""
    r2 = np.sum(mrp * mrp, axis=-1, keepdims=True)
    w = (1 - r2) / (1 + r2)
    v = 2 * mrp / (1 + r2)
    x, y, z, w = v[..., 0], v[..., 1], v[..., 2], w[..., 0]
    return np.stack(
        [
            np.stack([1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)], -1),
            np.stack([2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)], -1),
            np.stack([2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)], -1),
        ],
        -2,
    )


def family(hkl: tuple[int, int, int]) -> np.ndarray:
    """The directions of a cubic family, one of each +/- pair, as unit vectors."""
    dirs = set()
    for p in itertools.permutations(hkl):
        for s in itertools.product((1, -1), repeat=3):
            d = tuple(a * b for a, b in zip(p, s))
            if tuple(-a for a in d) not in dirs:
                dirs.add(d)
    v = np.array(sorted(dirs), dtype=float)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def poles(mrp: np.ndarray, hkl: tuple[int, int, int]) -> np.ndarray:
    """The sample-frame poles of family `hkl` of every grain, in the upper hemisphere: (grains * m, 3)."""
    p = np.einsum("gij,mj->gmi", rotation_matrices(mrp), family(hkl)).reshape(-1, 3)
    return np.where(p[:, 2:3] < 0, -p, p)


def equal_area(p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lambert equal-area projection along z of upper-hemisphere unit vectors, scaled to the unit disc."""
    scale = 1 / np.sqrt(1 + p[:, 2])
    return p[:, 0] * scale, p[:, 1] * scale


def mean_axial_stress(r) -> tuple[np.ndarray, np.ndarray]:
    """(axial strain, the grains' mean sigma_zz) over the steps."""
    return AXIAL_RATE * r["t"], r["cauchy_stress"][:, :, 2].mean(axis=1)


def main() -> None:
    npz = sys.argv[1] if len(sys.argv) > 1 else "taylor_polycrystal.npz"
    png = sys.argv[2] if len(sys.argv) > 2 else "taylor_polycrystal.png"
    r = np.load(npz)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 5, figsize=(19, 4))
    strain, mean = mean_axial_stress(r)
    szz = r["cauchy_stress"][:, :, 2]
    axes[0].fill_between(strain, szz.min(axis=1), szz.max(axis=1), alpha=0.25, label="grains (min to max)")
    axes[0].plot(strain, mean, "k", label="aggregate (mean)")
    axes[0].set_xlabel("axial strain zz")
    axes[0].set_ylabel("Cauchy stress zz (MPa)")
    axes[0].legend(fontsize=8)
    panels = [(0, (1, 1, 1)), (-1, (1, 1, 1)), (0, (1, 0, 0)), (-1, (1, 0, 0))]
    for ax, (step, hkl) in zip(axes[1:], panels):
        x, y = equal_area(poles(r["orientation"][step], hkl))
        ax.scatter(x, y, s=2)
        ax.add_patch(plt.Circle((0, 0), 1, fill=False))
        ax.set_aspect("equal")
        ax.set_xlim(-1.05, 1.05)
        ax.set_ylim(-1.05, 1.05)
        ax.axis("off")
        ax.set_title(f"{{{''.join(map(str, hkl))}}} poles, strain {strain[step]:.2f}")
    fig.tight_layout()
    fig.savefig(png, dpi=120)
    print(f"wrote {png}")


if __name__ == "__main__":
    main()

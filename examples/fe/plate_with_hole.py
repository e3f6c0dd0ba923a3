"""A plate with a hole under tension, J2 viscoplasticity, solved with scikit-fem and a compiled model.

A quarter of a square plate (side 2L, thickness H) with a central hole of radius R is pulled along
y by a prescribed displacement on its top face (symmetry on x = 0, y = 0 and z = 0). Each global
Newton iteration evaluates the compiled model (examples/plasticity/viscoplasticity_isoharden.i,
compiled with -d stress:E) at every quadrature point in one batched call, and assembles the
internal force from its stress and the stiffness from its consistent tangent d stress / d E. The
residual norms are printed per iteration (quadratic convergence is what the consistent tangent
buys), with the time per global iteration and the material update's share of it.

  python plate_with_hole.py [--steps 8] [--nr 6] [--ntheta 6] [--nz 2] [--out DIR]

Needs the neml2 package (pip install .) and scikit-fem (pip install scikit-fem).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from skfem import Basis, BilinearForm, ElementHex1, ElementVector, LinearForm, MeshHex, condense, solve
from skfem.helpers import ddot, sym_grad

import neml2

HERE = Path(__file__).resolve().parent
MODEL_FILE = HERE.parent / "plasticity" / "viscoplasticity_isoharden.i"

# Geometry (mm) and loading: the top face moves by U_TOP over T_END seconds.
L, R, H = 10.0, 2.0, 1.0
U_TOP, T_END = 0.02, 1.0

# Mandel component a <-> tensor indices (i, j), and the sqrt(2) weight of the shear components.
MANDEL = [(0, 0), (1, 1), (2, 2), (1, 2), (0, 2), (0, 1)]
WEIGHT = np.array([1.0, 1.0, 1.0, np.sqrt(2.0), np.sqrt(2.0), np.sqrt(2.0)])


def mesh(nr: int, ntheta: int, nz: int) -> MeshHex:
    """The quarter plate as a structured hex mesh: rays from the hole (r = R) to the outer edge,
    ntheta elements per 45 degrees, graded towards the hole, nz layers through the thickness."""
    box = MeshHex.init_tensor(np.linspace(0, 1, nr + 1), np.linspace(0, 1, 2 * ntheta + 1), np.linspace(0, H, nz + 1))
    s, a, z = box.p
    theta = a * np.pi / 2
    inner = R * np.stack([np.cos(theta), np.sin(theta)])
    # the outer point on the same ray: on x = L below 45 degrees, on y = L above
    outer = np.where(theta <= np.pi / 4, [np.full_like(theta, L), L * np.tan(theta)],
                     [L / np.tan(np.maximum(theta, 1e-300)), np.full_like(theta, L)])
    t = s**1.5  # finer near the hole, where the stress concentrates
    xy = (1 - t) * inner + t * outer
    return MeshHex(np.vstack([xy, z]), box.t)


def to_mandel(eps: np.ndarray) -> np.ndarray:
    """(3, 3, ne, nq) symmetric tensors -> (ne * nq, 6) Mandel vectors."""
    return np.stack([WEIGHT[a] * eps[i, j] for a, (i, j) in enumerate(MANDEL)], axis=-1).reshape(-1, 6)


def from_mandel(v: np.ndarray, shape) -> np.ndarray:
    """(ne * nq, 6) Mandel vectors -> (3, 3, ne, nq) tensors."""
    v = v.reshape(*shape, 6)
    out = np.empty((3, 3, *shape))
    for a, (i, j) in enumerate(MANDEL):
        out[i, j] = out[j, i] = v[..., a] / WEIGHT[a]
    return out


def tangent_from_mandel(m: np.ndarray, shape) -> np.ndarray:
    """(ne * nq, 6, 6) Mandel tangents -> (3, 3, 3, 3, ne, nq) with C_ijkl = M_ab / (w_a w_b)."""
    m = m.reshape(*shape, 6, 6)
    out = np.empty((3, 3, 3, 3, *shape))
    for a, (i, j) in enumerate(MANDEL):
        for b, (k, l) in enumerate(MANDEL):
            c = m[..., a, b] / (WEIGHT[a] * WEIGHT[b])
            for (p, q) in {(i, j), (j, i)}:
                for (r, s) in {(k, l), (l, k)}:
                    out[p, q, r, s] = c
    return out


@BilinearForm
def stiffness(u, v, w):
    return np.einsum("ijkl...,kl...,ij...->...", w["C"], sym_grad(u), sym_grad(v))


@LinearForm
def internal_force(v, w):
    return ddot(w["sigma"], sym_grad(v))


def compile_model(workdir: Path) -> neml2.aoti.Model:
    """neml2-compile the viscoplastic model with its consistent tangent (d stress / d E)."""
    exe = shutil.which("neml2-compile", path=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    if exe is None:
        raise SystemExit("neml2-compile is not on PATH: install the neml2 package (pip install .) in this environment")
    subprocess.run([exe, str(MODEL_FILE), "--model", "model", "-d", "stress:E", "--output-dir", str(workdir), "-q"],
                   check=True)
    return neml2.aoti.Model(str(workdir / "model"))


@dataclass
class Iteration:
    step: int
    iteration: int
    residual: float  # norm of the out-of-balance force on the free degrees of freedom (N)
    seconds: float  # the whole global iteration
    material_seconds: float  # the compiled model's call


@dataclass
class Result:
    iterations: list = field(default_factory=list)
    reaction: list = field(default_factory=list)  # total force on the top face per step (N)
    bottom_reaction: list = field(default_factory=list)  # the same on the symmetry face y = 0
    max_stress_yy: list = field(default_factory=list)  # largest sigma_yy over the quadrature points
    nominal_stress: list = field(default_factory=list)  # reaction / net section (x from R to L)
    points: int = 0


def discretize(nr: int, ntheta: int, nz: int):
    """The basis (trilinear hexes, 2 x 2 x 2 Gauss points) and the Dirichlet dofs: symmetry on
    x = 0, y = 0, z = 0, and the top face's y displacement (`top`)."""
    basis = Basis(mesh(nr, ntheta, nz), ElementVector(ElementHex1()), intorder=2)

    def dofs_on(test):
        return basis.get_dofs(lambda x: test(x))

    fixed_x = dofs_on(lambda x: np.isclose(x[0], 0)).nodal["u^1"]
    fixed_y = dofs_on(lambda x: np.isclose(x[1], 0)).nodal["u^2"]
    fixed_z = dofs_on(lambda x: np.isclose(x[2], 0)).nodal["u^3"]
    top = dofs_on(lambda x: np.isclose(x[1], L)).nodal["u^2"]
    return basis, np.concatenate([fixed_x, fixed_y, fixed_z, top]), top, fixed_y


def solve_plate(model: neml2.aoti.Model, steps: int = 8, nr: int = 6, ntheta: int = 6, nz: int = 2,
                u_top: float = U_TOP, tol: float = 1e-8, max_iterations: int = 12, verbose: bool = True) -> Result:
    basis, prescribed, top, bottom = discretize(nr, ntheta, nz)
    shape = (basis.mesh.t.shape[1], basis.X.shape[-1])  # (elements, quadrature points per element)
    npts = shape[0] * shape[1]

    u = np.zeros(basis.N)
    state = {"E~1": np.zeros((npts, 6)), "stress~1": np.zeros((npts, 6)),
             "equivalent_plastic_strain~1": np.zeros(npts)}
    result = Result(points=npts)
    dt = T_END / steps
    for step in range(1, steps + 1):
        t = step * dt
        u[top] = u_top * t / T_END
        first = None
        for it in range(max_iterations + 1):
            t0 = time.perf_counter()
            E = to_mandel(sym_grad(basis.interpolate(u)))
            inputs = {"E": E, "t": np.full(npts, t), "t~1": np.full(npts, t - dt), **state}
            tm = time.perf_counter()
            out, J = model.jacobian(inputs)
            material = time.perf_counter() - tm
            sigma = from_mandel(out["stress"], shape)
            f = internal_force.assemble(basis, sigma=sigma)
            free = np.setdiff1d(np.arange(basis.N), prescribed)
            residual = float(np.linalg.norm(f[free]))
            first = residual if first is None else first
            converged = residual <= tol * max(first, 1.0) or residual < 1e-10
            if not converged and it < max_iterations:
                K = stiffness.assemble(basis, C=tangent_from_mandel(J["stress"]["E"], shape))
                du = solve(*condense(K, -f, D=prescribed))
                u += du
            seconds = time.perf_counter() - t0
            result.iterations.append(Iteration(step, it, residual, seconds, material))
            if verbose:
                print(f"step {step:2d}  iteration {it}  |r| = {residual:9.3e} N   {seconds * 1e3:7.1f} ms "
                      f"(material {material * 1e3:6.1f} ms, {100 * material / seconds:4.1f}%)", flush=True)
            if converged:
                break
        else:
            raise RuntimeError(f"step {step}: no convergence in {max_iterations} global iterations")
        # reactions: the internal force on the top face's and the bottom face's y dofs
        result.reaction.append(float(f[top].sum()))
        result.bottom_reaction.append(float(f[bottom].sum()))
        result.nominal_stress.append(result.reaction[-1] / ((L - R) * H))
        result.max_stress_yy.append(float(sigma[1, 1].max()))
        state = {"E~1": E, "stress~1": out["stress"], "equivalent_plastic_strain~1": out["equivalent_plastic_strain"]}
    if verbose:
        iters = [i for i in result.iterations if i.iteration > 0]
        total = sum(i.seconds for i in iters)
        share = sum(i.material_seconds for i in iters) / total
        print(f"{npts} quadrature points, {basis.N} unknowns; {len(iters)} global iterations, "
              f"{1e3 * total / len(iters):.1f} ms each on average, the material update {100 * share:.1f}% of it")
    return result


def linear_elastic_reaction(E: float, nu: float, u_top: float, nr: int = 6, ntheta: int = 6, nz: int = 2) -> float:
    """The top face's reaction of the same mesh with Hooke's law (one linear solve): the
    reference for loads below yield."""
    basis, prescribed, top, _ = discretize(nr, ntheta, nz)
    lam, mu = E * nu / ((1 + nu) * (1 - 2 * nu)), E / (2 * (1 + nu))

    @BilinearForm
    def hooke(u, v, _):
        eps = sym_grad(u)
        return ddot(2 * mu * eps + lam * np.einsum("ii...", eps) * np.eye(3)[:, :, None, None], sym_grad(v))

    K = hooke.assemble(basis)
    u = np.zeros(basis.N)
    u[top] = u_top
    u = solve(*condense(K, np.zeros(basis.N), x=u, D=prescribed))
    return float((K @ u)[top].sum())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=8)
    ap.add_argument("--nr", type=int, default=6)
    ap.add_argument("--ntheta", type=int, default=6)
    ap.add_argument("--nz", type=int, default=2)
    ap.add_argument("--out", type=Path, default=Path("fe_out"), help="where to write the compiled model")
    args = ap.parse_args()
    model = compile_model(args.out / "aoti")
    solve_plate(model, args.steps, args.nr, args.ntheta, args.nz)


if __name__ == "__main__":
    main()

"""A plate with a hole under tension, J2 viscoplasticity, solved with DOLFINx and a compiled model.

The problem of plate_with_hole.py (the scikit-fem version), on the same mesh: a quarter of a
square plate (side 2L, thickness H) with a central hole of radius R, pulled along y by a
prescribed displacement of its top face, symmetry on x = 0, y = 0 and z = 0. The material is the
compiled examples/plasticity/viscoplasticity_isoharden.i (neml2-compile -d stress:E).

Each global Newton iteration, on every MPI rank:

1. evaluates the Mandel strain at the quadrature points of the rank's cells (a dolfinx.fem.Expression),
2. calls the compiled model once for all of them (neml2.aoti.Model.jacobian: stress, equivalent
   plastic strain and the consistent tangent d stress / d E),
3. writes stress and tangent into quadrature-element functions (6 and 6 x 6 values per point),
4. assembles the internal force and the stiffness from them (PETSc, MUMPS LU) and updates u.

Rank 0 prints the global residual norm per iteration, the convergence order estimated from the
last residuals of each step, the reaction force and two displacements per step; --save FILE.npz
keeps them with the whole displacement field (sorted by node coordinates, so that runs on any
number of ranks compare entry by entry).

  mpirun -n 2 python3 plate_with_hole_dolfinx.py [--steps 8] [--nr 6] [--ntheta 6] [--nz 2]
                                                 [--out DIR | --artifact DIR] [--save FILE.npz]

Needs DOLFINx 0.5 (Debian 12: apt-get install python3-dolfinx) and the neml2 package importable
from the same interpreter (examples/fe/README.md shows how to use a build's package).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import basix
import numpy as np
import ufl
from dolfinx import fem
from dolfinx import mesh as dmesh
from dolfinx.fem.petsc import assemble_matrix, assemble_vector, create_matrix, create_vector, set_bc
from mpi4py import MPI
from petsc4py import PETSc

try:
    import neml2
except ImportError as e:  # the usual case: DOLFINx's interpreter is not the one neml2 was installed in
    raise SystemExit(f"{e}: put the neml2 package on PYTHONPATH (examples/fe/README.md)") from None

HERE = Path(__file__).resolve().parent
MODEL_FILE = HERE.parent / "plasticity" / "viscoplasticity_isoharden.i"

# Geometry (mm) and loading: the top face moves by U_TOP over T_END seconds (as plate_with_hole.py).
L, R, H = 10.0, 2.0, 1.0
U_TOP, T_END = 0.02, 1.0
QUADRATURE_DEGREE = 2  # 2 x 2 x 2 Gauss points per hexahedron
# Points where the displacement is reported: the hole's edge on the x axis (u_x, the contraction)
# and on the y axis (u_y), both on the mid-plane's symmetry face z = 0.
PROBES = {"u_x(R, 0, 0)": ((R, 0.0, 0.0), 0), "u_y(0, R, 0)": ((0.0, R, 0.0), 1)}


def plate_mesh(comm: MPI.Comm, nr: int, ntheta: int, nz: int) -> dmesh.Mesh:
    """The quarter plate of plate_with_hole.mesh as a DOLFINx mesh: rays from the hole (r = R) to
    the outer edge, ntheta elements per 45 degrees, graded towards the hole, nz layers. Rank 0
    builds the points and cells, DOLFINx partitions them over the ranks."""
    if comm.rank == 0:
        s, a, z = np.meshgrid(np.linspace(0, 1, nr + 1), np.linspace(0, 1, 2 * ntheta + 1), np.linspace(0, H, nz + 1),
                              indexing="ij")
        theta = a * np.pi / 2
        inner = R * np.stack([np.cos(theta), np.sin(theta)])
        outer = np.where(theta <= np.pi / 4, [np.full_like(theta, L), L * np.tan(theta)],
                         [L / np.tan(np.maximum(theta, 1e-300)), np.full_like(theta, L)])
        t = s**1.5
        xy = (1 - t) * inner + t * outer
        points = np.column_stack([xy[0].ravel(), xy[1].ravel(), z.ravel()])
        n = np.arange(points.shape[0]).reshape(s.shape)
        # DOLFINx's hexahedron numbers its vertices lexicographically: x fastest, then y, then z
        # (here: the radial index, the angular one, the layer)
        corners = [n[i:i + nr, j:j + 2 * ntheta, k:k + nz] for k in (0, 1) for j in (0, 1) for i in (0, 1)]
        cells = np.stack(corners, axis=-1).reshape(-1, 8).astype(np.int64)
    else:
        points, cells = np.zeros((0, 3)), np.zeros((0, 8), dtype=np.int64)
    domain = ufl.Mesh(ufl.VectorElement("Lagrange", "hexahedron", 1))
    return dmesh.create_mesh(comm, cells, points, domain, ghost_mode=dmesh.GhostMode.none)


def mandel(e):
    """A symmetric 3 x 3 UFL tensor as neml2's Mandel vector (xx, yy, zz, sqrt2 yz, sqrt2 xz, sqrt2 xy)."""
    s = np.sqrt(2.0)
    return ufl.as_vector([e[0, 0], e[1, 1], e[2, 2], s * e[1, 2], s * e[0, 2], s * e[0, 1]])


def compile_model(workdir: Path) -> Path:
    """neml2-compile the viscoplastic model with its consistent tangent (d stress / d E); returns
    the artifact folder. Uses neml2-compile from PATH, else the one inside the neml2 package."""
    exe = shutil.which("neml2-compile", path=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    exe = exe or str(Path(neml2.__file__).parent / "bin" / "neml2-compile")
    subprocess.run([exe, str(MODEL_FILE), "--model", "model", "-d", "stress:E", "--output-dir", str(workdir), "-q"],
                   check=True)
    return workdir / "model"


def convergence_order(residuals):
    """The order estimated from the last three residuals above round-off (None if too few)."""
    above = [x for x in residuals if x > 1e-12 * residuals[0]]
    if len(above) < 3:
        return None
    r0, r1, r2 = above[-3:]
    return float(np.log(r2 / r1) / np.log(r1 / r0))


def solve_plate(comm: MPI.Comm, model: neml2.aoti.Model, steps: int = 8, nr: int = 6, ntheta: int = 6, nz: int = 2,
                u_top: float = U_TOP, tol: float = 1e-8, max_iterations: int = 12, verbose: bool = True) -> dict:
    msh = plate_mesh(comm, nr, ntheta, nz)
    cell = msh.ufl_cell()
    V = fem.VectorFunctionSpace(msh, ("Lagrange", 1))
    # stress (Mandel, 6 values) and tangent (Mandel 6 x 6) at the quadrature points
    Q6 = fem.FunctionSpace(msh, ufl.VectorElement("Quadrature", cell, degree=QUADRATURE_DEGREE, dim=6,
                                                  quad_scheme="default"))
    Q66 = fem.FunctionSpace(msh, ufl.TensorElement("Quadrature", cell, degree=QUADRATURE_DEGREE, shape=(6, 6),
                                                   quad_scheme="default"))
    u, du = fem.Function(V), fem.Function(V)
    sigma, tangent = fem.Function(Q6), fem.Function(Q66)
    v, w = ufl.TestFunction(V), ufl.TrialFunction(V)
    dx = ufl.Measure("dx", domain=msh, metadata={"quadrature_degree": QUADRATURE_DEGREE,
                                                 "quadrature_scheme": "default"})
    eps = ufl.sym(ufl.grad(v))
    # Mandel vectors are orthonormal components: sigma : eps(v) = sigma_M . eps_M(v), and the
    # linearization is (C_M eps_M(w)) . eps_M(v) with neml2's tangent C_M as it comes
    residual_form = fem.form(ufl.inner(sigma, mandel(eps)) * dx)
    tangent_form = fem.form(ufl.inner(ufl.dot(tangent, mandel(ufl.sym(ufl.grad(w)))), mandel(eps)) * dx)
    # the points ffcx uses for the "default" scheme (the quadrature elements' points)
    points, _ = basix.make_quadrature(basix.quadrature.string_to_type("default"), basix.CellType.hexahedron,
                                      QUADRATURE_DEGREE)
    strain = fem.Expression(mandel(ufl.sym(ufl.grad(u))), points)

    # this rank's cells (GhostMode.none: no ghost cells) and their quadrature points' dofs
    ncells = msh.topology.index_map(msh.topology.dim).size_local
    cells = np.arange(ncells, dtype=np.int32)
    nq = points.shape[0]
    qdofs = Q6.dofmap.list.array.reshape(-1, nq)[:ncells].ravel()
    npts = ncells * nq

    # Dirichlet conditions: symmetry planes and the top face's y displacement
    fdim = msh.topology.dim - 1
    top_value = fem.Constant(msh, PETSc.ScalarType(0.0))

    def on(coordinate, value, component):
        facets = dmesh.locate_entities_boundary(msh, fdim, lambda x: np.isclose(x[coordinate], value))
        return fem.locate_dofs_topological(V.sub(component), fdim, facets)

    top, bottom = on(1, L, 1), on(1, 0.0, 1)
    bcs = [fem.dirichletbc(PETSc.ScalarType(0.0), on(0, 0.0, 0), V.sub(0)),
           fem.dirichletbc(PETSc.ScalarType(0.0), bottom, V.sub(1)),
           fem.dirichletbc(PETSc.ScalarType(0.0), on(2, 0.0, 2), V.sub(2)),
           fem.dirichletbc(top_value, top, V.sub(1))]
    owned = V.dofmap.index_map.size_local * V.dofmap.index_map_bs
    free = np.ones(owned, dtype=bool)
    for bc in bcs:
        dofs = bc.dof_indices()[0]
        free[dofs[dofs < owned]] = False
    top, bottom = top[top < owned], bottom[bottom < owned]

    # probes: the owned node at each probe point, if this rank has it
    nodes = V.tabulate_dof_coordinates()[:V.dofmap.index_map.size_local]
    probes = {}
    for name, (p, comp) in PROBES.items():
        hit = np.flatnonzero(np.all(np.isclose(nodes, p), axis=1))
        probes[name] = 3 * int(hit[0]) + comp if hit.size else None

    b = create_vector(residual_form)
    A = create_matrix(tangent_form)
    ksp = PETSc.KSP().create(comm)
    ksp.setOperators(A)
    ksp.setType("preonly")
    ksp.getPC().setType("lu")
    ksp.getPC().setFactorSolverType("mumps")

    def total(x: float, op=MPI.SUM) -> float:
        return comm.allreduce(x, op=op)

    npts_global = int(total(npts))
    ndofs = V.dofmap.index_map.size_global * V.dofmap.index_map_bs
    if verbose and comm.rank == 0:
        print(f"{comm.size} MPI rank(s), {msh.topology.index_map(3).size_global} hexahedra, {npts_global} quadrature "
              f"points ({npts} on rank 0), {ndofs} unknowns, {neml2.get_num_threads()} neml2 thread(s) per rank",
              flush=True)

    state = {"E~1": np.zeros((npts, 6)), "stress~1": np.zeros((npts, 6)),
             "equivalent_plastic_strain~1": np.zeros(npts)}
    out = dict(step=[], iteration=[], residual=[], seconds=[], material_seconds=[], reaction=[], bottom_reaction=[],
               max_stress_yy=[], order=[], **{name: [] for name in PROBES})
    dt = T_END / steps
    for step in range(1, steps + 1):
        t = step * dt
        top_value.value = u_top * t / T_END
        set_bc(u.vector, bcs)  # u = the prescribed values on the Dirichlet dofs; Newton keeps them
        u.x.scatter_forward()
        residuals = []
        for it in range(max_iterations + 1):
            comm.Barrier()
            t0 = time.perf_counter()
            E = strain.eval(cells).reshape(npts, 6)
            inputs = {"E": E, "t": np.full(npts, t), "t~1": np.full(npts, t - dt), **state}
            tm = time.perf_counter()
            result, J = model.jacobian(inputs)  # all of this rank's quadrature points in one call
            material = time.perf_counter() - tm
            sigma.x.array.reshape(-1, 6)[qdofs] = result["stress"]
            sigma.x.scatter_forward()
            with b.localForm() as local:
                local.set(0.0)
            assemble_vector(b, residual_form)
            b.ghostUpdate(addv=PETSc.InsertMode.ADD, mode=PETSc.ScatterMode.REVERSE)
            r = b.array_r[:owned][free]
            residual = float(np.sqrt(total(float(r @ r))))
            residuals.append(residual)
            converged = residual <= tol * max(residuals[0], 1.0) or residual < 1e-10
            if not converged and it < max_iterations:
                tangent.x.array.reshape(-1, 36)[qdofs] = J["stress"]["E"].reshape(npts, 36)
                tangent.x.scatter_forward()
                A.zeroEntries()
                assemble_matrix(A, tangent_form, bcs=bcs)  # Dirichlet rows and columns: identity
                A.assemble()
                reaction, bottom_reaction = float(b.array_r[top].sum()), float(b.array_r[bottom].sum())
                b.scale(-1.0)
                set_bc(b, bcs, u.vector, 1.0)  # the correction is zero on the Dirichlet dofs
                ksp.solve(b, du.vector)
                du.x.scatter_forward()
                u.vector.axpy(1.0, du.vector)
                u.x.scatter_forward()
            else:
                reaction, bottom_reaction = float(b.array_r[top].sum()), float(b.array_r[bottom].sum())
            seconds = total(time.perf_counter() - t0, MPI.MAX)
            material = total(material, MPI.MAX)  # the slowest rank's material update
            for k, x in zip(("step", "iteration", "residual", "seconds", "material_seconds"),
                            (step, it, residual, seconds, material)):
                out[k].append(x)
            if verbose and comm.rank == 0:
                print(f"step {step:2d}  iteration {it}  |r| = {residual:9.3e} N   {seconds * 1e3:7.1f} ms "
                      f"(material {material * 1e3:6.1f} ms, {100 * material / seconds:4.1f}%)", flush=True)
            if converged:
                break
        else:
            raise RuntimeError(f"step {step}: no convergence in {max_iterations} global iterations: {residuals}")
        out["reaction"].append(total(reaction))
        out["bottom_reaction"].append(total(bottom_reaction))
        out["max_stress_yy"].append(total(float(result["stress"][:, 1].max(initial=-np.inf)), MPI.MAX))
        order = convergence_order(residuals)
        out["order"].append(np.nan if order is None else order)
        for name, dof in probes.items():
            out[name].append(total(0.0 if dof is None else float(u.x.array[dof])))
        if verbose and comm.rank == 0:
            print(f"step {step:2d}  converged, order {out['order'][-1]:.2f}: reaction {out['reaction'][-1]!r} N, "
                  + ", ".join(f"{name} = {out[name][-1]!r} mm" for name in PROBES), flush=True)
        state = {"E~1": E, "stress~1": result["stress"],
                 "equivalent_plastic_strain~1": result["equivalent_plastic_strain"]}

    # the displacement field on rank 0, sorted by node coordinates
    xyz = comm.gather(nodes, root=0)
    uu = comm.gather(u.x.array[:owned].reshape(-1, 3), root=0)
    if comm.rank == 0:
        xyz, uu = np.concatenate(xyz), np.concatenate(uu)
        order = np.lexsort(np.round(xyz, 10).T[::-1])
        out["node_xyz"], out["u"] = xyz[order], uu[order]
    if verbose and comm.rank == 0:
        iters = [k for k, it in enumerate(out["iteration"]) if it > 0]
        seconds = sum(out["seconds"][k] for k in iters)
        share = sum(out["material_seconds"][k] for k in iters) / seconds
        print(f"{npts_global} quadrature points, {ndofs} unknowns, {comm.size} rank(s); {len(iters)} global "
              f"iterations, {1e3 * seconds / len(iters):.1f} ms each on average, the material update "
              f"{100 * share:.1f}% of it", flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=8)
    ap.add_argument("--nr", type=int, default=6)
    ap.add_argument("--ntheta", type=int, default=6)
    ap.add_argument("--nz", type=int, default=2)
    ap.add_argument("--u-top", type=float, default=U_TOP, help="the top face's final displacement (mm)")
    ap.add_argument("--out", type=Path, default=Path("fe_out"), help="where to write the compiled model")
    ap.add_argument("--artifact", type=Path, help="an artifact already compiled (neml2-compile -d stress:E)")
    ap.add_argument("--save", type=Path, help="write the results here (.npz, rank 0)")
    args = ap.parse_args()
    comm = MPI.COMM_WORLD
    artifact = args.artifact
    if artifact is None:
        artifact = compile_model(args.out / "aoti") if comm.rank == 0 else None
        artifact = comm.bcast(artifact, root=0)
    model = neml2.aoti.Model(str(artifact))
    out = solve_plate(comm, model, args.steps, args.nr, args.ntheta, args.nz, args.u_top)
    if args.save and comm.rank == 0:
        np.savez(args.save, ranks=comm.size, **{k: np.asarray(x) for k, x in out.items()})


if __name__ == "__main__":
    main()

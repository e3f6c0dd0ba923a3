"""A NumPy-only program: everything works with NumPy arrays and torch is never imported."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import SEED_INPUT, tool_env

PROGRAM = textwrap.dedent(
    """
    import subprocess, sys
    import numpy as np
    import neml2
    from neml2.types import SR2, SSR4

    subprocess.run(["neml2-compile", "input.i", "--model", "elasticity", "-q", "-d", "stress:strain"], check=True)
    subprocess.run(["neml2-compile", "input.i", "--model", "elasticity", "-q", "--output-dir", "aoti_promoted",
                    "-p", "E", "-d", "stress:strain"], check=True)

    strain = SR2(np.array([[0.01, 0.0, 0.0, 0.0, 0.0, 0.0], [0.005, -0.002, 0.0, 0.0, 0.0, 0.001]]))
    eager = neml2.load_model("input.i", "elasticity")
    compiled = neml2.load_model("aoti/elasticity_aoti.i", "elasticity")
    print(compiled)
    (sc,) = compiled(strain)
    se = eager(strain)
    assert type(sc.data) is np.ndarray and type(se.data) is np.ndarray
    assert np.array_equal(sc.data, se.data)
    np.set_printoptions(precision=4, suppress=True)
    print("compiled:", sc.data[0, :3])

    binding = compiled._inner
    v = np.zeros_like(strain.data); v[:, 0] = 1.0
    out, jvp = binding.jvp({"strain": strain.data}, {"strain": v})
    out, J = binding.jacobian({"strain": strain.data})
    assert type(jvp["stress"]) is np.ndarray and J["stress"]["strain"].shape == (2, 6, 6)
    _, Je = eager.value_and_jacobian(strain)
    assert np.array_equal(J["stress"]["strain"], Je["stress"]["strain"])
    assert SSR4(Je["stress"]["strain"]).batch_shape == (2,)

    m = neml2.load_model("aoti_promoted/elasticity_aoti.i", "elasticity")
    (s0,) = m(strain)
    E = m._inner.named_parameters()["E"]
    assert type(E) is np.ndarray
    E.fill(100e3)           # in place, NumPy style
    (s1,) = m(strain)
    print("ratio:", s1.data[0, 0] / s0.data[0, 0])
    eager.named_parameters()["E"][...] = 100e3
    assert np.array_equal(eager(strain).data, s1.data)

    assert "torch" not in sys.modules, "torch was imported"
    print("torch imported:", "torch" in sys.modules)
    """
)


def test_numpy_only_never_imports_torch(tmp_path):
    (tmp_path / "input.i").write_text(SEED_INPUT)
    r = subprocess.run([sys.executable, "-c", PROGRAM], cwd=tmp_path, env=tool_env(), capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == [
        "AOTIModel()",
        "compiled: [2692.3077 1153.8462 1153.8462]",
        "ratio: 0.5",
        "torch imported: False",
    ]

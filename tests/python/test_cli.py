"""The command-line tools the package puts on PATH."""

from __future__ import annotations

from pathlib import Path

from conftest import SEED_INPUT, run_tool, tool


def test_tools_on_path():
    for name in ("neml2-compile", "neml2-inspect", "neml2-syntax"):
        assert tool(name)


def test_help_and_usage_exit_codes(tmp_path):
    for name in ("neml2-compile", "neml2-inspect", "neml2-syntax"):
        r = run_tool([name, "--help"], tmp_path)
        assert r.returncode == 0 and "--help" in r.stdout
    r = run_tool(["neml2-compile", "input.i"], tmp_path, check=False)
    assert r.returncode == 2 and "--model" in r.stderr


def test_inspect(tmp_path):
    (tmp_path / "input.i").write_text(SEED_INPUT)
    r = run_tool(["neml2-inspect", "input.i", "elasticity"], tmp_path)
    assert "strain" in r.stdout and "stress" in r.stdout
    run_tool(["neml2-compile", "input.i", "--model", "elasticity", "-q"], tmp_path)
    r = run_tool(["neml2-inspect", "aoti/elasticity_aoti.i", "elasticity"], tmp_path)
    assert "AOTIModel" in r.stdout


def test_neml2_run_console_script(tmp_path):
    r = run_tool(["neml2-run", "--help"], tmp_path)
    assert "[Drivers]" in r.stdout
    r = run_tool(["neml2-run", "missing.i", "driver"], tmp_path, check=False)
    assert r.returncode == 1 and "missing.i" in r.stderr


def test_neml2_run_says_what_it_ran_and_where_it_wrote(tmp_path):
    example = Path(__file__).resolve().parents[2] / "examples" / "plasticity" / "viscoplasticity_isoharden.i"
    r = run_tool(["neml2-run", str(example), "driver", "Drivers/driver/save_as=history.npz"], tmp_path)
    assert "[Drivers/driver]: ran model 'model' over 100 step(s) after the initial state, batch (20,)" in r.stdout
    # A relative save_as is relative to the current directory, and the report gives the full path.
    assert f"wrote {tmp_path.resolve() / 'history.npz'}: t, E, " in r.stdout, r.stdout
    assert (tmp_path / "history.npz").is_file()
    assert run_tool(["neml2-run", "-q", str(example), "driver", "Drivers/driver/save_as=q.npz"], tmp_path).stdout == ""

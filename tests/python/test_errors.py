"""neml2's C++ errors arrive as Python exceptions carrying the C++ message; nothing crashes."""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import neml2
from neml2.types import SR2


def test_exception_hierarchy():
    assert issubclass(neml2.InputError, ValueError)
    assert issubclass(neml2.Error, RuntimeError)
    assert issubclass(neml2.CompileError, neml2.Error)
    assert issubclass(neml2.SolverError, neml2.Error)
    assert issubclass(neml2.SolverError, RuntimeError)


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(neml2.InputError, match="nope.i"):
        neml2.load_model(tmp_path / "nope.i", "elasticity")


def test_malformed_input_names_file_line_col(tmp_path):
    f = tmp_path / "bad.i"
    f.write_text("[Models]\n  [m]\n    type = LinearIsotropicElasticity\n    coefficients = '1 2\n  []\n[]\n")
    with pytest.raises(ValueError, match=r"bad\.i:\d+(:\d+)?:"):
        neml2.load_model(f, "m")


def test_unknown_model_and_type(seed_dir, tmp_path):
    with pytest.raises(ValueError, match="elasticty|elasticity"):
        neml2.load_model(seed_dir / "input.i", "elasticty")
    f = tmp_path / "t.i"
    f.write_text("[Models]\n  [m]\n    type = LinearIsotropicElastcity\n  []\n[]\n")
    with pytest.raises(neml2.InputError, match=r"t\.i:3"):
        neml2.load_model(f, "m")


def test_value_errors_from_calls(seed_dir):
    m = neml2.load_model(seed_dir / "input.i", "elasticity")
    with pytest.raises(ValueError, match=r"input 'strain' must have trailing dims \(6,\).*\(2, 5\)"):
        m(np.zeros((2, 5)))
    with pytest.raises(ValueError, match="no input variable 'strian'.*did you mean 'strain'"):
        m(strian=np.zeros(6))
    with pytest.raises(ValueError, match="float64 or float32"):
        m(np.zeros(6, dtype=np.int64))
    with pytest.raises(ValueError, match="mix dtypes|float32"):
        m.jvp({"strain": np.zeros(6)}, {"strain": np.zeros(6, dtype=np.float32)})
    with pytest.raises(TypeError, match="must be a NumPy array, a torch tensor"):
        m(object())
    with pytest.raises(ValueError, match="has no parameter|parameter"):
        m.set_parameter("G", 1.0)
    with pytest.raises(TypeError, match="parameter 'E' must be a NumPy array"):
        m.set_parameter("E", "200e3")
    m.set_parameter("E", np.full(6, 2e5))  # a Scalar parameter with batch shape (6,) is fine
    with pytest.raises(ValueError, match=r"parameter 'E' \(entry 0\) = 0 is outside its admissible range \(0, inf\)"):
        m.set_parameter("E", np.zeros(6))


def test_compiled_errors(seed_dir, tmp_path):
    c = neml2.load_model(seed_dir / "aoti" / "elasticity_aoti.i", "elasticity")
    with pytest.raises(ValueError, match="compiled for float64"):
        c(torch.zeros(2, 6, dtype=torch.float32))
    with pytest.raises(ValueError, match="no promoted parameter 'E'"):
        c._inner.set_parameter("E", 1.0)
    with pytest.raises(neml2.CompileError):
        neml2.aoti.Model(tmp_path / "no_such_artifact")
    with pytest.raises(neml2.CompileError, match="cuda|device"):
        neml2.aoti.Model(seed_dir / "aoti" / "elasticity", device="cuda")
    # a stub whose artifact was removed: an InputError located in the stub
    stub = tmp_path / "stub.i"
    stub.write_text((seed_dir / "aoti" / "elasticity_aoti.i").read_text().replace(
        str(seed_dir), str(tmp_path / "gone")))
    with pytest.raises(ValueError, match="stub.i"):
        neml2.load_model(stub, "elasticity")


def test_cuda_tensor_is_a_clear_error(seed_dir):
    if not torch.cuda.is_available():
        pytest.skip("no CUDA device")
    m = neml2.load_model(seed_dir / "input.i", "elasticity")
    with pytest.raises(ValueError, match="CPU"):
        m(torch.zeros(2, 6, dtype=torch.float64, device="cuda"))


def test_a_batch_too_large_to_allocate_is_a_memory_error(seed_dir, tmp_path):
    # A zero-stride view claims 2^56 points without owning them; the outputs cannot be allocated.
    m = neml2.load_model(seed_dir / "input.i", "elasticity")
    huge = np.broadcast_to(np.zeros(6), (2**56, 6))
    with pytest.raises(MemoryError, match=r"allocat"):
        m(huge)
    # From an input file, the error names the block whose size it is.
    f = tmp_path / "huge.i"
    f.write_text(
        "[Tensors]\n  [strains]\n    type = FullSR2\n    batch_shape = '(4000000000000000000)'\n"
        "    value = 1e-3\n  []\n[]\n[Models]\n  [m]\n    type = LinearIsotropicElasticity\n"
        "    coefficients = '1e5 0.3'\n    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'\n  []\n[]\n"
        "[Drivers]\n  [d]\n    type = ModelUnitTest\n    model = 'm'\n    input_SR2_names = 'strain'\n"
        "    input_SR2_values = 'strains'\n    output_SR2_names = 'stress'\n    output_SR2_values = 'strains'\n"
        "  []\n[]\n"
    )
    with pytest.raises(neml2.InputError, match=r"huge\.i:2:3: \[Tensors/strains\]: .*more elements than a 64-bit"):
        neml2.load_input(f).get_driver("d")

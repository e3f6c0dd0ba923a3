"""The CUDA build of a compiled model from Python: artifacts are built wherever nvcc is, and run
where a GPU is (PyTorch CUDA tensors in and out, zero-copy, on the current stream)."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import run_tool

torch = pytest.importorskip("torch")
import neml2  # noqa: E402

gpu = pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA GPU visible to torch: runs on a GPU machine")


@pytest.fixture(scope="module")
def cuda_dir(seed_dir):
    """The seed's elasticity model compiled for cpu and cuda (skipped without nvcc)."""
    r = run_tool(["neml2-compile", "input.i", "--model", "elasticity", "--device", "cpu", "cuda", "--output-dir",
                  "aoti_cuda"], seed_dir, check=False)
    if r.returncode != 0 and "CUDA toolkit" in r.stderr:
        pytest.skip(f"no CUDA toolkit: {r.stderr.strip()}")
    assert r.returncode == 0, r.stderr
    return seed_dir / "aoti_cuda" / "elasticity"


def test_cuda_artifact_is_built(cuda_dir):
    meta = json.loads((cuda_dir / "cuda" / "elasticity_meta.json").read_text())
    assert meta["device"] == "cuda"
    assert (cuda_dir / "cpu" / "elasticity_meta.json").exists()


@pytest.mark.skipif(torch.cuda.is_available(), reason="a GPU is visible: the no-GPU error cannot happen here")
def test_loading_without_a_gpu_says_so(cuda_dir):
    if shutil.which("nvidia-smi"):
        pytest.skip("an NVIDIA driver is installed (torch may just be a CPU build)")
    with pytest.raises(neml2.Error, match="no CUDA GPU"):
        neml2.aoti.Model(cuda_dir, device="cuda")


def random_strain(*batch, dtype=torch.float64, device="cuda"):
    g = torch.Generator().manual_seed(3)
    return (1e-3 * torch.randn(*batch, 6, generator=g, dtype=dtype)).to(device)


@gpu
def test_cuda_tensors_in_and_out_match_cpu(cuda_dir):
    m = neml2.aoti.Model(cuda_dir, device="cuda")
    cpu = neml2.aoti.Model(cuda_dir, device="cpu")
    x = random_strain(5, 3)
    out = m.forward({"strain": x})["stress"]
    assert isinstance(out, torch.Tensor) and out.device == x.device and out.shape == (5, 3, 6)
    ref = torch.as_tensor(cpu.forward({"strain": x.cpu()})["stress"])
    torch.testing.assert_close(out.cpu(), ref, rtol=1e-12, atol=0)
    # CPU arrays still work with a CUDA model (copied there and back)
    torch.testing.assert_close(torch.as_tensor(m.forward({"strain": x.cpu()})["stress"]), ref, rtol=1e-12, atol=0)


@gpu
def test_runs_on_the_current_stream(cuda_dir):
    m = neml2.aoti.Model(cuda_dir, device="cuda")
    x = random_strain(100000)
    s = torch.cuda.Stream()
    s.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(s):
        y = m.forward({"strain": x})["stress"]
        z = 2 * y  # ordered after the kernel on the same stream
    s.synchronize()
    ref = torch.as_tensor(neml2.aoti.Model(cuda_dir).forward({"strain": x.cpu()})["stress"])
    torch.testing.assert_close(z.cpu(), 2 * ref, rtol=1e-12, atol=0)


@gpu
def test_bad_cuda_inputs_are_clear_errors(cuda_dir):
    m = neml2.aoti.Model(cuda_dir, device="cuda")
    with pytest.raises(ValueError, match="float64"):
        m.forward({"strain": random_strain(4, dtype=torch.float32)})
    with pytest.raises(ValueError, match="contiguous"):
        m.forward({"strain": random_strain(8)[::2]})  # every other point: strided
    with pytest.raises(ValueError, match="no input 'stran'"):
        m.forward({"stran": random_strain(4)})

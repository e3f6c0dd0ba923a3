"""The compiled-model runtime binding.

``neml2.aoti.Model(artifact_dir, device="cpu")`` loads what ``neml2-compile`` wrote
(``<out>/<model>`` or its ``<device>/`` folder) and calls its kernels:

- ``forward({"strain": x})`` -> ``{"stress": ...}``
- ``jvp(inputs, tangents)`` -> ``(outputs, J·v)`` (needs ``-d`` at compile time)
- ``jacobian(inputs)`` -> ``(outputs, J)`` with ``J[output][input]`` shaped
  ``(*batch, *output_base, *input_base)``
- ``named_parameters()`` -> the promoted (``-p``) parameters as arrays aliasing the runtime's
  storage: ``named_parameters()["E"].fill_(100e3)`` changes the next call
- ``set_parameter(name, value)``, ``forward_into(inputs, outputs)`` (writes caller-owned arrays)

Arrays go in and come back without copies, in the caller's framework (torch or NumPy); inputs
must have the artifact's dtype (``.dtype``).

With ``device="cuda"`` (an artifact compiled with ``--device cuda``), ``forward`` takes CUDA arrays
(PyTorch CUDA tensors, or anything exporting DLPack from GPU memory): they are read in place, the
results are new torch tensors on the same GPU, and the kernel is queued on
``torch.cuda.current_stream()`` of that GPU without waiting (except for implicit models, which check
convergence). Each input gives one value or one per point, C-contiguous. CPU arrays work too and
are copied to the GPU and back; ``jvp`` and ``jacobian`` take CPU arrays.
"""

from ._neml2.aoti import Model

__all__ = ["Model"]

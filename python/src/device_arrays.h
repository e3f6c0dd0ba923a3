// CUDA arrays in and out of a compiled CUDA model: the inputs' device memory is passed to the
// kernels as is (DLPack, no copy), the outputs are new torch tensors on the same GPU, and the
// kernels are queued on torch's current stream of that GPU.
#pragma once

#include <string>
#include <vector>

#include <nanobind/nanobind.h>

#include "neml2/runtime/aoti_model.h"

namespace neml2::python
{
namespace nb = nanobind;

/// Whether `obj` lives in GPU memory, per its `__dlpack_device__()` (CUDA or CUDA managed).
/// Objects without the method (NumPy arrays, numbers) are not.
bool is_cuda_array(nb::handle obj);

/// Whether any value of the dict `inputs` is a CUDA array.
bool has_cuda_array(nb::handle inputs);

/// Names and base shapes of a compiled model's inputs or outputs, in the kernel's order.
struct DeviceSlots
{
  std::vector<std::string> names;
  std::vector<Shape> bases;
};

/**
 * Evaluates CUDA model `m` on CUDA arrays, `inputs` a dict name -> array. Every input must be a
 * C-contiguous CUDA array of the artifact's dtype on one GPU, with batch shape () or (1, ...),
 * or the batch shape shared by the others (no hidden expansion on the GPU: expand and make it
 * contiguous first). Returns a dict name -> torch tensor on that GPU, shaped (*batch, *base).
 * The call is queued on torch.cuda.current_stream(device) and returns without waiting (except
 * where aoti::Model::forward_into waits: implicit solves, promoted parameters).
 */
nb::dict forward_on_device(const aoti::Model & m, const DeviceSlots & in, const DeviceSlots & out, nb::handle inputs);
} // namespace neml2::python

// Reading the tensors of a torch.save'd dictionary (NEML2's regression references, result.pt)
// without PyTorch.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "neml2/drivers/npz.h"

namespace neml2::torch_archive
{
/**
 * The entries of a file written by `torch.save({name: tensor, ...}, path)` (PyTorch's zip format,
 * pickle protocol 2 or later): each tensor as float64 values in row-major order with its shape,
 * in the dictionary's order. Float64, float32, int64, int32 and bool tensors are read (converted
 * to float64); strided and offset views are laid out contiguously. Throws Error naming the file
 * for anything else: the legacy format, a TorchScript archive (with how to re-save it as a
 * dictionary), other pickled objects, big-endian data.
 */
std::vector<std::pair<std::string, npz::Array>> read(const std::string & path);
} // namespace neml2::torch_archive

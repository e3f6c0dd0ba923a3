// NumPy .npz archives (uncompressed zip of .npy arrays), written and read without dependencies.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "neml2/tensors/types.h"

namespace neml2::npz
{
/// One float64 array: its shape and row-major values.
struct Array
{
  Shape shape;
  std::vector<double> values;
};

/// Writes `arrays` to `path` as an uncompressed NumPy zip archive (numpy.load reads it; each
/// array is stored as "<name>.npy", version 1.0, dtype '<f8'). Throws Error when the file
/// cannot be written or the archive would need zip64 (4 GiB).
void write(const std::string & path, const std::vector<std::pair<std::string, Array>> & arrays);

/// Reads an archive written by write() (stored entries of '<f8' C-order arrays only); throws
/// Error for anything else.
std::vector<std::pair<std::string, Array>> read(const std::string & path);
} // namespace neml2::npz

// Zip archives of stored (uncompressed) entries, as NumPy's .npz and PyTorch's torch.save write
// them: CRC-32 and reading every entry (internal to src/drivers).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace neml2::zip
{
/// The CRC-32 (IEEE) zip stores for each entry.
std::uint32_t crc32(const std::string & data);

/// Every entry of the archive at `path` as (name, bytes), in central-directory order. Throws Error
/// naming the file when it is not a zip archive, an entry is compressed or truncated, or a CRC
/// does not match. `what` names the archive kind in messages ("NumPy .npz", "PyTorch").
std::vector<std::pair<std::string, std::string>> read_stored(const std::string & path, const std::string & what);
} // namespace neml2::zip

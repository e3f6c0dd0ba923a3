// Reading zip archives of stored entries (the layout .npz and torch.save files use).
#include "zip_archive.h"

#include <array>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "neml2/base/error.h"

namespace neml2::zip
{
std::uint32_t
crc32(const std::string & data)
{
  static const auto table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i)
    {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k)
        c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : data)
    c = table[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

namespace
{
struct Reader
{
  const std::string & bytes;
  const std::string & path;

  std::uint32_t u16(std::size_t at) const
  {
    if (at + 2 > bytes.size())
      throw Error(fmt::format("'{}': truncated zip archive", path));
    return static_cast<unsigned char>(bytes[at]) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 8);
  }
  std::uint32_t u32(std::size_t at) const { return u16(at) | (u16(at + 2) << 16); }
};
} // namespace

std::vector<std::pair<std::string, std::string>>
read_stored(const std::string & path, const std::string & what)
{
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(fmt::format("cannot open '{}'", path));
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const Reader z{bytes, path};
  // The end record is the last 22 bytes (neither writer adds an archive comment).
  if (bytes.size() < 22 || z.u32(bytes.size() - 22) != 0x06054b50)
    throw Error(fmt::format("'{}' is not a {} file (not a zip archive)", path, what));
  const auto entries = z.u16(bytes.size() - 22 + 10);
  std::size_t cd = z.u32(bytes.size() - 22 + 16);
  std::vector<std::pair<std::string, std::string>> out;
  for (std::uint32_t e = 0; e < entries; ++e)
  {
    if (z.u32(cd) != 0x02014b50)
      throw Error(fmt::format("'{}': bad zip central directory", path));
    const auto size = z.u32(cd + 20);
    const auto nlen = z.u16(cd + 28), xlen = z.u16(cd + 30), clen = z.u16(cd + 32);
    const auto crc = z.u32(cd + 16);
    const auto local = z.u32(cd + 42);
    if (cd + 46 + nlen > bytes.size())
      throw Error(fmt::format("'{}': truncated zip central directory", path));
    std::string name = bytes.substr(cd + 46, nlen);
    if (z.u16(cd + 10) != 0)
      throw Error(fmt::format("'{}': entry '{}' is compressed; only stored entries are read", path, name));
    if (size == 0xFFFFFFFFu || local == 0xFFFFFFFFu)
      throw Error(fmt::format("'{}': entry '{}' needs zip64, which is not supported", path, name));
    cd += 46 + nlen + xlen + clen;
    const std::size_t data_at = std::size_t(local) + 30 + z.u16(local + 26) + z.u16(local + 28);
    if (data_at + size > bytes.size())
      throw Error(fmt::format("'{}': truncated entry '{}'", path, name));
    auto data = bytes.substr(data_at, size);
    if (crc32(data) != crc)
      throw Error(fmt::format("'{}': CRC mismatch in '{}' (the file is damaged)", path, name));
    out.emplace_back(std::move(name), std::move(data));
  }
  return out;
}
} // namespace neml2::zip

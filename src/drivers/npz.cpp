// The .npz writer and reader: .npy 1.0 headers inside a zip archive of stored (uncompressed) entries.
#include "neml2/drivers/npz.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "neml2/base/error.h"
#include "zip_archive.h"

namespace neml2::npz
{
namespace
{
void
put16(std::string & s, std::uint32_t v)
{
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>((v >> 8) & 0xFF);
}

void
put32(std::string & s, std::uint32_t v)
{
  put16(s, v & 0xFFFF);
  put16(s, v >> 16);
}

std::uint32_t
get16(const std::string & s, std::size_t at)
{
  if (at + 2 > s.size())
    throw Error("npz: truncated archive");
  return static_cast<unsigned char>(s[at]) | (static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8);
}

/// The .npy 1.0 encoding of one array (little-endian float64, C order).
std::string
npy(const Array & a)
{
  std::string shape = "(";
  for (auto d : a.shape)
    shape += fmt::format("{}, ", d);
  if (a.shape.size() == 1)
    shape.resize(shape.size() - 1); // "(3,)"
  else if (!a.shape.empty())
    shape.resize(shape.size() - 2); // "(3, 6)"
  shape += ")";
  std::string header = fmt::format("{{'descr': '<f8', 'fortran_order': False, 'shape': {}, }}", shape);
  const std::size_t unpadded = 10 + header.size() + 1; // magic, version, length, header, '\n'
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::string out = "\x93NUMPY";
  out += '\x01';
  out += '\x00';
  put16(out, static_cast<std::uint32_t>(header.size()));
  out += header;
  const auto n = out.size();
  out.resize(n + a.values.size() * 8);
  for (std::size_t i = 0; i < a.values.size(); ++i)
  {
    std::uint64_t bits;
    std::memcpy(&bits, &a.values[i], 8);
    for (int b = 0; b < 8; ++b)
      out[n + i * 8 + static_cast<std::size_t>(b)] = static_cast<char>((bits >> (8 * b)) & 0xFF);
  }
  return out;
}

Array
parse_npy(const std::string & d, const std::string & name)
{
  if (d.size() < 10 || d.compare(0, 6, "\x93NUMPY") != 0)
    throw Error(fmt::format("npz: '{}' is not a .npy array", name));
  const auto hlen = get16(d, 8);
  const auto header = d.substr(10, hlen);
  if (header.find("'descr': '<f8'") == std::string::npos || header.find("'fortran_order': False") == std::string::npos)
    throw Error(fmt::format("npz: '{}' is not a C-order float64 array: {}", name, header));
  const auto s0 = header.find("'shape': (");
  const auto s1 = header.find(')', s0);
  if (s0 == std::string::npos || s1 == std::string::npos)
    throw Error(fmt::format("npz: '{}' has no shape: {}", name, header));
  Array a;
  std::string dims = header.substr(s0 + 10, s1 - s0 - 10);
  std::size_t p = 0;
  while (p < dims.size())
  {
    while (p < dims.size() && (dims[p] == ' ' || dims[p] == ','))
      ++p;
    if (p < dims.size())
    {
      std::size_t used = 0;
      a.shape.push_back(std::stoll(dims.substr(p), &used));
      p += used;
    }
  }
  const auto n = static_cast<std::size_t>(numel(a.shape));
  if (d.size() != 10 + hlen + n * 8)
    throw Error(
        fmt::format("npz: '{}' holds {} bytes of data for shape {}", name, d.size() - 10 - hlen, shape_str(a.shape)));
  a.values.resize(n);
  for (std::size_t i = 0; i < n; ++i)
  {
    std::uint64_t bits = 0;
    for (int b = 7; b >= 0; --b)
      bits = (bits << 8) | static_cast<unsigned char>(d[10 + hlen + i * 8 + static_cast<std::size_t>(b)]);
    std::memcpy(&a.values[i], &bits, 8);
  }
  return a;
}
} // namespace

void
write(const std::string & path, const std::vector<std::pair<std::string, Array>> & arrays)
{
  std::string zip, central;
  for (const auto & [name, a] : arrays)
  {
    // "" would be stored as ".npy", which every reader (NumPy's too) gives back as a different key.
    if (name.empty())
      throw Error(fmt::format("cannot write '{}': an array has an empty name (name every array)", path));
    NEML2_ASSERT(static_cast<std::size_t>(numel(a.shape)) == a.values.size(), "array '{}' has {} values for shape {}",
                 name, a.values.size(), shape_str(a.shape));
    const auto data = npy(a);
    const auto file = name + ".npy";
    if (zip.size() + data.size() + 2 * file.size() + 200 > 0xFFFFFFFFull)
      throw Error(fmt::format("cannot write '{}': the archive would exceed 4 GiB (zip64 is not supported)", path));
    const auto crc = zip::crc32(data);
    const auto offset = static_cast<std::uint32_t>(zip.size());
    auto common = [&](std::string & s) {
      put16(s, 20); // version needed to extract: 2.0
      put16(s, 0);  // flags
      put16(s, 0);  // stored
      put16(s, 0);  // time 00:00
      put16(s, 33); // date 1980-01-01
      put32(s, crc);
      put32(s, static_cast<std::uint32_t>(data.size()));
      put32(s, static_cast<std::uint32_t>(data.size()));
      put16(s, static_cast<std::uint32_t>(file.size()));
      put16(s, 0); // extra field length
    };
    put32(zip, 0x04034b50);
    common(zip);
    zip += file;
    zip += data;
    put32(central, 0x02014b50);
    put16(central, 20); // version made by
    common(central);
    put16(central, 0); // comment length
    put16(central, 0); // disk number
    put16(central, 0); // internal attributes
    put32(central, 0); // external attributes
    put32(central, offset);
    central += file;
  }
  const auto cd_offset = static_cast<std::uint32_t>(zip.size());
  zip += central;
  put32(zip, 0x06054b50);
  put16(zip, 0);
  put16(zip, 0);
  put16(zip, static_cast<std::uint32_t>(arrays.size()));
  put16(zip, static_cast<std::uint32_t>(arrays.size()));
  put32(zip, static_cast<std::uint32_t>(central.size()));
  put32(zip, cd_offset);
  put16(zip, 0);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out)
    throw Error(fmt::format("cannot open '{}' for writing", path));
  out.write(zip.data(), static_cast<std::streamsize>(zip.size()));
  if (!out)
    throw Error(fmt::format("cannot write '{}'", path));
}

std::vector<std::pair<std::string, Array>>
read(const std::string & path)
{
  std::vector<std::pair<std::string, Array>> out;
  for (auto & [entry, data] : zip::read_stored(path, "NumPy .npz"))
  {
    auto name = entry;
    if (name.ends_with(".npy")) // as numpy.load names its keys
      name.resize(name.size() - 4);
    out.emplace_back(name, parse_npy(data, name));
  }
  return out;
}
} // namespace neml2::npz

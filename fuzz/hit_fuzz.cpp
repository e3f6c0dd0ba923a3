// libFuzzer entry: any bytes must parse or fail with neml2::hit::Error, never crash or hang.
//
// Input layout: the HIT text, then optionally a NUL byte followed by NUL-separated command-line
// overrides. Includes are disabled (the fuzzer must not read arbitrary files). When parsing
// succeeds, the rendered tree must parse again and render identically.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "neml2/hit/hit.h"

namespace
{
/// Whether every value of the tree has a HIT spelling that reads back the same (render's
/// documented limit: a value holding ', " and ''' at once has none).
bool
renderable(const neml2::hit::Section & s)
{
  for (const auto & f : s.fields)
    if (f.value.find('\'') != std::string::npos && f.value.find('"') != std::string::npos &&
        f.value.find("'''") != std::string::npos)
      return false;
  for (const auto & c : s.children)
    if (!renderable(*c))
      return false;
  return true;
}

void
check_round_trip(const neml2::hit::Section & root)
{
  if (!renderable(root))
    return;
  const std::string text = neml2::hit::render(root);
  neml2::hit::ParseOptions options;
  options.allow_includes = false;
  const auto again = neml2::hit::parse(text, "rendered.i", options);
  if (neml2::hit::render(*again) != text)
    std::abort();
}

/// Exercise the typed reads and suggestions on every field.
void
touch_fields(const neml2::hit::Section & s)
{
  for (const auto & f : s.fields)
  {
    (void)f.rows();
    try
    {
      (void)neml2::hit::to_double_rows(f);
    }
    catch (const neml2::hit::Error &)
    {
    }
    try
    {
      (void)neml2::hit::to_ints(f);
    }
    catch (const neml2::hit::Error &)
    {
    }
    try
    {
      (void)neml2::hit::to_bool(f);
    }
    catch (const neml2::hit::Error &)
    {
    }
    (void)neml2::hit::nearest(f.key, s.field_keys());
  }
  for (const auto & c : s.children)
    touch_fields(*c);
}
} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t * data, std::size_t size)
{
  const std::string_view bytes(reinterpret_cast<const char *>(data), size);
  const std::size_t nul = bytes.find('\0');
  const std::string_view text = bytes.substr(0, nul);
  neml2::hit::ParseOptions options;
  options.allow_includes = false;
  if (nul != std::string_view::npos)
  {
    std::string_view rest = bytes.substr(nul + 1);
    for (;;)
    {
      const std::size_t next = rest.find('\0');
      options.overrides.emplace_back(rest.substr(0, next));
      if (next == std::string_view::npos)
        break;
      rest = rest.substr(next + 1);
    }
  }
  try
  {
    const auto root = neml2::hit::parse(text, "fuzz.i", options);
    touch_fields(*root);
    check_round_trip(*root);
  }
  catch (const neml2::hit::Error &)
  {
  }
  return 0;
}

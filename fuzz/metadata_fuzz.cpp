// libFuzzer entry for the artifact metadata reader: any bytes must parse or fail with an
// neml2::Error (a CompileError naming the file), never crash, hang or throw anything else.
//
// Most random edits fail the self-hash at once, so the input is also re-hashed (when it is a JSON
// object) to reach the field checks behind it. Metadata that parses must write and read back
// the same, with the same interface digest.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "neml2/artifact/metadata.h"
#include "neml2/artifact/sha256.h"
#include "neml2/base/error.h"

namespace
{
void
parse_and_round_trip(const std::string & text)
{
  neml2::aoti::Metadata m;
  try
  {
    m = neml2::aoti::parse_metadata(text, "fuzz_meta.json");
  }
  catch (const neml2::Error &)
  {
    return;
  }
  const auto digest = neml2::aoti::interface_digest(m);
  const auto again = neml2::aoti::parse_metadata(neml2::aoti::to_json(m), "rewritten_meta.json"); // must not throw
  if (neml2::aoti::interface_digest(again) != digest)
    std::abort();
}
} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t * data, std::size_t size)
{
  const std::string text(reinterpret_cast<const char *>(data), size);
  parse_and_round_trip(text);
  nlohmann::json j;
  try
  {
    j = nlohmann::json::parse(text);
  }
  catch (const nlohmann::json::exception &)
  {
    return 0;
  }
  if (!j.is_object())
    return 0;
  j.erase("metadata_sha256");
  j["metadata_sha256"] = neml2::aoti::sha256_hex(j.dump());
  parse_and_round_trip(j.dump());
  return 0;
}

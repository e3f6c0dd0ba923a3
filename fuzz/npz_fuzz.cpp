// libFuzzer entry for the archive readers (NumPy .npz, torch.save dictionaries): any file must read
// or fail with an neml2::Error, never crash, hang, or allocate what its headers merely claim.
// An .npz that reads must write and read back the same.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "neml2/base/error.h"
#include "neml2/drivers/npz.h"
#include "neml2/drivers/torch_archive.h"
#include "scratch_dir.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t * data, std::size_t size)
{
  const auto file = (fuzz_scratch_dir("npz_fuzz") / "archive").string();
  std::ofstream(file, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char *>(data), static_cast<std::streamsize>(size));
  try
  {
    const auto arrays = neml2::npz::read(file);
    const auto again = (fuzz_scratch_dir("npz_fuzz") / "again.npz").string();
    neml2::npz::write(again, arrays);
    const auto back = neml2::npz::read(again);
    if (back.size() != arrays.size())
      std::abort();
    for (std::size_t i = 0; i < back.size(); ++i)
      if (back[i].first != arrays[i].first || back[i].second.shape != arrays[i].second.shape ||
          back[i].second.values.size() != arrays[i].second.values.size())
        std::abort();
  }
  catch (const neml2::Error &)
  {
  }
  try
  {
    (void)neml2::torch_archive::read(file);
  }
  catch (const neml2::Error &)
  {
  }
  return 0;
}

// libFuzzer entry for the CSV tables of [Tensors] (CSVScalar, CSVSR2, ...): any file must give
// values or an neml2::Error naming it, never a crash, a hang or another exception.
//
// The bytes are the CSV file; the first byte also picks how it is read (which type, header or
// not, delimiter, columns), so one corpus covers the options.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "neml2/base/error.h"
#include "neml2/base/factory.h"
#include "neml2/base/tensor_object.h"
#include "neml2/hit/error.h"
#include "scratch_dir.h"

namespace
{

const char * const readers[] = {
    "type = CSVScalar",
    "type = CSVScalar\n    column_indices = '1'",
    "type = CSVSR2",
    "type = CSVSR2\n    no_header = true\n    delimiter = SEMICOLON",
    "type = CSVSR2\n    variable = 'strain'",
    "type = CSVVec\n    column_names = 'a b c'\n    starting_row = 1",
    "type = CSVScalar\n    no_header = true\n    delimiter = SPACE",
    "type = CSVWR2\n    delimiter = TAB",
};
} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t * data, std::size_t size)
{
  const std::string reader = size > 0 ? readers[data[0] % std::size(readers)] : readers[0];
  const auto csv = fuzz_scratch_dir("csv_fuzz") / "table.csv", input = fuzz_scratch_dir("csv_fuzz") / "input.i";
  std::ofstream(csv, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char *>(data), static_cast<std::streamsize>(size));
  std::ofstream(input, std::ios::trunc) << "[Tensors]\n  [t]\n    " << reader
                                        << "\n    csv_file = 'table.csv'\n  []\n[]\n";
  try
  {
    auto factory = neml2::Factory::from_file(input.string());
    (void)factory->get_tensor("t")->value().numel();
  }
  catch (const neml2::Error &)
  {
  }
  catch (const neml2::hit::Error &)
  {
  }
  return 0;
}

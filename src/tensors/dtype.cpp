// Parsing of dtype names.
#include "neml2/tensors/dtype.h"

namespace neml2
{
bool
parse_dtype(std::string_view s, Dtype & out)
{
  if (s == "float64" || s == "double")
    out = Dtype::Float64;
  else if (s == "float32" || s == "float")
    out = Dtype::Float32;
  else
    return false;
  return true;
}
} // namespace neml2

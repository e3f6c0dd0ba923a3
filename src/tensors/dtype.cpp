// Parsing of dtype names, and what a dtype's precision means for a solver's tolerances.
#include "neml2/tensors/dtype.h"

#include <fmt/format.h>

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

std::string
precision_hint(Dtype d, double rel_tol, double abs_tol)
{
  // float32's unit roundoff is 6e-8: a residual rarely drops below ~1e-6 of its start.
  constexpr double float32_reach = 1e-5;
  if (d != Dtype::Float32 || rel_tol >= float32_reach)
    return "";
  return fmt::format(" The solve ran in float32, which carries about 7 significant digits: rel_tol {} (abs_tol {}) "
                     "is likely out of its reach. Loosen the tolerances for float32 (e.g. rel_tol = 1e-5 and an "
                     "abs_tol to match the residual's scale) or use float64.",
                     rel_tol, abs_tol);
}
} // namespace neml2

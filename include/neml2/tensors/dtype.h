// Floating-point element types supported by tensors, the interpreter and the code generator.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace neml2
{
enum class Dtype
{
  Float64,
  Float32
};

inline std::size_t
dtype_size(Dtype d)
{
  return d == Dtype::Float64 ? 8 : 4;
}
inline std::string_view
dtype_name(Dtype d)
{
  return d == Dtype::Float64 ? "float64" : "float32";
}
/// Parses "float64"/"double"/"float32"/"float"; returns false when unknown.
bool parse_dtype(std::string_view s, Dtype & out);

/// For a solve that failed in `d`: a sentence saying that the relative tolerance is beyond what
/// the dtype resolves (float32 carries about 7 digits), or "" when it is not.
std::string precision_hint(Dtype d, double rel_tol, double abs_tol);
} // namespace neml2

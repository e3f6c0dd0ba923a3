// Floating-point element types supported by tensors, the interpreter and the code generator.
#pragma once

#include <cstddef>
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
} // namespace neml2

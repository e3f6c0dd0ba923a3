// The tensor types a variable or parameter can have, with their per-point base shapes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace neml2
{
using Shape = std::vector<std::int64_t>;

/// Number of elements of a shape (1 for the empty shape of a scalar).
std::int64_t numel(const Shape & s);
/// "(3, 5)" style text used in error messages.
std::string shape_str(const Shape & s);
/// Parses a shape written as in input files: "(2,3)", "(5)", "(5,)" or "()" (spaces allowed).
/// Returns false when malformed or when a dimension is negative.
bool parse_shape(std::string_view text, Shape & out);

// One table for all primitive tensor types: name and base shape.
// Conventions (ARCHITECTURE.md): SR2 is Mandel (xx, yy, zz, √2 yz, √2 xz, √2 xy);
// SSR4 is the 6x6 Mandel matrix; R2 is a row-major 3x3; WR2 is the axial vector of a
// skew tensor; MRP is a modified Rodrigues parameter rotation.
#define NEML2_FOR_EACH_TENSOR_TYPE(X) \
  X(Scalar, )                         \
  X(Vec, 3)                           \
  X(R2, 3, 3)                         \
  X(SR2, 6)                           \
  X(SSR4, 6, 6)                       \
  X(WR2, 3)                           \
  X(MRP, 3)                           \
  X(Quaternion, 4)                    \
  X(MillerIndex, 3)

enum class TypeKind
{
#define NEML2_TYPE_ENUM(name, ...) name,
  NEML2_FOR_EACH_TENSOR_TYPE(NEML2_TYPE_ENUM)
#undef NEML2_TYPE_ENUM
};

inline constexpr int num_type_kinds = 0
#define NEML2_TYPE_COUNT(name, ...) +1
    NEML2_FOR_EACH_TENSOR_TYPE(NEML2_TYPE_COUNT)
#undef NEML2_TYPE_COUNT
    ;

std::string_view type_name(TypeKind k);
/// The type name with its indefinite article, for messages: "a Vec", "an SR2".
std::string type_with_article(TypeKind k);
Shape base_shape(TypeKind k);
/// Parses "SR2" etc; returns false when unknown.
bool parse_type(std::string_view name, TypeKind & out);
/// All type names, in table order (for error messages and syntax dumps).
std::vector<std::string> type_names();
} // namespace neml2

// Table lookups for the tensor type kinds.
#include "neml2/tensors/types.h"

#include <fmt/format.h>

namespace neml2
{
std::int64_t
numel(const Shape & s)
{
  std::int64_t n = 1;
  for (auto d : s)
    n *= d;
  return n;
}

std::string
shape_str(const Shape & s)
{
  if (s.size() == 1)
    return fmt::format("({},)", s[0]);
  return fmt::format("({})", fmt::join(s, ", "));
}

std::string_view
type_name(TypeKind k)
{
  switch (k)
  {
#define NEML2_TYPE_NAME(name, ...)                                                                 \
  case TypeKind::name:                                                                             \
    return #name;
    NEML2_FOR_EACH_TENSOR_TYPE(NEML2_TYPE_NAME)
#undef NEML2_TYPE_NAME
  }
  return "?";
}

Shape
base_shape(TypeKind k)
{
  switch (k)
  {
#define NEML2_TYPE_SHAPE(name, ...)                                                                \
  case TypeKind::name:                                                                             \
    return Shape{__VA_ARGS__};
    NEML2_FOR_EACH_TENSOR_TYPE(NEML2_TYPE_SHAPE)
#undef NEML2_TYPE_SHAPE
  }
  return {};
}

bool
parse_type(std::string_view name, TypeKind & out)
{
#define NEML2_TYPE_PARSE(tname, ...)                                                               \
  if (name == #tname)                                                                              \
  {                                                                                                \
    out = TypeKind::tname;                                                                         \
    return true;                                                                                   \
  }
  NEML2_FOR_EACH_TENSOR_TYPE(NEML2_TYPE_PARSE)
#undef NEML2_TYPE_PARSE
  return false;
}

std::vector<std::string>
type_names()
{
  return {
#define NEML2_TYPE_STR(name, ...) #name,
      NEML2_FOR_EACH_TENSOR_TYPE(NEML2_TYPE_STR)
#undef NEML2_TYPE_STR
  };
}
} // namespace neml2

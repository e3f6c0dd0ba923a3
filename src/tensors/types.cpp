// Table lookups for the tensor type kinds.
#include "neml2/tensors/types.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "neml2/base/error.h"

namespace neml2
{
std::int64_t
numel(const Shape & s)
{
  if (std::find(s.begin(), s.end(), 0) != s.end())
    return 0;
  std::int64_t n = 1;
  for (auto d : s)
    if (__builtin_mul_overflow(n, d, &n))
      throw SizeError(fmt::format("shape {} has more elements than a 64-bit count holds", shape_str(s)));
  return n;
}

std::string
shape_str(const Shape & s)
{
  if (s.size() == 1)
    return fmt::format("({},)", s[0]);
  return fmt::format("({})", fmt::join(s, ", "));
}

bool
parse_shape(std::string_view text, Shape & out)
{
  auto trim = [](std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
      v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t'))
      v.remove_suffix(1);
    return v;
  };
  text = trim(text);
  if (text.size() < 2 || text.front() != '(' || text.back() != ')')
    return false;
  text = trim(text.substr(1, text.size() - 2));
  Shape s;
  while (!text.empty())
  {
    const auto comma = text.find(',');
    const auto item = trim(text.substr(0, comma));
    std::int64_t d = -1;
    auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), d);
    if (item.empty() || ec != std::errc() || end != item.data() + item.size() || d < 0)
      return false;
    s.push_back(d);
    if (comma == std::string_view::npos)
      break;
    text = trim(text.substr(comma + 1));
  }
  out = std::move(s);
  return true;
}

std::string_view
type_name(TypeKind k)
{
  switch (k)
  {
#define NEML2_TYPE_NAME(name, ...) \
  case TypeKind::name:             \
    return #name;
    NEML2_FOR_EACH_TENSOR_TYPE(NEML2_TYPE_NAME)
#undef NEML2_TYPE_NAME
  }
  return "?";
}

std::string
type_with_article(TypeKind k)
{
  const bool an = k == TypeKind::R2 || k == TypeKind::SR2 || k == TypeKind::SSR4 || k == TypeKind::MRP;
  return fmt::format("{} {}", an ? "an" : "a", type_name(k));
}

Shape
base_shape(TypeKind k)
{
  switch (k)
  {
#define NEML2_TYPE_SHAPE(name, ...) \
  case TypeKind::name:              \
    return Shape{__VA_ARGS__};
    NEML2_FOR_EACH_TENSOR_TYPE(NEML2_TYPE_SHAPE)
#undef NEML2_TYPE_SHAPE
  }
  return {};
}

bool
parse_type(std::string_view name, TypeKind & out)
{
#define NEML2_TYPE_PARSE(tname, ...) \
  if (name == #tname)                \
  {                                  \
    out = TypeKind::tname;           \
    return true;                     \
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

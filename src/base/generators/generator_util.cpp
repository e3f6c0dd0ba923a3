// Helpers shared by the [Tensors] generators.
#include "generator_util.h"

#include <charconv>

#include <fmt/format.h>

#include "neml2/hit/hit.h"

namespace neml2::generators
{
Shape
shape_option(const Options & o, const std::string & name)
{
  Shape s;
  const auto text = o.get_string(name);
  if (!parse_shape(text, s))
    throw o.error(name, fmt::format("'{}' is not a shape; write it like '(2,3)', '(5)' or '()'", text));
  return s;
}

bool
parse_real(const std::string & word, double & out)
{
  const char * b = word.data();
  const char * e = b + word.size();
  if (b != e && *b == '+')
    ++b;
  auto [end, ec] = std::from_chars(b, e, out);
  return b != e && ec == std::errc() && end == e;
}

Tensor
resolve_tensor(const Options & o, const std::string & name, const std::string & word, TypeKind kind, Factory & factory)
{
  double v = 0;
  if (parse_real(word, v))
    return Tensor::full({}, base_shape(kind), v);
  if (!factory.has_tensor(word))
  {
    auto avail = factory.names(ObjectKind::Tensor);
    auto near = hit::nearest(word, avail);
    throw o.error(name, fmt::format("'{}' is neither a number nor the name of a [Tensors] object{}", word,
                                    near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near)));
  }
  auto t = factory.get_tensor(word);
  if (t->tensor_type() != kind)
    throw o.error(name, fmt::format("[Tensors/{}] is {}, but {} is needed here", word,
                                    type_with_article(t->tensor_type()), type_with_article(kind)));
  return t->value();
}

std::vector<Scalar>
resolve_scalars(const Options & o, const std::string & name, Factory & factory)
{
  std::vector<Scalar> out;
  for (const auto & w : o.get_strings(name))
    out.emplace_back(resolve_tensor(o, name, w, TypeKind::Scalar, factory));
  return out;
}
} // namespace neml2::generators

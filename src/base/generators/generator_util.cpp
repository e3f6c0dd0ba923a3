// Helpers shared by the [Tensors] generators.
#include "generator_util.h"

#include <fmt/format.h>

#include "neml2/base/number_word.h"
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

Tensor
resolve_tensor(const Options & o, const std::string & name, const std::string & word, TypeKind kind, Factory & factory)
{
  if (const auto v = number_or_name(o, name, word))
    return Tensor::full({}, base_shape(kind), *v);
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

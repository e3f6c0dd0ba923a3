// The constant tables of the interpolation models, from [Tensors] or lists of numbers.
#include "neml2/models/common/interpolation_table.h"

#include <sstream>

#include <fmt/format.h>

#include "neml2/base/factory.h"
#include "neml2/base/number_word.h"
#include "neml2/base/tensor_object.h"

namespace neml2
{
namespace
{
std::vector<double>
numbers(const Options & options, const std::string & option, const std::string & text)
{
  std::vector<double> values;
  std::istringstream words(text);
  for (std::string w; words >> w;)
  {
    const auto v = number_or_name(options, option, w);
    if (!v)
      throw options.error(option,
                          fmt::format("expected the name of a [Tensors] object or a list of numbers, got '{}'", text));
    values.push_back(*v);
  }
  return values;
}
} // namespace

std::vector<double>
abscissa_table(const Options & options, Factory & factory, const std::string & option)
{
  const auto text = options.get_string(option);
  std::vector<double> x;
  if (factory.has_tensor(text))
  {
    const auto t = factory.get_table(text);
    if (t->tensor_type() != TypeKind::Scalar)
      throw options.error(
          option, fmt::format("the table '{}' must be a Scalar, got {}", text, type_with_article(t->tensor_type())));
    const auto & batch = t->value().batch_shape();
    if (std::count_if(batch.begin(), batch.end(), [](auto b) { return b > 1; }) > 1)
      throw options.error(option, fmt::format("the table '{}' must have one axis of entries, got batch shape {}", text,
                                              shape_str(batch)));
    x = t->value().to_vector();
  }
  else
    x = numbers(options, option, text);
  if (x.size() < 2)
    throw options.error(option, fmt::format("the table needs at least 2 entries, got {}", x.size()));
  for (std::size_t i = 1; i < x.size(); ++i)
    if (!(x[i] > x[i - 1]))
      throw options.error(option,
                          fmt::format("the abscissae must increase; entry {} ({}) follows {}", i, x[i], x[i - 1]));
  return x;
}

std::vector<double>
ordinate_table(const Options & options, Factory & factory, const std::string & option, TypeKind type, std::size_t count,
               const std::string & per)
{
  const auto text = options.get_string(option);
  const auto n = static_cast<std::size_t>(numel(base_shape(type)));
  std::vector<double> y;
  if (factory.has_tensor(text))
  {
    const auto t = factory.get_table(text);
    if (t->tensor_type() != type)
      throw options.error(option, fmt::format("the table '{}' must be {}, got {}", text, type_with_article(type),
                                              type_with_article(t->tensor_type())));
    y = t->value().to_vector();
  }
  else if (type == TypeKind::Scalar)
    y = numbers(options, option, text);
  else
    throw options.error(option, fmt::format("expected the name of a [Tensors] {}, got '{}'", type_name(type), text));
  if (y.size() != count * n)
    throw options.error(option, fmt::format("expected {} values, one per {}, got {}", count, per, y.size() / n));
  return y;
}
} // namespace neml2

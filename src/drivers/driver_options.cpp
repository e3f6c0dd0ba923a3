// What the drivers share: the typed <prefix>_<Type>_names / _values options and their values.
#include "driver_options.h"

#include <fmt/format.h>

#include "neml2/base/number_word.h"
#include "neml2/base/tensor_object.h"
#include "neml2/hit/nearest.h"
#include "neml2/models/common/option_helpers.h"

namespace neml2::drivers_detail
{
std::pair<std::string, int>
split_history(const std::string & name)
{
  const auto t = name.rfind('~');
  if (t == std::string::npos || t + 1 == name.size())
    return {name, 0};
  int lag = 0;
  for (std::size_t i = t + 1; i < name.size(); ++i)
  {
    if (name[i] < '0' || name[i] > '9' || lag > 1000)
      return {name, 0};
    lag = lag * 10 + (name[i] - '0');
  }
  return {name.substr(0, t), lag};
}
std::vector<std::pair<TypeKind, std::string>>
driven_types()
{
  std::vector<std::pair<TypeKind, std::string>> out;
  for (int k = 0; k < num_type_kinds; ++k)
  {
    const auto kind = static_cast<TypeKind>(k);
    out.emplace_back(kind, std::string(type_name(kind)));
    if (kind == TypeKind::MRP)
      out.emplace_back(kind, "Rot");
  }
  return out;
}

Tensor
tensor_value(const Options & o, const std::string & option, const std::string & word, TypeKind kind, Factory & factory,
             bool allow_number)
{
  if (const auto v = number_or_name(o, option, word))
  {
    if (!allow_number)
      throw o.error(option, fmt::format("'{}' is a number, but prescribed values need the name of a [Tensors] "
                                        "object with one entry per step (its first batch dimension)",
                                        word));
    return Tensor::full({}, base_shape(kind), *v);
  }
  if (!factory.has_tensor(word))
  {
    auto near = hit::nearest(word, factory.names(ObjectKind::Tensor));
    throw o.error(option, fmt::format("no [Tensors/{}] in the input file{}", word,
                                      near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near)));
  }
  auto t = factory.get_table(word);
  if (t->tensor_type() != kind)
    throw o.error(option, fmt::format("[Tensors/{}] is a {}, but a {} is needed here", word,
                                      type_name(t->tensor_type()), type_name(kind)));
  // Sub-batch (intermediate) dimensions, the trailing batch dimensions NEML2 marks with
  // sub_batch_ndim, are part of each point's value here: one value per slip system, say.
  return t->value_per_point();
}

std::vector<Named>
read_pairs(const Options & o, Factory & f, const std::string & prefix, const std::string & alias, bool steps)
{
  std::vector<Named> out;
  for (const auto & [k, t] : driven_types())
  {
    const auto stem = prefix.empty() ? t : prefix + "_" + t;
    auto names_opt = stem + "_names", values_opt = stem + "_values";
    if (!alias.empty())
    {
      names_opt = option_alias(o, names_opt, alias + "_" + t + "_names");
      values_opt = option_alias(o, values_opt, alias + "_" + t + "_values");
    }
    const auto names = o.get_strings(names_opt), values = o.get_strings(values_opt);
    if (names.size() != values.size())
      throw o.error(values_opt, fmt::format("expected one value per name in '{}' ({}), got {}", names_opt, names.size(),
                                            values.size()));
    for (std::size_t i = 0; i < names.size(); ++i)
      out.push_back({names[i], values_opt, tensor_value(o, values_opt, values[i], k, f, !steps), k});
  }
  return out;
}
} // namespace neml2::drivers_detail

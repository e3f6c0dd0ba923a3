// Helpers shared by the [Tensors] generators: shapes, tensor names and registration.
#pragma once

#include <string>
#include <vector>

#include "neml2/base/factory.h"
#include "neml2/base/options.h"
#include "neml2/base/tensor_object.h"
#include "neml2/tensors/typed.h"

namespace neml2::generators
{
/// The shape written in option `name` ("(2,3)"); an InputError at the value when malformed.
Shape shape_option(const Options & o, const std::string & name);

/**
 * Resolves one word of option `name` to a tensor of type `kind`, as NEML2's TensorName does:
 * a number gives an unbatched tensor full of that value; anything else must name a [Tensors]
 * object of that type. Errors are InputErrors at the option's value.
 */
Tensor resolve_tensor(const Options & o, const std::string & name, const std::string & word, TypeKind kind,
                      Factory & factory);

/// Each word of option `name` resolved to a Scalar.
std::vector<Scalar> resolve_scalars(const Options & o, const std::string & name, Factory & factory);

/// "A Vec", "An SR2": type_with_article at the start of a sentence.
inline std::string
sentence_type(TypeKind k)
{
  auto s = type_with_article(k);
  s[0] = 'A';
  return s;
}

/// Registers generator class `C` under `type` in the [Tensors] section.
template <class C>
bool
register_tensor(const std::string & type)
{
  return Registry::add(
      {type, ObjectKind::Tensor, &C::expected_options,
       [](const Options & o, Factory & f) -> std::shared_ptr<Object> { return std::make_shared<C>(o, f); }});
}

/// The type name used in a generator's registered name: NEML2 calls the MRP rotation "Rot",
/// and both spellings are registered.
inline std::vector<std::string>
type_spellings(TypeKind k)
{
  if (k == TypeKind::MRP)
    return {"MRP", "Rot"};
  return {std::string(type_name(k))};
}
} // namespace neml2::generators

// What the drivers share (internal to src/drivers): the typed <prefix>_<Type>_names / _values
// options NEML2's drivers take for every tensor type, and reading their values.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "neml2/base/factory.h"
#include "neml2/tensors/tensor.h"
#include "neml2/tensors/types.h"

namespace neml2::drivers_detail
{
/// "X~2" -> ("X", 2); names without a "~<digits>" suffix -> (name, 0).
std::pair<std::string, int> split_history(const std::string & name);

/// Every tensor type with each of its spellings in option names (NEML2 calls the MRP rotation
/// "Rot" too): prescribed_<spelling>_names, ic_<spelling>_values, ...
std::vector<std::pair<TypeKind, std::string>> driven_types();

/// The [Tensors] object named `word` (of type `kind`), or a number filling the whole tensor when
/// `allow_number`. Errors are located at `option`.
Tensor tensor_value(const Options & o, const std::string & option, const std::string & word, TypeKind kind,
                    Factory & factory, bool allow_number);

/// One name of a `<prefix>_<Type>_names` option with its value.
struct Named
{
  std::string name, option;
  Tensor value;
  TypeKind type;
};

/// The `<prefix>_<Type>_names` / `_values` pairs (`<Type>_names` for an empty prefix) of every driven type (or their
/// NEML2 v2 alias
/// `<alias>_<Type>_...`). `steps`: values are [Tensors] with one entry per step (no numbers).
std::vector<Named> read_pairs(const Options & o, Factory & f, const std::string & prefix, const std::string & alias,
                              bool steps);
} // namespace neml2::drivers_detail

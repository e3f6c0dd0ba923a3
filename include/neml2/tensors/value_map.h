// Named tensors in and out of a model: the one currency of eager models, AOTIModel and the
// compiled-model runtime.
#pragma once

#include <map>
#include <string>

#include "neml2/tensors/tensor.h"

namespace neml2
{
/// Variable values by name.
using ValueMap = std::map<std::string, Tensor>;
/// Jacobian blocks J[output][input], shaped (*batch, *out_base, *in_base).
using DerivativeMap = std::map<std::string, std::map<std::string, Tensor>>;
} // namespace neml2

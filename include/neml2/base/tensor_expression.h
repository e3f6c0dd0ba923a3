// `type = Python` tensors: a [Tensors] object whose value is an expression in NEML2's Python tensor
// API. The C++ libraries cannot evaluate it; a front end that can (the Python package) installs an
// evaluator, and the `Python` generator calls it.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "neml2/tensors/tensor.h"

namespace neml2
{
/// A [Tensors] object's value together with its type.
struct TensorOfType
{
  TypeKind type;
  Tensor value;
  /// How many of the value's trailing batch axes are sub-batch (intermediate) axes, as NEML2's
  /// `x.sub_batch.retag(n)` marks them (interpolation tables, per-cell values of finite-volume models).
  int sub_batch_dims = 0;
};

/// Another [Tensors] object of the same file, by name; nullopt when the file declares none.
using TensorLookup = std::function<std::optional<TensorOfType>(const std::string & name)>;

/**
 * Evaluates the expression `expr` of [Tensors/<name>], resolving the names of other [Tensors] objects
 * with `lookup`. Throws (any std::exception) with a message that says what went wrong.
 */
using TensorExpressionEvaluator =
    std::function<TensorOfType(const std::string & name, const std::string & expr, const TensorLookup & lookup)>;

/// Installs the evaluator (the Python module does when it is imported); an empty one removes it.
void set_tensor_expression_evaluator(TensorExpressionEvaluator evaluator);

/// The installed evaluator; empty in a program that installed none (the C++ command-line tools).
const TensorExpressionEvaluator & tensor_expression_evaluator();
} // namespace neml2

// A named tensor declared in the [Tensors] section of an input file.
#pragma once

#include "neml2/base/registry.h"
#include "neml2/tensors/tensor.h"

namespace neml2
{
/// Base of the [Tensors] generators (FullScalar, FillSR2, LinspaceScalar, CSVSR2, ...): each
/// computes its value once, in its constructor.
class TensorObject : public Object
{
public:
  TensorObject(const Options & options, TypeKind type)
    : Object(options),
      _type(type)
  {
  }
  TypeKind tensor_type() const { return _type; }
  const Tensor & value() const { return _value; }
  /// The number of trailing batch axes that are sub-batch (intermediate) axes (NEML2's
  /// `sub_batch.retag(n)`): the axes of an interpolation table. Factory::get_tensor refuses a
  /// value with any; Factory::get_table takes it.
  int sub_batch_dims() const { return _sub_batch_dims; }
  /// The value with its sub-batch axes moved into the base shape (one point's value then holds
  /// one value per slip system or cell, as variables with a sub-batch do here).
  Tensor value_per_point() const;

protected:
  /// Sets the value; checks its base shape matches the type.
  void set_value(Tensor v);
  void set_sub_batch_dims(int n) { _sub_batch_dims = n; }

private:
  TypeKind _type;
  Tensor _value;
  int _sub_batch_dims = 0;
};
} // namespace neml2

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

protected:
  /// Sets the value; checks its base shape matches the type.
  void set_value(Tensor v);

private:
  TypeKind _type;
  Tensor _value;
};
} // namespace neml2

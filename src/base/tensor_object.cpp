// [Tensors] objects.
#include "neml2/base/tensor_object.h"

#include "neml2/base/error.h"

namespace neml2
{
void
TensorObject::set_value(Tensor v)
{
  NEML2_ASSERT(v.base_shape() == base_shape(_type), "tensor '{}' of type {} got base shape {}", name(),
               type_name(_type), shape_str(v.base_shape()));
  _value = std::move(v);
}

Tensor
TensorObject::value_per_point() const
{
  const auto k = static_cast<std::ptrdiff_t>(_sub_batch_dims);
  if (k == 0)
    return _value;
  const auto & b = _value.batch_shape();
  Shape base(b.end() - k, b.end());
  base.insert(base.end(), _value.base_shape().begin(), _value.base_shape().end());
  return _value.view(Shape(b.begin(), b.end() - k), base);
}
} // namespace neml2

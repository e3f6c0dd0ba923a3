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
} // namespace neml2

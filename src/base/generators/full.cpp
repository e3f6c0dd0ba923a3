// Full<Type> (FullScalar, FullSR2, ...): a tensor of a given batch shape filled with one value.
#include "generator_util.h"

namespace neml2::generators
{
namespace
{
template <TypeKind K>
class Full : public TensorObject
{
public:
  static OptionSchema expected_options()
  {
    return OptionSchema()
        .doc(fmt::format("{} of the given batch shape with every component set to `value`.", sentence_type(K)))
        .optional("batch_shape", OptionKind::String, "()", "batch shape, written like '(2,3)'")
        .required("value", OptionKind::Real, "value of every component");
  }

  Full(const Options & o, Factory &)
    : TensorObject(o, K)
  {
    set_value(Tensor::full(shape_option(o, "batch_shape"), base_shape(K), o.get_real("value")));
  }
};

template <TypeKind K>
bool
register_full()
{
  for (const auto & t : type_spellings(K))
    register_tensor<Full<K>>("Full" + t);
  return true;
}

#define NEML2_REGISTER_FULL(name, ...) [[maybe_unused]] const bool full_##name = register_full<TypeKind::name>();
NEML2_FOR_EACH_TENSOR_TYPE(NEML2_REGISTER_FULL)
#undef NEML2_REGISTER_FULL
} // namespace
} // namespace neml2::generators

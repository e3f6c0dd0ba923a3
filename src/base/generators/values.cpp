// <Type> (Scalar, SR2, ...): a tensor from a flat list of its stored components, as NEML2's
// UserTensor. SR2 values are taken as stored (Mandel); use FillSR2 for tensor components.
#include "generator_util.h"

namespace neml2::generators
{
namespace
{
template <TypeKind K>
class Values : public TensorObject
{
public:
  static OptionSchema expected_options()
  {
    return OptionSchema()
        .doc(fmt::format("{} from its stored components, row-major over (*batch_shape, *base_shape). "
                         "Without batch_shape, one point's worth of values gives an unbatched {} and "
                         "a multiple of it a batch of that many points.",
                         sentence_type(K), type_name(K)))
        .required("values", OptionKind::Reals, "the components, row-major")
        .optional("batch_shape", OptionKind::String, "", "batch shape, written like '(2,3)'")
        .optional("intermediate_dimension", OptionKind::Int, "0",
                  "how many trailing batch dimensions are sub-batch (intermediate) dimensions, as NEML2's "
                  "sub_batch_ndim: per-cell values of a finite-volume model, per-slip-system values");
  }

  Values(const Options & o, Factory &)
    : TensorObject(o, K)
  {
    const auto v = o.get_reals("values");
    const auto per_point = static_cast<std::size_t>(numel(base_shape(K)));
    Shape batch;
    if (o.has("batch_shape"))
    {
      batch = shape_option(o, "batch_shape");
      const auto want = static_cast<std::size_t>(numel(batch)) * per_point;
      if (v.size() != want)
        throw o.error("values", fmt::format("batch shape {} of {} needs {} value(s), got {}", shape_str(batch),
                                            type_with_article(K), want, v.size()));
    }
    else if (v.size() != per_point)
    {
      if (v.empty() || v.size() % per_point != 0)
        throw o.error("values", fmt::format("{} has {} component(s) per point, so the number of values must "
                                            "be a multiple of {}; got {}",
                                            type_with_article(K), per_point, per_point, v.size()));
      batch = {static_cast<std::int64_t>(v.size() / per_point)};
    }
    const auto sub = o.get_int("intermediate_dimension");
    if (sub < 0 || sub > std::ssize(batch))
      throw o.error("intermediate_dimension",
                    fmt::format("the value has {} batch dimension(s) (batch shape {}), so between 0 and {} of them "
                                "can be sub-batch dimensions; got {}",
                                batch.size(), shape_str(batch), batch.size(), sub));
    set_value(Tensor::from_values(batch, base_shape(K), v));
    set_sub_batch_dims(static_cast<int>(sub));
  }
};

template <TypeKind K>
bool
register_values()
{
  for (const auto & t : type_spellings(K))
    register_tensor<Values<K>>(t);
  return true;
}

#define NEML2_REGISTER_VALUES(name, ...) [[maybe_unused]] const bool values_##name = register_values<TypeKind::name>();
NEML2_FOR_EACH_TENSOR_TYPE(NEML2_REGISTER_VALUES)
#undef NEML2_REGISTER_VALUES
} // namespace
} // namespace neml2::generators

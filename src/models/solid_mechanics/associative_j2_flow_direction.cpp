// AssociativeJ2FlowDirection: N = 3/2 dev(M) / σ̄.
#include "neml2/models/solid_mechanics/associative_j2_flow_direction.h"

#include "neml2/models/solid_mechanics/guarded_math.h"

namespace neml2
{
OptionSchema
AssociativeJ2FlowDirection::expected_options()
{
  return Model::expected_options()
      .doc("The associative J2 flow direction N = 3/2 dev(M) / vm(M), vm the von Mises stress of the Mandel stress "
           "M; N = 0 where dev(M) = 0.")
      .optional("mandel_stress", OptionKind::String, "mandel_stress", "the Mandel stress M (input)")
      .optional("flow_direction", OptionKind::String, "flow_direction", "the flow direction N (output)");
}

AssociativeJ2FlowDirection::AssociativeJ2FlowDirection(const Options & options, Factory &)
  : Model(options),
    _M(options.get_string("mandel_stress")),
    _N(options.get_string("flow_direction"))
{
  if (_M == _N)
    throw options.error("flow_direction", "the flow direction must differ from the Mandel stress");
  declare_input(_M, TypeKind::SR2);
  declare_output(_N, TypeKind::SR2);
}

void
AssociativeJ2FlowDirection::define(Staging & s) const
{
  const auto S = sym::dev(s.input<sym::SR2>(_M));
  const auto vm2 = 1.5 * sym::norm_sq(S);
  const auto pos = sym::gt(vm2, vm2.lit(0.0));
  const auto vm = guarded::sqrt0(vm2);
  const auto vm_safe = sym::where(pos, vm, vm.lit(1.0));
  s.output(_N, guarded::where(pos, 1.5 * S / vm_safe, sym::SR2::zeros(s.graph())));
}

NEML2_REGISTER(Model, AssociativeJ2FlowDirection);
} // namespace neml2

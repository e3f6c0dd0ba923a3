// GeneralElasticity: stress = rotate(T, R(orientation)) : strain.
#include "neml2/models/solid_mechanics/general_elasticity.h"

#include "neml2/graph/sym_r2_ops.h"
#include "neml2/graph/sym_tensor_ops.h"

namespace neml2
{
OptionSchema
GeneralElasticity::expected_options()
{
  return Model::expected_options()
      .doc("Anisotropic linear elasticity, stress = T' : strain, with T' the stiffness T rotated from the material "
           "frame by the orientation (modified Rodrigues parameters).")
      .optional("strain", OptionKind::String, "strain", "the elastic strain (input)")
      .optional("orientation", OptionKind::String, "orientation",
                "the orientation from the material to the current frame, an MRP (input)")
      .optional("stress", OptionKind::String, "stress", "the stress (output)")
      .required("elastic_stiffness_tensor", OptionKind::String,
                "the stiffness T in the material frame, an SSR4 (parameter 'T'): a [Tensors] name, a [Models] name "
                "(e.g. a CubicElasticityTensor) or a variable name");
}

GeneralElasticity::GeneralElasticity(const Options & options, Factory & factory)
  : Model(options),
    _strain(options.get_string("strain")),
    _orientation(options.get_string("orientation")),
    _stress(options.get_string("stress"))
{
  if (_strain == _orientation)
    throw options.error("orientation", "strain and orientation must be different variables");
  declare_input(_strain, TypeKind::SR2);
  declare_input(_orientation, TypeKind::MRP);
  _T = declare_parameter<sym::SSR4>("T", options.get_string("elastic_stiffness_tensor"), "elastic_stiffness_tensor",
                                    factory);
  declare_output_distinct(_stress, TypeKind::SR2, "stress");
}

void
GeneralElasticity::define(Staging & s) const
{
  const auto R = sym::rotation_matrix(s.input<sym::MRP>(_orientation));
  s.output(_stress, sym::dot(sym::rotate(param(s, _T), R), s.input<sym::SR2>(_strain)));
}

NEML2_REGISTER(Model, GeneralElasticity);
} // namespace neml2

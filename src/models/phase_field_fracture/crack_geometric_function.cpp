// Crack geometric functions alpha(d): AT-1 (alpha = d) and AT-2 (alpha = d^2).
#include "neml2/models/phase_field_fracture/crack_geometric_function.h"

namespace neml2
{
OptionSchema
CrackGeometricFunction::crack_options()
{
  return Model::expected_options()
      .optional("phase", OptionKind::String, "phase", "the phase-field variable d (input)")
      .optional("crack", OptionKind::String, "crack", "the value of the crack geometric function (output)");
}

CrackGeometricFunction::CrackGeometricFunction(const Options & options)
  : Model(options),
    _d(options.get_string("phase")),
    _alpha(options.get_string("crack"))
{
  declare_input(_d, TypeKind::Scalar);
  declare_output_distinct(_alpha, TypeKind::Scalar, "crack");
}

void
CrackGeometricFunction::define(Staging & s) const
{
  s.output(_alpha, sym::Scalar(alpha(s.input<sym::Scalar>(_d))));
}

OptionSchema
CrackGeometricFunctionAT1::expected_options()
{
  return crack_options().doc("The crack geometric function of the AT-1 functional, crack = phase.");
}

CrackGeometricFunctionAT1::CrackGeometricFunctionAT1(const Options & options, Factory & /*factory*/)
  : CrackGeometricFunction(options)
{
}

OptionSchema
CrackGeometricFunctionAT2::expected_options()
{
  return crack_options().doc("The crack geometric function of the AT-2 functional, crack = phase^2.");
}

CrackGeometricFunctionAT2::CrackGeometricFunctionAT2(const Options & options, Factory & /*factory*/)
  : CrackGeometricFunction(options)
{
}

NEML2_REGISTER(Model, CrackGeometricFunctionAT1);
NEML2_REGISTER(Model, CrackGeometricFunctionAT2);
} // namespace neml2

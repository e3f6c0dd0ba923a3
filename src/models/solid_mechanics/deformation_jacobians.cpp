// Volumetric deformation Jacobians and the volume-adjusted deformation gradient (NEML2 v3).
#include "neml2/models/solid_mechanics/deformation_jacobians.h"

#include "neml2/models/common/option_helpers.h"

namespace neml2
{
OptionSchema
ThermalDeformationJacobian::expected_options()
{
  return Model::expected_options()
      .doc("Linear isotropic thermal deformation Jacobian, jacobian = 1 + alpha (temperature - T0).")
      .optional("temperature", OptionKind::String, "temperature", "the temperature (input)")
      .optional("jacobian", OptionKind::String, "jacobian", "the deformation Jacobian (output)")
      .required("reference_temperature", OptionKind::String,
                std::string("the stress-free temperature (parameter 'T0')") + parameter_forms)
      .required("CTE", OptionKind::String, "the coefficient of thermal expansion (parameter 'alpha'), as above");
}

ThermalDeformationJacobian::ThermalDeformationJacobian(const Options & options, Factory & factory)
  : Model(options),
    _T(options.get_string("temperature")),
    _J(options.get_string("jacobian"))
{
  declare_input(_T, TypeKind::Scalar);
  _T0 = declare_parameter<sym::Scalar>("T0", options.get_string("reference_temperature"), "reference_temperature",
                                       factory);
  _alpha = declare_parameter<sym::Scalar>("alpha", options.get_string("CTE"), "CTE", factory);
  declare_output_distinct(_J, TypeKind::Scalar, "jacobian");
}

void
ThermalDeformationJacobian::define(Staging & s) const
{
  s.output(_J, sym::Scalar(1.0 + param(s, _alpha).sym() * (s.input<sym::Scalar>(_T).sym() - param(s, _T0).sym())));
}

OptionSchema
SwellingAndPhaseChangeDeformationJacobian::expected_options()
{
  return Model::expected_options()
      .doc("Linear isotropic swelling and phase-change deformation Jacobian of a freezing liquid or melting solid, "
           "jacobian = 1 + alpha c fluid_fraction + (1 - c) fluid_fraction dOmega.")
      .optional("fluid_fraction", OptionKind::String, "fluid_fraction", "the volume fraction of the fluid (input)")
      .optional("jacobian", OptionKind::String, "jacobian", "the deformation Jacobian (output)")
      .required("phase_fraction", OptionKind::String,
                std::string("the phase fraction c, 0 all solid, 1 all liquid (parameter 'c')") + parameter_forms)
      .required("swelling_coefficient", OptionKind::String, "the swelling coefficient (parameter 'alpha'), as above")
      .required("reference_volume_difference", OptionKind::String,
                "the relative difference of the two phases' reference volumes (parameter 'dOmega'), as above");
}

SwellingAndPhaseChangeDeformationJacobian::SwellingAndPhaseChangeDeformationJacobian(const Options & options,
                                                                                     Factory & factory)
  : Model(options),
    _phi(options.get_string("fluid_fraction")),
    _J(options.get_string("jacobian"))
{
  declare_input(_phi, TypeKind::Scalar);
  _c = declare_parameter<sym::Scalar>("c", options.get_string("phase_fraction"), "phase_fraction", factory);
  _alpha = declare_parameter<sym::Scalar>("alpha", options.get_string("swelling_coefficient"), "swelling_coefficient",
                                          factory);
  _dOmega = declare_parameter<sym::Scalar>("dOmega", options.get_string("reference_volume_difference"),
                                           "reference_volume_difference", factory);
  declare_output_distinct(_J, TypeKind::Scalar, "jacobian");
}

void
SwellingAndPhaseChangeDeformationJacobian::define(Staging & s) const
{
  const sym::Sym phi = s.input<sym::Scalar>(_phi), c = param(s, _c).sym();
  s.output(_J, sym::Scalar(1.0 + param(s, _alpha).sym() * c * phi + (1.0 - c) * phi * param(s, _dOmega).sym()));
}

OptionSchema
VolumeAdjustDeformationGradient::expected_options()
{
  return Model::expected_options()
      .doc("Volume-adjusted deformation gradient, output = jacobian^(-1/3) input, which removes the volume change "
           "jacobian from the input deformation gradient.")
      .optional("input", OptionKind::String, "input", "the deformation gradient to adjust, an R2 (input)")
      .optional("jacobian", OptionKind::String, "jacobian", "the volume change to remove (input)")
      .optional("output", OptionKind::String, "output", "the adjusted deformation gradient (output)");
}

VolumeAdjustDeformationGradient::VolumeAdjustDeformationGradient(const Options & options, Factory &)
  : Model(options),
    _F(options.get_string("input")),
    _J(options.get_string("jacobian")),
    _Fe(options.get_string("output"))
{
  if (_F == _J)
    throw options.error("jacobian", "input and jacobian must be different variables");
  declare_input(_F, TypeKind::R2);
  declare_input(_J, TypeKind::Scalar);
  declare_output_distinct(_Fe, TypeKind::R2, "output");
}

void
VolumeAdjustDeformationGradient::define(Staging & s) const
{
  s.output(_Fe, s.input<sym::R2>(_F) * sym::pow(s.input<sym::Scalar>(_J).sym(), -1.0 / 3.0));
}

NEML2_REGISTER(Model, ThermalDeformationJacobian);
NEML2_REGISTER(Model, SwellingAndPhaseChangeDeformationJacobian);
NEML2_REGISTER(Model, VolumeAdjustDeformationGradient);
} // namespace neml2

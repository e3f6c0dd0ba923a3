// Isotropic eigenstrains: alpha (T - T0) I, ((V/V0)^(1/3) - 1) I, f dV I (NEML2 v3's equations).
#include "neml2/models/solid_mechanics/eigenstrains.h"

#include "neml2/models/common/option_helpers.h"

namespace neml2
{
namespace
{
sym::SR2
isotropic(const sym::Sym & scale)
{
  const auto zero = scale.lit(0.0);
  return sym::SR2({scale, scale, scale, zero, zero, zero});
}
} // namespace

OptionSchema
ThermalEigenstrain::expected_options()
{
  return Model::expected_options()
      .doc("Linear isotropic thermal eigenstrain, eigenstrain = alpha (temperature - T0) I.")
      .optional("temperature", OptionKind::String, "temperature", "the temperature (input)")
      .optional("eigenstrain", OptionKind::String, "eigenstrain", "the eigenstrain (output)")
      .required("reference_temperature", OptionKind::String,
                std::string("the stress-free temperature (parameter 'T0')") + parameter_forms)
      .required("CTE", OptionKind::String, "the coefficient of thermal expansion (parameter 'alpha'), as above");
}

ThermalEigenstrain::ThermalEigenstrain(const Options & options, Factory & factory)
  : Model(options),
    _T(options.get_string("temperature")),
    _eg(options.get_string("eigenstrain"))
{
  declare_input(_T, TypeKind::Scalar);
  _T0 = declare_parameter<sym::Scalar>("T0", options.get_string("reference_temperature"), "reference_temperature",
                                       factory);
  _alpha = declare_parameter<sym::Scalar>("alpha", options.get_string("CTE"), "CTE", factory);
  declare_output_distinct(_eg, TypeKind::SR2, "eigenstrain");
}

void
ThermalEigenstrain::define(Staging & s) const
{
  s.output(_eg, isotropic(param(s, _alpha).sym() * (s.input<sym::Scalar>(_T).sym() - param(s, _T0).sym())));
}

OptionSchema
VolumeChangeEigenstrain::expected_options()
{
  return Model::expected_options()
      .doc("Linear isotropic volume-change eigenstrain, eigenstrain = ((volume / V0)^(1/3) - 1) I.")
      .optional("volume", OptionKind::String, "volume", "the current volume (input)")
      .optional("eigenstrain", OptionKind::String, "eigenstrain", "the eigenstrain (output)")
      .required("reference_volume", OptionKind::String,
                std::string("the reference (initial) volume (parameter 'V0')") + parameter_forms);
}

VolumeChangeEigenstrain::VolumeChangeEigenstrain(const Options & options, Factory & factory)
  : Model(options),
    _V(options.get_string("volume")),
    _eg(options.get_string("eigenstrain"))
{
  declare_input(_V, TypeKind::Scalar);
  _V0 = declare_parameter<sym::Scalar>("V0", options.get_string("reference_volume"), "reference_volume", factory);
  declare_output_distinct(_eg, TypeKind::SR2, "eigenstrain");
}

void
VolumeChangeEigenstrain::define(Staging & s) const
{
  const auto ratio = s.input<sym::Scalar>(_V).sym() / param(s, _V0).sym();
  s.output(_eg, isotropic(sym::pow(ratio, 1.0 / 3.0) - 1.0));
}

OptionSchema
PhaseTransformationEigenstrain::expected_options()
{
  return Model::expected_options()
      .doc("Linear isotropic phase-transformation eigenstrain, eigenstrain = phase_fraction volume_fraction_change "
           "I.")
      .optional("phase_fraction", OptionKind::String, "phase_fraction",
                "the fraction transformed, from 0 (phase A) to 1 (phase B) (input)")
      .optional("volume_fraction_change", OptionKind::String, "volume_fraction_change",
                "the change of volume fraction from phase A to phase B (input)")
      .optional("eigenstrain", OptionKind::String, "eigenstrain", "the eigenstrain (output)");
}

PhaseTransformationEigenstrain::PhaseTransformationEigenstrain(const Options & options, Factory &)
  : Model(options),
    _f(options.get_string("phase_fraction")),
    _dV(options.get_string("volume_fraction_change")),
    _eg(options.get_string("eigenstrain"))
{
  if (_f == _dV)
    throw options.error("volume_fraction_change", "phase_fraction and volume_fraction_change must differ");
  declare_input(_f, TypeKind::Scalar);
  declare_input(_dV, TypeKind::Scalar);
  declare_output_distinct(_eg, TypeKind::SR2, "eigenstrain");
}

void
PhaseTransformationEigenstrain::define(Staging & s) const
{
  s.output(_eg, isotropic(s.input<sym::Scalar>(_f).sym() * s.input<sym::Scalar>(_dV).sym()));
}

NEML2_REGISTER(Model, ThermalEigenstrain);
NEML2_REGISTER(Model, VolumeChangeEigenstrain);
NEML2_REGISTER(Model, PhaseTransformationEigenstrain);
} // namespace neml2

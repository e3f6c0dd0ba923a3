// Porosity-permeability relations.
#include "neml2/models/porous_flow/permeability.h"

namespace neml2
{
OptionSchema
PorosityPermeabilityRelation::permeability_options()
{
  return Model::expected_options()
      .optional("porosity", OptionKind::String, "porosity", "the porosity phi (input)")
      .optional("permeability", OptionKind::String, "permeability", "the permeability (output)")
      .required("reference_permeability", OptionKind::String,
                "the reference permeability K0 (parameter 'K0'): a number, a [Tensors] name, a [Models] name or a "
                "variable name")
      .required("reference_porosity", OptionKind::String, "the reference porosity phi0 (parameter 'phi0'), as above");
}

PorosityPermeabilityRelation::PorosityPermeabilityRelation(const Options & options, Factory & factory)
  : Model(options),
    _phi(options.get_string("porosity")),
    _K(options.get_string("permeability"))
{
  declare_input(_phi, TypeKind::Scalar);
  _K0 = declare_parameter<sym::Scalar>("K0", options.get_string("reference_permeability"), "reference_permeability",
                                       factory);
  _phi0 =
      declare_parameter<sym::Scalar>("phi0", options.get_string("reference_porosity"), "reference_porosity", factory);
  declare_output_distinct(_K, TypeKind::Scalar, "permeability");
}

void
PorosityPermeabilityRelation::define(Staging & s) const
{
  s.output(_K, sym::Scalar(permeability(s, s.input<sym::Scalar>(_phi), param(s, _K0), param(s, _phi0))));
}

OptionSchema
PowerLawPermeability::expected_options()
{
  return permeability_options()
      .doc("The power-law porosity-permeability relation, permeability = K0 (porosity / phi0)^p.")
      .required("exponent", OptionKind::String, "the exponent p (parameter 'p'), as above");
}

PowerLawPermeability::PowerLawPermeability(const Options & options, Factory & factory)
  : PorosityPermeabilityRelation(options, factory)
{
  _p = declare_parameter<sym::Scalar>("p", options.get_string("exponent"), "exponent", factory);
}

sym::Sym
PowerLawPermeability::permeability(Staging & s, const sym::Sym & phi, const sym::Sym & K0, const sym::Sym & phi0) const
{
  return K0 * sym::pow(phi / phi0, param(s, _p));
}

OptionSchema
ExponentialLawPermeability::expected_options()
{
  return permeability_options()
      .doc("The exponential porosity-permeability relation, permeability = K0 exp(a (phi0 - porosity)).")
      .required("scale", OptionKind::String, "the scale a of the exponent (parameter 'a'), as above");
}

ExponentialLawPermeability::ExponentialLawPermeability(const Options & options, Factory & factory)
  : PorosityPermeabilityRelation(options, factory)
{
  _a = declare_parameter<sym::Scalar>("a", options.get_string("scale"), "scale", factory);
}

sym::Sym
ExponentialLawPermeability::permeability(Staging & s, const sym::Sym & phi, const sym::Sym & K0,
                                         const sym::Sym & phi0) const
{
  return K0 * sym::exp(-param(s, _a).sym() * (phi - phi0));
}

OptionSchema
KozenyCarmanPermeability::expected_options()
{
  return permeability_options()
      .doc("The Kozeny-Carman porosity-permeability relation, permeability = K0 (porosity / (1 - porosity))^n / "
           "(phi0 / (1 - phi0))^m.")
      .required("n", OptionKind::String, "the exponent n of the porosity term (parameter 'n'), as above")
      .required("m", OptionKind::String, "the exponent m of the reference term (parameter 'm'), as above");
}

KozenyCarmanPermeability::KozenyCarmanPermeability(const Options & options, Factory & factory)
  : PorosityPermeabilityRelation(options, factory)
{
  _n = declare_parameter<sym::Scalar>("n", options.get_string("n"), "n", factory);
  _m = declare_parameter<sym::Scalar>("m", options.get_string("m"), "m", factory);
}

sym::Sym
KozenyCarmanPermeability::permeability(Staging & s, const sym::Sym & phi, const sym::Sym & K0,
                                       const sym::Sym & phi0) const
{
  return K0 * sym::pow(phi / (1.0 - phi), param(s, _n)) / sym::pow(phi0 / (1.0 - phi0), param(s, _m));
}

NEML2_REGISTER(Model, PowerLawPermeability);
NEML2_REGISTER(Model, ExponentialLawPermeability);
NEML2_REGISTER(Model, KozenyCarmanPermeability);
} // namespace neml2

// Reaction mechanisms f(a): Avrami-Erofeev nucleation and contracting geometry.
#include "neml2/models/chemical_reactions/reaction_mechanism.h"

#include <limits>

namespace neml2
{
OptionSchema
ReactionMechanism::reaction_options()
{
  return Model::expected_options()
      .optional("conversion_degree", OptionKind::String, "conversion_degree", "the degree of conversion a (input)")
      .optional("reaction_rate", OptionKind::String, "reaction_rate", "the reaction rate (output)")
      .required("coef", OptionKind::String,
                "the reaction coefficient k (parameter 'k'): a number, a [Tensors] name, a [Models] name (e.g. an "
                "ArrheniusParameter of the temperature) or a variable name")
      .required("order", OptionKind::String, "the reaction order n (parameter 'n'), as coef");
}

ReactionMechanism::ReactionMechanism(const Options & options, Factory & factory)
  : Model(options),
    _a(options.get_string("conversion_degree")),
    _rate(options.get_string("reaction_rate"))
{
  declare_input(_a, TypeKind::Scalar);
  _k = declare_parameter<sym::Scalar>("k", options.get_string("coef"), "coef", factory);
  _n = declare_parameter<sym::Scalar>("n", options.get_string("order"), "order", factory);
  declare_output_distinct(_rate, TypeKind::Scalar, "reaction_rate");
}

void
ReactionMechanism::define(Staging & s) const
{
  s.output(_rate, sym::Scalar(rate(s.input<sym::Scalar>(_a), param(s, _k), param(s, _n))));
}

OptionSchema
AvramiErofeevNucleation::expected_options()
{
  return reaction_options().doc(
      "The Avrami-Erofeev nucleation mechanism, reaction_rate = k (1 - a) (-ln(1 - a))^n, with a the conversion "
      "degree, k the reaction coefficient and n the order.");
}

AvramiErofeevNucleation::AvramiErofeevNucleation(const Options & options, Factory & factory)
  : ReactionMechanism(options, factory)
{
}

sym::Sym
AvramiErofeevNucleation::rate(const sym::Sym & a, const sym::Sym & k, const sym::Sym & n) const
{
  const auto unreacted = 1.0 - a;
  return k * unreacted * sym::pow(-sym::log(unreacted), n);
}

OptionSchema
ContractingGeometry::expected_options()
{
  return reaction_options().doc(
      "The contracting-geometry mechanism, reaction_rate = k (1 - a)^n, with a the conversion degree (1 - a held in "
      "[eps, 1 - eps], eps the machine epsilon, so that the power stays finite; the rate's derivative is zero where "
      "it is held), k the reaction coefficient and n the order.");
}

ContractingGeometry::ContractingGeometry(const Options & options, Factory & factory)
  : ReactionMechanism(options, factory)
{
}

sym::Sym
ContractingGeometry::rate(const sym::Sym & a, const sym::Sym & k, const sym::Sym & n) const
{
  constexpr double eps = std::numeric_limits<double>::epsilon();
  return k * sym::pow(sym::clamp(1.0 - a, eps, 1.0 - eps), n);
}

NEML2_REGISTER(Model, AvramiErofeevNucleation);
NEML2_REGISTER(Model, ContractingGeometry);
} // namespace neml2

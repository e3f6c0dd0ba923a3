// GTN yield function, Gurson cavitation, Olevsky sintering stress (NEML2 v3's equations).
#include "neml2/models/solid_mechanics/porous_plasticity.h"

#include <set>

#include "neml2/graph/sym_tensor_ops.h"
#include "neml2/models/common/option_helpers.h"

namespace neml2
{
OptionSchema
GTNYieldFunction::expected_options()
{
  return Model::expected_options()
      .doc("Gurson-Tvergaard-Needleman yield function, yield_function = (flow_invariant / sf)^2 + 2 q1 void_fraction "
           "cosh(q2 poro_invariant / (2 sf)) - (1 + q3 void_fraction^2), with sf = sy + isotropic_hardening.")
      .optional("flow_invariant", OptionKind::String, "flow_invariant",
                "the effective stress driving plastic flow, e.g. the von Mises stress (input)")
      .optional("poro_invariant", OptionKind::String, "poro_invariant",
                "the effective stress driving porous flow, e.g. the trace of the Mandel stress (input)")
      .optional("void_fraction", OptionKind::String, "void_fraction", "the void fraction (porosity) (input)")
      .optional("isotropic_hardening", OptionKind::String, "", "the isotropic hardening k (optional input)")
      .optional("yield_function", OptionKind::String, "yield_function", "the yield function (output)")
      .required("yield_stress", OptionKind::String, std::string("the yield stress (parameter 'sy')") + parameter_forms)
      .required("q1", OptionKind::String, "the weight of the void term (parameter 'q1'), as above")
      .required("q2", OptionKind::String, "the pressure sensitivity (parameter 'q2'), as above")
      .required("q3", OptionKind::String, "the weight of the squared porosity (parameter 'q3'), as above");
}

GTNYieldFunction::GTNYieldFunction(const Options & options, Factory & factory)
  : Model(options),
    _se(options.get_string("flow_invariant")),
    _sp(options.get_string("poro_invariant")),
    _phi(options.get_string("void_fraction")),
    _h(options.get_string("isotropic_hardening")),
    _f(options.get_string("yield_function"))
{
  std::set<std::string> names = {_se, _sp, _phi};
  if (!_h.empty())
    names.insert(_h);
  if (names.size() != (_h.empty() ? 3U : 4U))
    throw options.error("void_fraction", "flow_invariant, poro_invariant, void_fraction and isotropic_hardening "
                                         "must be different variables");
  declare_input(_se, TypeKind::Scalar);
  declare_input(_sp, TypeKind::Scalar);
  declare_input(_phi, TypeKind::Scalar);
  if (!_h.empty())
    declare_input(_h, TypeKind::Scalar);
  _sy = declare_parameter<sym::Scalar>("sy", options.get_string("yield_stress"), "yield_stress", factory);
  _q1 = declare_parameter<sym::Scalar>("q1", options.get_string("q1"), "q1", factory);
  _q2 = declare_parameter<sym::Scalar>("q2", options.get_string("q2"), "q2", factory);
  _q3 = declare_parameter<sym::Scalar>("q3", options.get_string("q3"), "q3", factory);
  declare_output_distinct(_f, TypeKind::Scalar, "yield_function");
}

void
GTNYieldFunction::define(Staging & s) const
{
  auto sf = param(s, _sy).sym();
  if (!_h.empty())
    sf = sf + s.input<sym::Scalar>(_h).sym();
  const sym::Sym se = s.input<sym::Scalar>(_se), sp = s.input<sym::Scalar>(_sp), phi = s.input<sym::Scalar>(_phi);
  const auto arg = param(s, _q2).sym() / 2.0 * sp / sf;
  const auto cosh = (sym::exp(arg) + sym::exp(-arg)) / 2.0;
  const auto ratio = se / sf;
  s.output(_f, sym::Scalar(ratio * ratio + 2.0 * param(s, _q1).sym() * phi * cosh -
                           (1.0 + param(s, _q3).sym() * phi * phi)));
}

OptionSchema
GursonCavitation::expected_options()
{
  return Model::expected_options()
      .doc("Void growth from the plastic incompressibility of the matrix: void_fraction_rate = (1 - void_fraction) "
           "tr(plastic_strain_rate).")
      .optional("plastic_strain_rate", OptionKind::String, "plastic_strain_rate", "the plastic strain rate (input)")
      .optional("void_fraction", OptionKind::String, "void_fraction", "the void fraction (input)")
      .optional("void_fraction_rate", OptionKind::String, "void_fraction_rate", "the void growth rate (output)");
}

GursonCavitation::GursonCavitation(const Options & options, Factory &)
  : Model(options),
    _Ep_rate(options.get_string("plastic_strain_rate")),
    _phi(options.get_string("void_fraction")),
    _phi_rate(options.get_string("void_fraction_rate"))
{
  if (_Ep_rate == _phi)
    throw options.error("void_fraction", "plastic_strain_rate and void_fraction must be different variables");
  declare_input(_Ep_rate, TypeKind::SR2);
  declare_input(_phi, TypeKind::Scalar);
  declare_output_distinct(_phi_rate, TypeKind::Scalar, "void_fraction_rate");
}

void
GursonCavitation::define(Staging & s) const
{
  const auto trace = sym::tr(s.input<sym::SR2>(_Ep_rate));
  s.output(_phi_rate, sym::Scalar((1.0 - s.input<sym::Scalar>(_phi).sym()) * trace));
}

OptionSchema
OlevskySinteringStress::expected_options()
{
  return Model::expected_options()
      .doc("Olevsky-Skorohod sintering stress, sintering_stress = 3 gamma void_fraction^2 / r.")
      .optional("void_fraction", OptionKind::String, "void_fraction", "the void fraction (input)")
      .optional("sintering_stress", OptionKind::String, "sintering_stress", "the sintering stress (output)")
      .required("surface_tension", OptionKind::String,
                std::string("the surface tension (parameter 'gamma')") + parameter_forms)
      .required("particle_radius", OptionKind::String, "the particle radius (parameter 'r'), as above");
}

OlevskySinteringStress::OlevskySinteringStress(const Options & options, Factory & factory)
  : Model(options),
    _phi(options.get_string("void_fraction")),
    _ss(options.get_string("sintering_stress"))
{
  declare_input(_phi, TypeKind::Scalar);
  _gamma = declare_parameter<sym::Scalar>("gamma", options.get_string("surface_tension"), "surface_tension", factory);
  _r = declare_parameter<sym::Scalar>("r", options.get_string("particle_radius"), "particle_radius", factory);
  declare_output_distinct(_ss, TypeKind::Scalar, "sintering_stress");
}

void
OlevskySinteringStress::define(Staging & s) const
{
  const sym::Sym phi = s.input<sym::Scalar>(_phi);
  s.output(_ss, sym::Scalar(3.0 * param(s, _gamma).sym() * phi * phi / param(s, _r).sym()));
}

NEML2_REGISTER(Model, GTNYieldFunction);
NEML2_REGISTER(Model, GursonCavitation);
NEML2_REGISTER(Model, OlevskySinteringStress);
} // namespace neml2

// The Kocks–Mecking family (equations as NEML2 v3 computes them; see kocks_mecking.h).
#include "neml2/models/solid_mechanics/kocks_mecking.h"

#include <cmath>

namespace neml2
{
namespace
{
const char * parameter_kinds = "a number, a [Tensors] name, a [Models] name or a variable name";

/// Adds the constants' options (eps0 only where the model uses it).
OptionSchema &
constant_options(OptionSchema & s, bool with_eps0)
{
  s.required("k", OptionKind::Real, "Boltzmann's constant, in units consistent with the others")
      .required("b", OptionKind::Real, "the length of the Burgers vector");
  if (with_eps0)
    s.required("eps0", OptionKind::Real, "the reference strain rate");
  return s;
}

KocksMeckingConstants
read_constants(const Options & o, bool with_eps0)
{
  KocksMeckingConstants c;
  c.k = o.get_real("k");
  const double b = o.get_real("b");
  c.b3 = b * b * b;
  if (!(c.k > 0))
    throw o.error("k", "Boltzmann's constant must be positive");
  if (!(b > 0))
    throw o.error("b", "the Burgers vector length must be positive");
  if (with_eps0)
  {
    c.eps0 = o.get_real("eps0");
    if (!(c.eps0 > 0))
      throw o.error("eps0", "the reference strain rate must be positive");
  }
  return c;
}
} // namespace

// ---- KocksMeckingActivationEnergy: g = k T / (μ b³) log(ε̇0 / ε̇)

OptionSchema
KocksMeckingActivationEnergy::expected_options()
{
  auto s = Model::expected_options()
               .doc("Kocks-Mecking normalized activation energy: activation_energy = k temperature / (mu b^3) "
                    "log(eps0 / strain_rate).")
               .required("shear_modulus", OptionKind::String,
                         std::string("the shear modulus mu (parameter 'mu'): ") + parameter_kinds)
               .optional("temperature", OptionKind::String, "temperature", "the absolute temperature (input)")
               .optional("strain_rate", OptionKind::String, "strain_rate", "the effective strain rate (input)")
               .optional("activation_energy", OptionKind::String, "activation_energy", "the output");
  return constant_options(s, true);
}

KocksMeckingActivationEnergy::KocksMeckingActivationEnergy(const Options & options, Factory & factory)
  : Model(options),
    _T(options.get_string("temperature")),
    _eps_rate(options.get_string("strain_rate")),
    _g(options.get_string("activation_energy")),
    _c(read_constants(options, true))
{
  if (_T == _eps_rate)
    throw options.error("strain_rate", "the strain rate must differ from the temperature");
  declare_input(_T, TypeKind::Scalar);
  declare_input(_eps_rate, TypeKind::Scalar);
  _mu = declare_parameter<sym::Scalar>("mu", options.get_string("shear_modulus"), "shear_modulus", factory);
  declare_output_distinct(_g, TypeKind::Scalar, "activation_energy");
}

void
KocksMeckingActivationEnergy::define(Staging & s) const
{
  const sym::Sym T = s.input<sym::Scalar>(_T), eps_rate = s.input<sym::Scalar>(_eps_rate);
  const sym::Sym mu = param(s, _mu).sym();
  s.output(_g, sym::Scalar(_c.k * T / (mu * _c.b3) * sym::log(_c.eps0 / eps_rate)));
}

// ---- KocksMeckingFlowSwitch: γ̇ = σ γ̇_rd + (1 − σ) γ̇_ri, σ = (tanh(s (g − g0)) + 1) / 2

OptionSchema
KocksMeckingFlowSwitch::expected_options()
{
  return Model::expected_options()
      .doc("Kocks-Mecking flow switch: flow_rate = w rate_dependent_flow_rate + (1 - w) rate_independent_flow_rate "
           "with w = (tanh(sharpness (activation_energy - g0)) + 1) / 2.")
      .required("g0", OptionKind::String,
                std::string("the critical activation energy g0 (parameter 'g0'): ") + parameter_kinds)
      .optional("sharpness", OptionKind::Real, "1.0", "how sharply the switch moves from one flow rate to the other")
      .optional("activation_energy", OptionKind::String, "activation_energy", "the activation energy (input)")
      .optional("rate_independent_flow_rate", OptionKind::String, "rate_independent_flow_rate",
                "the rate-independent flow rate (input)")
      .optional("rate_dependent_flow_rate", OptionKind::String, "rate_dependent_flow_rate",
                "the rate-dependent flow rate (input)")
      .optional("flow_rate", OptionKind::String, "flow_rate", "the switched flow rate (output)");
}

KocksMeckingFlowSwitch::KocksMeckingFlowSwitch(const Options & options, Factory & factory)
  : Model(options),
    _g(options.get_string("activation_energy")),
    _ri(options.get_string("rate_independent_flow_rate")),
    _rd(options.get_string("rate_dependent_flow_rate")),
    _flow_rate(options.get_string("flow_rate")),
    _sharpness(options.get_real("sharpness"))
{
  if (!std::isfinite(_sharpness))
    throw options.error("sharpness", "expected a finite number");
  declare_input(_g, TypeKind::Scalar);
  declare_input(_ri, TypeKind::Scalar);
  declare_input(_rd, TypeKind::Scalar);
  _g0 = declare_parameter<sym::Scalar>("g0", options.get_string("g0"), "g0", factory);
  declare_output_distinct(_flow_rate, TypeKind::Scalar, "flow_rate");
}

void
KocksMeckingFlowSwitch::define(Staging & s) const
{
  const sym::Sym g = s.input<sym::Scalar>(_g);
  const sym::Sym ri = s.input<sym::Scalar>(_ri), rd = s.input<sym::Scalar>(_rd);
  const auto w = (sym::tanh(_sharpness * (g - param(s, _g0).sym())) + 1.0) / 2.0;
  s.output(_flow_rate, sym::Scalar(w * rd + (1.0 - w) * ri));
}

// ---- KocksMeckingFlowViscosity: η = exp(B) μ ε̇0^(k T A / (μ b³))

OptionSchema
KocksMeckingFlowViscosity::expected_options()
{
  auto s =
      Model::expected_options()
          .doc("Kocks-Mecking flow viscosity (the Perzyna reference stress): viscosity = exp(B) mu eps0^(k "
               "temperature A / (mu b^3)).")
          .required("A", OptionKind::String, std::string("the Kocks-Mecking slope (parameter 'A'): ") + parameter_kinds)
          .required("B", OptionKind::String, "the Kocks-Mecking intercept (parameter 'B'), as above")
          .required("shear_modulus", OptionKind::String, "the shear modulus (parameter 'mu'), as above")
          .optional("temperature", OptionKind::String, "temperature", "the absolute temperature (input)")
          .optional("viscosity", OptionKind::String, "", "the output (default: the block's name)");
  return constant_options(s, true);
}

KocksMeckingFlowViscosity::KocksMeckingFlowViscosity(const Options & options, Factory & factory)
  : Model(options),
    _T(options.get_string("temperature")),
    _eta(options.has("viscosity") ? options.get_string("viscosity") : options.name()),
    _c(read_constants(options, true))
{
  declare_input(_T, TypeKind::Scalar);
  _A = declare_parameter<sym::Scalar>("A", options.get_string("A"), "A", factory);
  _B = declare_parameter<sym::Scalar>("B", options.get_string("B"), "B", factory);
  _mu = declare_parameter<sym::Scalar>("mu", options.get_string("shear_modulus"), "shear_modulus", factory);
  declare_output_distinct(_eta, TypeKind::Scalar, "viscosity");
}

void
KocksMeckingFlowViscosity::define(Staging & s) const
{
  const sym::Sym T = s.input<sym::Scalar>(_T);
  const sym::Sym A = param(s, _A).sym(), B = param(s, _B).sym(), mu = param(s, _mu).sym();
  const auto exponent = _c.k * T * A / (mu * _c.b3);
  s.output(_eta, sym::Scalar(sym::exp(B) * mu * sym::exp(exponent * std::log(_c.eps0))));
}

// ---- KocksMeckingRateSensitivity: n = −μ b³ / (k T A)

OptionSchema
KocksMeckingRateSensitivity::expected_options()
{
  auto s =
      Model::expected_options()
          .doc("Kocks-Mecking rate sensitivity (the Perzyna exponent): rate_sensitivity = -mu b^3 / (k "
               "temperature A).")
          .required("A", OptionKind::String, std::string("the Kocks-Mecking slope (parameter 'A'): ") + parameter_kinds)
          .required("shear_modulus", OptionKind::String, "the shear modulus (parameter 'mu'), as above")
          .optional("temperature", OptionKind::String, "temperature", "the absolute temperature (input)")
          .optional("rate_sensitivity", OptionKind::String, "rate_sensitivity", "the output");
  return constant_options(s, false);
}

KocksMeckingRateSensitivity::KocksMeckingRateSensitivity(const Options & options, Factory & factory)
  : Model(options),
    _T(options.get_string("temperature")),
    _m(options.get_string("rate_sensitivity")),
    _c(read_constants(options, false))
{
  declare_input(_T, TypeKind::Scalar);
  _A = declare_parameter<sym::Scalar>("A", options.get_string("A"), "A", factory);
  _mu = declare_parameter<sym::Scalar>("mu", options.get_string("shear_modulus"), "shear_modulus", factory);
  declare_output_distinct(_m, TypeKind::Scalar, "rate_sensitivity");
}

void
KocksMeckingRateSensitivity::define(Staging & s) const
{
  const sym::Sym T = s.input<sym::Scalar>(_T);
  s.output(_m, sym::Scalar(-(param(s, _mu).sym() * _c.b3) / (_c.k * T * param(s, _A).sym())));
}

// ---- KocksMeckingIntercept: (C − B) / A

OptionSchema
KocksMeckingIntercept::expected_options()
{
  return Model::expected_options()
      .doc("Kocks-Mecking intercept, the critical activation energy: intercept = (C - B) / A.")
      .required("A", OptionKind::String, std::string("the Kocks-Mecking slope (parameter 'A'): ") + parameter_kinds)
      .required("B", OptionKind::String, "the Kocks-Mecking intercept (parameter 'B'), as above")
      .required("C", OptionKind::String, "the Kocks-Mecking horizontal value (parameter 'C'), as above")
      .optional("intercept", OptionKind::String, "intercept", "the output");
}

KocksMeckingIntercept::KocksMeckingIntercept(const Options & options, Factory & factory)
  : Model(options),
    _out(options.get_string("intercept"))
{
  _A = declare_parameter<sym::Scalar>("A", options.get_string("A"), "A", factory);
  _B = declare_parameter<sym::Scalar>("B", options.get_string("B"), "B", factory);
  _C = declare_parameter<sym::Scalar>("C", options.get_string("C"), "C", factory);
  declare_output_distinct(_out, TypeKind::Scalar, "intercept");
}

void
KocksMeckingIntercept::define(Staging & s) const
{
  s.output(_out, sym::Scalar((param(s, _C).sym() - param(s, _B).sym()) / param(s, _A).sym()));
}

// ---- KocksMeckingYieldStress: σy = exp(C) μ

OptionSchema
KocksMeckingYieldStress::expected_options()
{
  return Model::expected_options()
      .doc("Kocks-Mecking yield stress: yield_stress = exp(C) mu.")
      .required("C", OptionKind::String,
                std::string("the Kocks-Mecking horizontal value (parameter 'C'): ") + parameter_kinds)
      .required("shear_modulus", OptionKind::String, "the shear modulus (parameter 'mu'), as above")
      .optional("yield_stress", OptionKind::String, "yield_stress", "the output");
}

KocksMeckingYieldStress::KocksMeckingYieldStress(const Options & options, Factory & factory)
  : Model(options),
    _out(options.get_string("yield_stress"))
{
  _C = declare_parameter<sym::Scalar>("C", options.get_string("C"), "C", factory);
  _mu = declare_parameter<sym::Scalar>("mu", options.get_string("shear_modulus"), "shear_modulus", factory);
  declare_output_distinct(_out, TypeKind::Scalar, "yield_stress");
}

void
KocksMeckingYieldStress::define(Staging & s) const
{
  s.output(_out, sym::Scalar(sym::exp(param(s, _C).sym()) * param(s, _mu).sym()));
}

NEML2_REGISTER(Model, KocksMeckingActivationEnergy);
NEML2_REGISTER(Model, KocksMeckingFlowSwitch);
NEML2_REGISTER(Model, KocksMeckingFlowViscosity);
NEML2_REGISTER(Model, KocksMeckingRateSensitivity);
NEML2_REGISTER(Model, KocksMeckingIntercept);
NEML2_REGISTER(Model, KocksMeckingYieldStress);
} // namespace neml2

// Linear isotropic elasticity in terms of the bulk and shear moduli.
#include "neml2/models/solid_mechanics/linear_isotropic_elasticity.h"

#include <fmt/format.h>

#include "neml2/graph/sym_tensor_ops.h"

namespace neml2
{
namespace
{
const std::vector<std::string> constant_names = {"YOUNGS_MODULUS", "POISSONS_RATIO", "BULK_MODULUS", "SHEAR_MODULUS",
                                                 "LAME_LAMBDA"};
// Parameter names as NEML2 names them (so `-p E` works as in the seed).
const std::vector<std::string> parameter_names = {"E", "nu", "K", "G", "lambda"};
} // namespace

OptionSchema
IsotropicElasticModel::with_elastic_constants(OptionSchema options)
{
  return options
      .required("coefficients", OptionKind::Strings,
                "the two elastic constants: numbers, [Tensors] names, [Models] names or variable names")
      .choices("coefficient_types", constant_names, "",
               "what each coefficient is: two of " + fmt::format("{}", fmt::join(constant_names, ", ")));
}

IsotropicElasticModel::IsotropicElasticModel(const Options & options, Factory & factory)
  : Model(options)
{
  const auto coefs = options.get_strings("coefficients");
  const auto types = options.get_strings("coefficient_types");
  if (coefs.size() != 2)
    throw options.error("coefficients", fmt::format("expected 2 coefficients, got {}", coefs.size()));
  if (types.size() != 2)
    throw options.error("coefficient_types", fmt::format("expected 2 coefficient types, got {}", types.size()));
  if (types[0] == types[1])
    throw options.error("coefficient_types", fmt::format("the two coefficients must be different constants, got "
                                                         "{} twice",
                                                         types[0]));
  for (std::size_t i = 0; i < 2; ++i)
  {
    const auto k = static_cast<std::size_t>(std::find(constant_names.begin(), constant_names.end(), types[i]) -
                                            constant_names.begin());
    _types[i] = static_cast<ElasticConstant>(k);
    _constants[i] = declare_parameter<sym::Scalar>(parameter_names[k], coefs[i], "coefficients", factory);
    // Each constant alone must keep the stiffness positive definite (lambda may be negative).
    if (_types[i] == ElasticConstant::POISSONS_RATIO)
      admit(parameter_names[k], Admissible::open(-1, 0.5, "Poisson's ratio"), "coefficients");
    else if (_types[i] != ElasticConstant::LAME_LAMBDA)
      admit(parameter_names[k],
            Admissible::positive(types[i] == "YOUNGS_MODULUS" ? "Young's modulus"
                                 : types[i] == "BULK_MODULUS" ? "the bulk modulus"
                                                              : "the shear modulus"),
            "coefficients");
  }
}

std::pair<sym::Sym, sym::Sym>
IsotropicElasticModel::bulk_and_shear_moduli(Staging & s) const
{
  return bulk_and_shear(_types[0], param(s, _constants[0]).sym(), _types[1], param(s, _constants[1]).sym());
}

OptionSchema
LinearIsotropicElasticity::expected_options()
{
  return with_elastic_constants(Model::expected_options())
      .doc("Linear isotropic elasticity, stress = 3K vol(strain) + 2G dev(strain), with the two elastic constants "
           "given as any pair of Young's modulus, Poisson's ratio, bulk modulus, shear modulus and Lamé's first "
           "parameter.")
      .optional("strain", OptionKind::String, "strain", "name of the strain variable")
      .optional("stress", OptionKind::String, "stress", "name of the stress variable")
      .optional("compliance", OptionKind::Bool, "false", "map stress to strain instead of strain to stress")
      .optional("rate_form", OptionKind::Bool, "false",
                "relate the rates: variables are named <strain>_rate and <stress>_rate");
}

LinearIsotropicElasticity::LinearIsotropicElasticity(const Options & options, Factory & factory)
  : IsotropicElasticModel(options, factory),
    _compliance(options.get_bool("compliance"))
{
  auto strain = options.get_string("strain"), stress = options.get_string("stress");
  if (options.get_bool("rate_form"))
  {
    strain += "_rate";
    stress += "_rate";
  }
  _from = _compliance ? stress : strain;
  _to = _compliance ? strain : stress;
  declare_input(_from, TypeKind::SR2);
  declare_output(_to, TypeKind::SR2);
}

std::pair<sym::Sym, sym::Sym>
bulk_and_shear(ElasticConstant t1, const sym::Sym & c1, ElasticConstant t2, const sym::Sym & c2)
{
  using E = ElasticConstant;
  // Put the pair in table order so each combination appears once below.
  if (static_cast<int>(t1) > static_cast<int>(t2))
    return bulk_and_shear(t2, c2, t1, c1);
  const auto & a = c1;
  const auto & b = c2;
  if (t1 == E::YOUNGS_MODULUS && t2 == E::POISSONS_RATIO) // E, nu
    return {a / (3.0 * (1.0 - 2.0 * b)), a / (2.0 * (1.0 + b))};
  if (t1 == E::YOUNGS_MODULUS && t2 == E::BULK_MODULUS) // E, K
    return {b, 3.0 * b * a / (9.0 * b - a)};
  if (t1 == E::YOUNGS_MODULUS && t2 == E::SHEAR_MODULUS) // E, G
    return {a * b / (3.0 * (3.0 * b - a)), b};
  if (t1 == E::YOUNGS_MODULUS && t2 == E::LAME_LAMBDA) // E, lambda
  {
    auto r = sym::sqrt(a * a + 9.0 * b * b + 2.0 * a * b);
    return {(a + 3.0 * b + r) / 6.0, (a - 3.0 * b + r) / 4.0};
  }
  if (t1 == E::POISSONS_RATIO && t2 == E::BULK_MODULUS) // nu, K
    return {b, 3.0 * b * (1.0 - 2.0 * a) / (2.0 * (1.0 + a))};
  if (t1 == E::POISSONS_RATIO && t2 == E::SHEAR_MODULUS) // nu, G
    return {2.0 * b * (1.0 + a) / (3.0 * (1.0 - 2.0 * a)), b};
  if (t1 == E::POISSONS_RATIO && t2 == E::LAME_LAMBDA) // nu, lambda
    return {b * (1.0 + a) / (3.0 * a), b * (1.0 - 2.0 * a) / (2.0 * a)};
  if (t1 == E::BULK_MODULUS && t2 == E::SHEAR_MODULUS) // K, G
    return {a, b};
  if (t1 == E::BULK_MODULUS && t2 == E::LAME_LAMBDA) // K, lambda
    return {a, 3.0 * (a - b) / 2.0};
  if (t1 == E::SHEAR_MODULUS && t2 == E::LAME_LAMBDA) // G, lambda
    return {b + 2.0 * a / 3.0, a};
  throw ValueError("the two elastic constants must be different");
}

void
LinearIsotropicElasticity::define(Staging & s) const
{
  auto [K, G] = bulk_and_shear_moduli(s);
  auto x = s.input<sym::SR2>(_from);
  if (_compliance) // ε = vol(σ)/(3K) + dev(σ)/(2G)
    s.output(_to, sym::vol(x) / (3.0 * K) + sym::dev(x) / (2.0 * G));
  else // σ = 3K vol(ε) + 2G dev(ε)
    s.output(_to, 3.0 * K * sym::vol(x) + 2.0 * G * sym::dev(x));
}

NEML2_REGISTER(Model, LinearIsotropicElasticity);
} // namespace neml2

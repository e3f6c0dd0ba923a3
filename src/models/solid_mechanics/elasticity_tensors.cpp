// Isotropic and cubic elasticity tensors (Mandel 6x6, row-major).
#include "neml2/models/solid_mechanics/elasticity_tensors.h"

#include <fmt/format.h>

namespace neml2
{
OptionSchema
IsotropicElasticityTensor::expected_options()
{
  return with_elastic_constants(Model::expected_options())
      .doc("Isotropic elasticity tensor, C = 3K I_vol + 2G I_dev, from two elastic constants.")
      .optional("C", OptionKind::String, "", "the elasticity tensor, an SSR4 (output; default: the block's name)");
}

IsotropicElasticityTensor::IsotropicElasticityTensor(const Options & options, Factory & factory)
  : IsotropicElasticModel(options, factory),
    _C(options.has("C") ? options.get_string("C") : options.name())
{
  declare_output(_C, TypeKind::SSR4);
}

void
IsotropicElasticityTensor::define(Staging & s) const
{
  const auto [K, G] = bulk_and_shear_moduli(s);
  sym::SSR4 C = sym::SSR4::zeros(K.graph());
  const auto diag = K + 4.0 / 3.0 * G, off = K - 2.0 / 3.0 * G;
  for (std::size_t i = 0; i < 3; ++i)
  {
    for (std::size_t j = 0; j < 3; ++j)
      C[i * 6 + j] = i == j ? diag : off;
    C[(i + 3) * 6 + i + 3] = 2.0 * G;
  }
  s.output(_C, C);
}

OptionSchema
CubicElasticityTensor::expected_options()
{
  return Model::expected_options()
      .doc("Cubic elasticity tensor: C11 = E (1 - nu) / ((1 + nu) (1 - 2 nu)), C12 = E nu / ((1 + nu) (1 - 2 nu)), "
           "and 2 G on the Mandel shear diagonal.")
      .required("coefficients", OptionKind::Strings,
                "the three elastic constants: numbers, [Tensors] names, [Models] names or variable names")
      .choices("coefficient_types", {"SHEAR_MODULUS", "YOUNGS_MODULUS", "POISSONS_RATIO"}, "",
               "what each coefficient is: SHEAR_MODULUS, YOUNGS_MODULUS and POISSONS_RATIO, in any order")
      .optional("C", OptionKind::String, "", "the elasticity tensor, an SSR4 (output; default: the block's name)");
}

CubicElasticityTensor::CubicElasticityTensor(const Options & options, Factory & factory)
  : Model(options),
    _C(options.has("C") ? options.get_string("C") : options.name())
{
  const auto coefs = options.get_strings("coefficients");
  const auto types = options.get_strings("coefficient_types");
  if (coefs.size() != 3)
    throw options.error("coefficients", fmt::format("expected 3 coefficients, got {}", coefs.size()));
  const std::vector<std::string> want = {"SHEAR_MODULUS", "YOUNGS_MODULUS", "POISSONS_RATIO"};
  for (const auto & t : want)
    if (std::count(types.begin(), types.end(), t) != 1 || types.size() != 3)
      throw options.error("coefficient_types",
                          fmt::format("expected SHEAR_MODULUS, YOUNGS_MODULUS and POISSONS_RATIO once each, got '{}'",
                                      fmt::join(types, " ")));
  const auto coef = [&](const std::string & t) {
    return coefs[static_cast<std::size_t>(std::find(types.begin(), types.end(), t) - types.begin())];
  };
  _G = declare_parameter<sym::Scalar>("G", coef("SHEAR_MODULUS"), "coefficients", factory);
  _E = declare_parameter<sym::Scalar>("E", coef("YOUNGS_MODULUS"), "coefficients", factory);
  _nu = declare_parameter<sym::Scalar>("nu", coef("POISSONS_RATIO"), "coefficients", factory);
  admit("G", Admissible::positive("the shear modulus"), "coefficients");
  admit("E", Admissible::positive("Young's modulus"), "coefficients");
  admit("nu", Admissible::open(-1, 0.5, "Poisson's ratio"), "coefficients");
  declare_output(_C, TypeKind::SSR4);
}

void
CubicElasticityTensor::define(Staging & s) const
{
  const sym::Sym G = param(s, _G).sym(), E = param(s, _E).sym(), nu = param(s, _nu).sym();
  const auto denom = (1.0 + nu) * (1.0 - 2.0 * nu);
  const auto C11 = E * (1.0 - nu) / denom, C12 = E * nu / denom;
  sym::SSR4 C = sym::SSR4::zeros(G.graph());
  for (std::size_t i = 0; i < 3; ++i)
  {
    for (std::size_t j = 0; j < 3; ++j)
      C[i * 6 + j] = i == j ? C11 : C12;
    C[(i + 3) * 6 + i + 3] = 2.0 * G;
  }
  s.output(_C, C);
}

NEML2_REGISTER(Model, IsotropicElasticityTensor);
NEML2_REGISTER(Model, CubicElasticityTensor);
} // namespace neml2

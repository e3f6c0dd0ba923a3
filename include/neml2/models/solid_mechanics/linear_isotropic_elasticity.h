// Linear isotropic elasticity: σ = 3K vol(ε) + 2G dev(ε) (or its inverse, or its rate form).
#pragma once

#include <array>

#include "neml2/models/model.h"

namespace neml2
{
/// The elastic constants a coefficient can be given as (NEML2's coefficient_types).
enum class ElasticConstant
{
  YOUNGS_MODULUS,
  POISSONS_RATIO,
  BULK_MODULUS,
  SHEAR_MODULUS,
  LAME_LAMBDA,
};

/**
 * Base of the isotropic elastic models: two elastic constants given as NEML2 does
 * (`coefficients` and `coefficient_types`), declared as parameters under NEML2's names (E, nu,
 * K, G, lambda), and converted to the bulk and shear moduli in define().
 */
class IsotropicElasticModel : public Model
{
public:
  /// `options` plus `coefficients` and `coefficient_types`.
  static OptionSchema with_elastic_constants(OptionSchema options);

protected:
  IsotropicElasticModel(const Options & options, Factory & factory);
  /// (K, G) from the two constants.
  std::pair<sym::Sym, sym::Sym> bulk_and_shear_moduli(Staging & s) const;

private:
  std::array<ElasticConstant, 2> _types;
  std::array<Param<sym::Scalar>, 2> _constants; // the two parameters, e.g. "E", "nu"
};

class LinearIsotropicElasticity : public IsotropicElasticModel
{
public:
  LinearIsotropicElasticity(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  bool _compliance;
  std::string _from, _to;
};

/// Bulk and shear moduli (K, G) from any two distinct elastic constants; throws ValueError for
/// a pair that does not determine them (or repeats one).
std::pair<sym::Sym, sym::Sym> bulk_and_shear(ElasticConstant t1, const sym::Sym & c1, ElasticConstant t2,
                                             const sym::Sym & c2);
} // namespace neml2

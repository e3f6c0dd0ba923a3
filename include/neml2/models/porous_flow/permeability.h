// Porosity-permeability relations: power law, exponential law, Kozeny-Carman.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * Base of the porosity-permeability relations (NEML2's PorosityPermeabilityRelation): input
 * `porosity` phi, output `permeability` K, and the reference values K0
 * (`reference_permeability`) and phi0 (`reference_porosity`) every relation has.
 */
class PorosityPermeabilityRelation : public Model
{
public:
  static OptionSchema permeability_options();

protected:
  PorosityPermeabilityRelation(const Options & options, Factory & factory);
  void define(Staging & s) const final;
  /// K from phi, K0 and phi0.
  virtual sym::Sym permeability(Staging & s, const sym::Sym & phi, const sym::Sym & K0,
                                const sym::Sym & phi0) const = 0;

private:
  std::string _phi, _K;
  Param<sym::Scalar> _K0, _phi0;
};

/// K = K0 (phi / phi0)^p; parameter `p` (`exponent`).
class PowerLawPermeability : public PorosityPermeabilityRelation
{
public:
  PowerLawPermeability(const Options & options, Factory & factory);
  static OptionSchema expected_options();

protected:
  sym::Sym permeability(Staging & s, const sym::Sym & phi, const sym::Sym & K0, const sym::Sym & phi0) const override;

private:
  Param<sym::Scalar> _p;
};

/// K = K0 exp(a (phi0 - phi)); parameter `a` (`scale`).
class ExponentialLawPermeability : public PorosityPermeabilityRelation
{
public:
  ExponentialLawPermeability(const Options & options, Factory & factory);
  static OptionSchema expected_options();

protected:
  sym::Sym permeability(Staging & s, const sym::Sym & phi, const sym::Sym & K0, const sym::Sym & phi0) const override;

private:
  Param<sym::Scalar> _a;
};

/// K = K0 (phi / (1 - phi))^n / (phi0 / (1 - phi0))^m (Kozeny-Carman); parameters `n`, `m`.
class KozenyCarmanPermeability : public PorosityPermeabilityRelation
{
public:
  KozenyCarmanPermeability(const Options & options, Factory & factory);
  static OptionSchema expected_options();

protected:
  sym::Sym permeability(Staging & s, const sym::Sym & phi, const sym::Sym & K0, const sym::Sym & phi0) const override;

private:
  Param<sym::Scalar> _n, _m;
};
} // namespace neml2

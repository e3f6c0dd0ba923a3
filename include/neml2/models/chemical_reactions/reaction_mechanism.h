// Reaction mechanisms: the rate of a solid-state reaction as a function of its conversion degree.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * Base of the reaction mechanisms f(a) of solid-state kinetics, da/dt = f(a) (NEML2's
 * ReactionMechanism): input `conversion_degree` a, output `reaction_rate`, and the reaction
 * coefficient k (parameter `k`, option `coef`) and order n (parameter `n`, option `order`) that
 * both mechanisms here have.
 */
class ReactionMechanism : public Model
{
public:
  static OptionSchema reaction_options();

protected:
  ReactionMechanism(const Options & options, Factory & factory);
  void define(Staging & s) const final;
  virtual sym::Sym rate(const sym::Sym & a, const sym::Sym & k, const sym::Sym & n) const = 0;

private:
  std::string _a, _rate;
  Param<sym::Scalar> _k, _n;
};

/// f = k (1 - a) (-ln(1 - a))^n: random nucleation and growth (Avrami-Erofeev).
class AvramiErofeevNucleation : public ReactionMechanism
{
public:
  AvramiErofeevNucleation(const Options & options, Factory & factory);
  static OptionSchema expected_options();

protected:
  sym::Sym rate(const sym::Sym & a, const sym::Sym & k, const sym::Sym & n) const override;
};

/// f = k (1 - a)^n, 1 - a held in [eps, 1 - eps]: a reacting front contracting into the
/// particle (n = 1/2 a cylinder, 2/3 a sphere; n = 1 first order).
class ContractingGeometry : public ReactionMechanism
{
public:
  ContractingGeometry(const Options & options, Factory & factory);
  static OptionSchema expected_options();

protected:
  sym::Sym rate(const sym::Sym & a, const sym::Sym & k, const sym::Sym & n) const override;
};
} // namespace neml2

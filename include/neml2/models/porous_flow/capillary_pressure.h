// Capillary pressure as a function of the effective saturation (Brooks-Corey, van Genuchten).
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * Base of the capillary-pressure correlations (NEML2's CapillaryPressure): input
 * `effective_saturation` S, output `capillary_pressure` Pc. With `log_extension`, below the
 * `transition_saturation` Sp the pressure follows the line in log10(Pc) tangent to the
 * correlation at Sp, Pc = Pc(Sp) exp(Pc'(Sp) / Pc(Sp) (S - Sp)), which stays finite as S -> 0.
 */
class CapillaryPressure : public Model
{
public:
  static OptionSchema capillary_pressure_options();

protected:
  CapillaryPressure(const Options & options);
  void define(Staging & s) const final;

  /// The correlation and its derivative with respect to S, at saturation `S`.
  struct Branch
  {
    sym::Sym value, slope;
  };
  virtual Branch correlation(Staging & s, const sym::Sym & S) const = 0;

private:
  std::string _S, _Pc;
  bool _log_extension;
  double _Sp;
};

/// Pc = Pt S^(-1/p) (Brooks and Corey, 1964); parameters `Pt` (`threshold_pressure`) and `p`
/// (`exponent`).
class BrooksCoreyCapillaryPressure : public CapillaryPressure
{
public:
  BrooksCoreyCapillaryPressure(const Options & options, Factory & factory);
  static OptionSchema expected_options();

protected:
  Branch correlation(Staging & s, const sym::Sym & S) const override;

private:
  Param<sym::Scalar> _Pt, _p;
};

/// Pc = a (S^(-1/m) - 1)^(1 - m) (van Genuchten, 1980), S taken as at most 1 - machine epsilon;
/// parameters `a` and `m`.
class VanGenuchtenCapillaryPressure : public CapillaryPressure
{
public:
  VanGenuchtenCapillaryPressure(const Options & options, Factory & factory);
  static OptionSchema expected_options();

protected:
  Branch correlation(Staging & s, const sym::Sym & S) const override;

private:
  Param<sym::Scalar> _a, _m;
};
} // namespace neml2

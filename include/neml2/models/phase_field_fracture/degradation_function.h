// Degradation functions g(d) of phase-field fracture (power and rational).
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * Base of the degradation functions g(d) that scale the active strain energy (NEML2's
 * DegradationFunction): input `phase` d, output `degradation` g, and the residual degradation
 * eta (option `eta`, a number, default 0): g = g0(d) (1 - eta) + eta with g0(0) = 1, g0(1) = 0.
 */
class DegradationFunction : public Model
{
public:
  static OptionSchema degradation_options();

protected:
  DegradationFunction(const Options & options, Factory & factory);
  void define(Staging & s) const final;
  /// g0(d), from 1 at d = 0 down to 0 at d = 1.
  virtual sym::Sym unscaled(Staging & s, const sym::Sym & d) const = 0;

  Param<sym::Scalar> _p; ///< the power of (1 - d), which every degradation function here has

private:
  std::string _d, _g;
  double _eta;
};

/// g0 = (1 - d)^p; parameter `p` (`power`).
class PowerDegradationFunction : public DegradationFunction
{
public:
  PowerDegradationFunction(const Options & options, Factory & factory);
  static OptionSchema expected_options();

protected:
  sym::Sym unscaled(Staging & s, const sym::Sym & d) const override;
};

/// g0 = (1 - d)^p / ((1 - d)^p + b1 d (1 + b2 d + b2 b3 d^2)) (Wu's cohesive phase field);
/// parameters `p` (`power`), `b1`, `b2`, `b3`.
class RationalDegradationFunction : public DegradationFunction
{
public:
  RationalDegradationFunction(const Options & options, Factory & factory);
  static OptionSchema expected_options();

protected:
  sym::Sym unscaled(Staging & s, const sym::Sym & d) const override;

private:
  Param<sym::Scalar> _b1, _b2, _b3;
};
} // namespace neml2

// Hermite smooth steps: the cubic step 3u² − 2u³ and the symmetric Hermite bump.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// Base of the Hermite functions of u = (argument − x0) / (x1 − x0), clamped to [ε, 1 − ε];
/// parameters `x0` (lower_bound) and `x1` (upper_bound).
class HermiteFunction : public Model
{
public:
  HermiteFunction(const Options & options, Factory & factory, const std::string & output);
  static OptionSchema hermite_options();
  void define(Staging & s) const override;

protected:
  /// The function of the clamped u and of 1 / (x1 − x0).
  virtual sym::Sym of(const sym::Sym & u, const sym::Sym & inverse_width) const = 0;

private:
  std::string _x, _y;
  Param<sym::Scalar> _x0, _x1;
};

/// value = 3u² − 2u³, or 1 − that with `complement = true`.
class HermiteSmoothStep : public HermiteFunction
{
public:
  HermiteSmoothStep(const Options & options, Factory & factory);
  static OptionSchema expected_options();

protected:
  sym::Sym of(const sym::Sym & u, const sym::Sym & inverse_width) const override;

private:
  bool _complement;
};

/// output = (24 c² − 32 c³) / (x1 − x0) for c < 1/2, the same of 1 − c above (a bump of unit
/// integral over [x0, x1]); the output defaults to the block's name.
class SymmetricHermiteInterpolation : public HermiteFunction
{
public:
  SymmetricHermiteInterpolation(const Options & options, Factory & factory);
  static OptionSchema expected_options();

protected:
  sym::Sym of(const sym::Sym & c, const sym::Sym & inverse_width) const override;
};
} // namespace neml2

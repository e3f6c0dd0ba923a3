// Crack geometric functions of phase-field fracture (AT-1 and AT-2).
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * Base of the crack geometric functions alpha(d) of the Ambrosio-Tortorelli functionals (NEML2's
 * CrackGeometricFunction): input `phase` d (the phase field), output `crack` alpha.
 */
class CrackGeometricFunction : public Model
{
public:
  static OptionSchema crack_options();

protected:
  CrackGeometricFunction(const Options & options);
  void define(Staging & s) const final;
  virtual sym::Sym alpha(const sym::Sym & d) const = 0;

private:
  std::string _d, _alpha;
};

/// alpha = d (AT-1: a purely elastic response until the crack nucleates).
class CrackGeometricFunctionAT1 : public CrackGeometricFunction
{
public:
  CrackGeometricFunctionAT1(const Options & options, Factory & factory);
  static OptionSchema expected_options();

protected:
  sym::Sym alpha(const sym::Sym & d) const override { return d; }
};

/// alpha = d^2 (AT-2).
class CrackGeometricFunctionAT2 : public CrackGeometricFunction
{
public:
  CrackGeometricFunctionAT2(const Options & options, Factory & factory);
  static OptionSchema expected_options();

protected:
  sym::Sym alpha(const sym::Sym & d) const override { return d * d; }
};
} // namespace neml2

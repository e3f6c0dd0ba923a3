// The Kocks–Mecking family: a normalized activation energy g = kT/(μb³) log(ε̇0/ε̇) decides between
// rate-independent (low g) and rate-dependent (high g) flow, with temperature-dependent Perzyna
// parameters and yield stress read off the Kocks–Mecking diagram (slope A, intercept B,
// horizontal value C).
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// The physical constants of the family: Boltzmann's constant k, the Burgers vector length b and
/// a reference strain rate ε̇0 (read from the options of those names, where the model takes them).
struct KocksMeckingConstants
{
  double k = 0, b3 = 0, eps0 = 0;
};

/// g = k T / (μ b³) log(ε̇0 / ε̇). Parameter `mu` (option `shear_modulus`); variables
/// `temperature`, `strain_rate` (inputs), `activation_energy` (output).
class KocksMeckingActivationEnergy : public Model
{
public:
  KocksMeckingActivationEnergy(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _T, _eps_rate, _g;
  KocksMeckingConstants _c;
  Param<sym::Scalar> _mu;
};

/// γ̇ = σ γ̇_rd + (1 − σ) γ̇_ri with σ = (tanh(s (g − g0)) + 1) / 2: a smooth switch from the
/// rate-independent flow rate (g < g0) to the rate-dependent one (g > g0). Parameter `g0`, option
/// `sharpness` s (1).
class KocksMeckingFlowSwitch : public Model
{
public:
  KocksMeckingFlowSwitch(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _g, _ri, _rd, _flow_rate;
  double _sharpness;
  Param<sym::Scalar> _g0;
};

/// η = exp(B) μ ε̇0^(k T A / (μ b³)): the Perzyna reference stress. Parameters `A`, `B`, `mu`
/// (`shear_modulus`); `temperature` (input), `viscosity` (output, default the block's name).
class KocksMeckingFlowViscosity : public Model
{
public:
  KocksMeckingFlowViscosity(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _T, _eta;
  KocksMeckingConstants _c;
  Param<sym::Scalar> _A, _B, _mu;
};

/// n = −μ b³ / (k T A): the Perzyna rate sensitivity (positive, the slope A being negative).
/// Parameters `A`, `mu` (`shear_modulus`); `temperature` (input), `rate_sensitivity` (output).
class KocksMeckingRateSensitivity : public Model
{
public:
  KocksMeckingRateSensitivity(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _T, _m;
  KocksMeckingConstants _c;
  Param<sym::Scalar> _A, _mu;
};

/// g0 = (C − B) / A: the activation energy where the rate-dependent line meets the horizontal
/// rate-independent one. Parameters `A`, `B`, `C`; output `intercept`.
class KocksMeckingIntercept : public Model
{
public:
  KocksMeckingIntercept(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _out;
  Param<sym::Scalar> _A, _B, _C;
};

/// σy = exp(C) μ. Parameters `C`, `mu` (`shear_modulus`); output `yield_stress`.
class KocksMeckingYieldStress : public Model
{
public:
  KocksMeckingYieldStress(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _out;
  Param<sym::Scalar> _C, _mu;
};
} // namespace neml2

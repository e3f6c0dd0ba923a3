// Isotropic eigenstrains (cumulative, stress-free strains): thermal, volume change, phase
// transformation.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// eigenstrain = alpha (T − T0) I; parameters `T0` (reference_temperature), `alpha` (CTE).
class ThermalEigenstrain : public Model
{
public:
  ThermalEigenstrain(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _T, _eg;
  Param<sym::Scalar> _T0, _alpha;
};

/// eigenstrain = ((V / V0)^(1/3) − 1) I; parameter `V0` (reference_volume).
class VolumeChangeEigenstrain : public Model
{
public:
  VolumeChangeEigenstrain(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _V, _eg;
  Param<sym::Scalar> _V0;
};

/// eigenstrain = f ΔV I, with f the phase fraction and ΔV the volume-fraction change (inputs).
class PhaseTransformationEigenstrain : public Model
{
public:
  PhaseTransformationEigenstrain(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _f, _dV, _eg;
};
} // namespace neml2

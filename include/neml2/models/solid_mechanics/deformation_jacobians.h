// Volumetric deformation Jacobians (thermal, swelling and phase change) and the volume
// adjustment of a deformation gradient by such a Jacobian.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// jacobian = 1 + alpha (T − T0); parameters `T0` (reference_temperature), `alpha` (CTE).
class ThermalDeformationJacobian : public Model
{
public:
  ThermalDeformationJacobian(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _T, _J;
  Param<sym::Scalar> _T0, _alpha;
};

/// jacobian = 1 + alpha c φ + (1 − c) φ ΔΩ for a freezing liquid or melting solid, φ the fluid
/// fraction (input); parameters `c` (phase_fraction), `alpha` (swelling_coefficient), `dOmega`
/// (reference_volume_difference).
class SwellingAndPhaseChangeDeformationJacobian : public Model
{
public:
  SwellingAndPhaseChangeDeformationJacobian(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _phi, _J;
  Param<sym::Scalar> _c, _alpha, _dOmega;
};

/// output = jacobian^(−1/3) input: removes the volume change J from a deformation gradient.
class VolumeAdjustDeformationGradient : public Model
{
public:
  VolumeAdjustDeformationGradient(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _F, _J, _Fe;
};
} // namespace neml2

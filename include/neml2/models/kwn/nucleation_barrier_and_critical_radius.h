// NucleationBarrierAndCriticalRadius: the classical nucleation barrier and critical radius.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/// R* = 2 gamma V_m / dg and barrier = 16/3 pi gamma^3 V_m^2 / dg^2 (NEML2's NucleationBarrierAndCriticalRadius):
/// parameters 'gamma' (surface_energy), 'dg_total' (total_gibbs_free_energy_difference), 'V_m' (molar_volume); the
/// first two usually variables.
class NucleationBarrierAndCriticalRadius : public Model
{
public:
  NucleationBarrierAndCriticalRadius(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _barrier, _R;
  Param<sym::Scalar> _gamma, _dg, _Vm;
};
} // namespace neml2

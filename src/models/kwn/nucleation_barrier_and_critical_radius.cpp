// NucleationBarrierAndCriticalRadius: R* = 2 gamma V_m / dg, barrier = 16/3 pi gamma^3 V_m^2 / dg^2.
#include "neml2/models/kwn/nucleation_barrier_and_critical_radius.h"

#include <numbers>

namespace neml2
{
OptionSchema
NucleationBarrierAndCriticalRadius::expected_options()
{
  return Model::expected_options()
      .doc("Classical nucleation theory for a spherical nucleus: the critical radius R* = 2 gamma V_m / dg and the "
           "free energy barrier 16/3 pi gamma^3 V_m^2 / dg^2, gamma the surface energy, V_m the molar volume, dg "
           "the total Gibbs free energy difference driving nucleation.")
      .optional("nucleation_barrier", OptionKind::String, "nucleation_barrier", "the barrier (output)")
      .optional("critical_radius", OptionKind::String, "critical_radius", "the critical radius R* (output)")
      .required("surface_energy", OptionKind::String,
                "the surface energy gamma (parameter 'gamma'): a number, a [Tensors], [Models] or variable name")
      .required("total_gibbs_free_energy_difference", OptionKind::String,
                "the driving force dg (parameter 'dg_total'), as above")
      .required("molar_volume", OptionKind::String, "the molar volume V_m (parameter 'V_m'), as above");
}

NucleationBarrierAndCriticalRadius::NucleationBarrierAndCriticalRadius(const Options & options, Factory & factory)
  : Model(options),
    _barrier(options.get_string("nucleation_barrier")),
    _R(options.get_string("critical_radius"))
{
  _gamma = declare_parameter<sym::Scalar>("gamma", options.get_string("surface_energy"), "surface_energy", factory);
  _dg = declare_parameter<sym::Scalar>("dg_total", options.get_string("total_gibbs_free_energy_difference"),
                                       "total_gibbs_free_energy_difference", factory);
  _Vm = declare_parameter<sym::Scalar>("V_m", options.get_string("molar_volume"), "molar_volume", factory);
  declare_output_distinct(_barrier, TypeKind::Scalar, "nucleation_barrier");
  if (_R == _barrier)
    throw options.error("critical_radius", fmt::format("the critical radius and the barrier are both '{}'; give "
                                                       "them different names",
                                                       _R));
  declare_output_distinct(_R, TypeKind::Scalar, "critical_radius");
}

void
NucleationBarrierAndCriticalRadius::define(Staging & s) const
{
  const sym::Sym gamma = param(s, _gamma), dg = param(s, _dg), Vm = param(s, _Vm);
  s.output(_R, sym::Scalar(2.0 * gamma * Vm / dg));
  s.output(_barrier, sym::Scalar((16.0 / 3.0 * std::numbers::pi) * (gamma * gamma * gamma) * (Vm * Vm) / (dg * dg)));
}

NEML2_REGISTER(Model, NucleationBarrierAndCriticalRadius);
} // namespace neml2

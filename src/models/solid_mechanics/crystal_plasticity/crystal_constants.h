// A crystal's slip-system tensors as graph constants, for the models that resolve stresses onto
// slip systems and sum slip rates back (ResolvedShear, PlasticDeformationRate, ...).
#pragma once

#include "neml2/graph/sym.h"
#include "neml2/models/solid_mechanics/crystal_plasticity/slip_systems.h"

namespace neml2::crystal
{
/// The symbolic tensor T whose components are the constants `v`.
template <typename T>
T
constant_tensor(sym::Graph * g, const std::array<double, T::size> & v)
{
  std::array<sym::Sym, T::size> c;
  for (std::size_t k = 0; k < T::size; ++k)
    c[k] = sym::Sym::constant(g, v[k]);
  return T(c);
}

/// sym(d_i n_i) as a Mandel SR2 constant.
inline sym::SR2
sym_schmid(sym::Graph * g, const SlipSystems & s, std::size_t i)
{
  return constant_tensor<sym::SR2>(g, s.sym_schmid(i));
}

/// d_i n_i as an R2 constant.
inline sym::R2
schmid(sym::Graph * g, const SlipSystems & s, std::size_t i)
{
  return constant_tensor<sym::R2>(g, s.schmid(i));
}
} // namespace neml2::crystal

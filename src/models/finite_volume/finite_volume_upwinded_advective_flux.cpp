// FiniteVolumeUpwindedAdvectiveFlux: J = v (H(v) u_left + (1 - H(v)) u_right).
#include "neml2/models/finite_volume/finite_volume_upwinded_advective_flux.h"

namespace neml2
{
OptionSchema
FiniteVolumeUpwindedAdvectiveFlux::expected_options()
{
  return Model::expected_options()
      .doc("The first-order upwind advective flux on the interior edges of a 1-D grid of cells, "
           "J = v (H(v) u_left + (1 - H(v)) u_right), H the Heaviside step (1/2 at 0): the value carried across an "
           "edge is that of the cell the velocity comes from. N cells give N - 1 edges.")
      .optional("u", OptionKind::String, "u", "the cell values (input, one per cell)")
      .optional("v_edge", OptionKind::String, "v_edge", "the advection velocity on each interior edge (input)")
      .optional("flux", OptionKind::String, "flux", "the advective flux on each interior edge (output)");
}

FiniteVolumeUpwindedAdvectiveFlux::FiniteVolumeUpwindedAdvectiveFlux(const Options & options, Factory &)
  : CellAxisModel(options),
    _u(options.get_string("u")),
    _v(options.get_string("v_edge")),
    _flux(options.get_string("flux"))
{
  declare_input_pending(_u, TypeKind::Scalar);
  if (_v == _u)
    throw options.error("v_edge", fmt::format("the velocity and the cell values are both '{}'; the velocity lives on "
                                              "the edges, one fewer than the cells: give it its own variable",
                                              _u));
  declare_input_pending(_v, TypeKind::Scalar);
  declare_output_distinct(_flux, TypeKind::Scalar, "flux");
  tie_variable(_u, 0);
  tie_variable(_v, -1);
  tie_variable(_flux, -1);
}

void
FiniteVolumeUpwindedAdvectiveFlux::define(Staging & s) const
{
  const auto n = cells();
  const auto u = s.input_list<sym::Scalar>(_u);
  const auto v = s.input_list<sym::Scalar>(_v);
  std::vector<sym::Scalar> flux;
  for (std::int64_t e = 0; e + 1 < n; ++e)
  {
    const sym::Sym ve = v[static_cast<std::size_t>(e)].sym();
    const sym::Sym left = u[static_cast<std::size_t>(e)].sym(), right = u[static_cast<std::size_t>(e + 1)].sym();
    // (sign(v) + 1) / 2, as NEML2's heaviside: a flux through a still edge averages its cells.
    const auto H = sym::where(sym::gt(ve, ve.lit(0.0)), ve.lit(1.0),
                              sym::where(sym::gt(ve.lit(0.0), ve), ve.lit(0.0), ve.lit(0.5)));
    flux.emplace_back(ve * (right + H * (left - right)));
  }
  s.output_list(_flux, flux);
}

NEML2_REGISTER(Model, FiniteVolumeUpwindedAdvectiveFlux);
} // namespace neml2

// FiniteVolumeGradient: grad_u[e] = -prefactor[e] / dx[e] (u[e + 1] - u[e]).
#include "neml2/models/finite_volume/finite_volume_gradient.h"

namespace neml2
{
OptionSchema
FiniteVolumeGradient::expected_options()
{
  return Model::expected_options()
      .doc("The prefactor-weighted first-order gradient on the interior edges of a 1-D grid of cells, "
           "grad_u = -prefactor / dx (u_right - u_left): with prefactor = D, the diffusive flux; with prefactor = 1 "
           "and u the fluxes on every edge, minus the flux divergence. N cells give N - 1 edges.")
      .optional("u", OptionKind::String, "u", "the cell values (input, one per cell)")
      .optional("grad_u", OptionKind::String, "grad_u", "the gradient on the interior edges (output, one per edge)")
      .required("dx", OptionKind::String,
                "the distance between the cell centers on either side of each edge (parameter 'dx'): a number, or "
                "a [Tensors] Scalar with one value per edge on a sub-batch axis")
      .optional("prefactor", OptionKind::String, "1.0",
                "the weight of each edge (parameter 'prefactor'): a number, a per-edge [Tensors] Scalar, or a "
                "variable or [Models] name (a per-edge diffusivity, say)");
}

FiniteVolumeGradient::FiniteVolumeGradient(const Options & options, Factory & factory)
  : CellAxisModel(options),
    _u(options.get_string("u")),
    _grad(options.get_string("grad_u"))
{
  declare_input_pending(_u, TypeKind::Scalar);
  _dx = declare_list_parameter<sym::Scalar>("dx", options.get_string("dx"), "dx", factory);
  admit("dx", Admissible::positive("the distance between cell centers"), "dx");
  _prefactor = declare_list_parameter<sym::Scalar>("prefactor", options.get_string("prefactor"), "prefactor", factory);
  declare_output_distinct(_grad, TypeKind::Scalar, "grad_u");
  tie_variable(_u, 0);
  tie_variable(_grad, -1);
  tie_parameter("dx", -1, "dx");
  tie_parameter("prefactor", -1, "prefactor");
}

void
FiniteVolumeGradient::define(Staging & s) const
{
  const auto n = cells();
  const auto u = s.input_list<sym::Scalar>(_u);
  const auto dx = param_list(s, _dx);
  const auto prefactor = param_list(s, _prefactor);
  std::vector<sym::Scalar> grad;
  for (std::int64_t e = 0; e + 1 < n; ++e)
  {
    const sym::Sym coefficient = entry(prefactor, e).sym() * (1.0 / entry(dx, e).sym());
    const sym::Sym du = u[static_cast<std::size_t>(e + 1)].sym() - u[static_cast<std::size_t>(e)].sym();
    grad.emplace_back(-(coefficient * du));
  }
  s.output_list(_grad, grad);
}

NEML2_REGISTER(Model, FiniteVolumeGradient);
} // namespace neml2

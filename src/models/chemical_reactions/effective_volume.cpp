// EffectiveVolume: V = M / (1 - phi_o) sum_i w_i / rho_i.
#include "neml2/models/chemical_reactions/effective_volume.h"

#include <fmt/format.h>

namespace neml2
{
OptionSchema
EffectiveVolume::expected_options()
{
  return Model::expected_options()
      .doc("The volume of a composite of fixed reference mass M during a reaction, composite_volume = M / (1 - "
           "open_volume_fraction) sum_i w_i / rho_i, with w_i the mass fractions and rho_i the densities of its "
           "components; the open volume fraction accounts for mass leaving the control volume.")
      .optional("open_volume_fraction", OptionKind::String, "",
                "the open volume fraction phi_o (optional input; 0 when not given)")
      .optional("mass_fractions", OptionKind::Strings, "mass_fractions",
                "the mass fractions w_i of the components (inputs)")
      .optional("composite_volume", OptionKind::String, "composite_volume", "the volume of the composite (output)")
      .required("reference_mass", OptionKind::String,
                "the reference mass M (parameter 'M'): a number, a [Tensors] name, a [Models] name or a variable name")
      .required("densities", OptionKind::Strings,
                "the densities rho_i of the components, one per mass fraction (parameters 'rho_0', 'rho_1', ...), "
                "each as reference_mass");
}

EffectiveVolume::EffectiveVolume(const Options & options, Factory & factory)
  : Model(options),
    _phi_o(options.get_string("open_volume_fraction")),
    _V(options.get_string("composite_volume")),
    _w(options.get_strings("mass_fractions"))
{
  const auto densities = options.get_strings("densities");
  if (_w.empty())
    throw options.error("mass_fractions", "expected at least one mass fraction");
  if (densities.size() != _w.size())
    throw options.error(
        "densities", fmt::format("expected one density per mass fraction ({}), got {}", _w.size(), densities.size()));
  if (!_phi_o.empty())
    declare_input(_phi_o, TypeKind::Scalar);
  for (const auto & w : _w)
  {
    if (w == _phi_o)
      throw options.error("mass_fractions", "'" + w + "' is also the open volume fraction");
    declare_input(w, TypeKind::Scalar);
  }
  _M = declare_parameter<sym::Scalar>("M", options.get_string("reference_mass"), "reference_mass", factory);
  for (std::size_t i = 0; i < densities.size(); ++i)
    _rho.push_back(declare_parameter<sym::Scalar>("rho_" + std::to_string(i), densities[i], "densities", factory));
  declare_output_distinct(_V, TypeKind::Scalar, "composite_volume");
}

void
EffectiveVolume::define(Staging & s) const
{
  sym::Sym sum = s.input<sym::Scalar>(_w[0]).sym() / param(s, _rho[0]).sym();
  for (std::size_t i = 1; i < _w.size(); ++i)
    sum = sum + s.input<sym::Scalar>(_w[i]).sym() / param(s, _rho[i]).sym();
  sym::Sym scale = param(s, _M);
  if (!_phi_o.empty())
    scale = scale / (1.0 - s.input<sym::Scalar>(_phi_o).sym());
  s.output(_V, sym::Scalar(scale * sum));
}

NEML2_REGISTER(Model, EffectiveVolume);
} // namespace neml2

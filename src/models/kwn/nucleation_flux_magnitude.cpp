// NucleationFluxMagnitude: J = Z beta N0 exp(-barrier / (k T)).
#include "neml2/models/kwn/nucleation_flux_magnitude.h"

namespace neml2
{
OptionSchema
NucleationFluxMagnitude::expected_options()
{
  return Model::expected_options()
      .doc("The nucleation rate of classical nucleation theory, J = Z beta N0 exp(-barrier / (k T)): Z the "
           "Zeldovich factor, beta the kinetic factor, N0 the density of nucleation sites, k Boltzmann's constant.")
      .optional("zeldovich_factor", OptionKind::String, "zeldovich_factor", "the Zeldovich factor Z (input)")
      .optional("kinetic_factor", OptionKind::String, "kinetic_factor", "the kinetic factor beta (input)")
      .optional("nucleation_barrier", OptionKind::String, "nucleation_barrier", "the barrier (input)")
      .optional("temperature", OptionKind::String, "temperature", "the temperature T (input)")
      .optional("nucleation_flux_magnitude", OptionKind::String, "nucleation_flux_magnitude",
                "the nucleation rate J (output)")
      .required("nucleation_site_density", OptionKind::String,
                "the density of nucleation sites N0 (parameter 'N0'): a number, a [Tensors], [Models] or variable "
                "name")
      .required("boltzmann_constant", OptionKind::String, "Boltzmann's constant k (parameter 'k'), as above");
}

NucleationFluxMagnitude::NucleationFluxMagnitude(const Options & options, Factory & factory)
  : Model(options),
    _Z(options.get_string("zeldovich_factor")),
    _beta(options.get_string("kinetic_factor")),
    _barrier(options.get_string("nucleation_barrier")),
    _T(options.get_string("temperature")),
    _J(options.get_string("nucleation_flux_magnitude"))
{
  for (const auto * v : {&_Z, &_beta, &_barrier, &_T})
    declare_input(*v, TypeKind::Scalar);
  _N0 = declare_parameter<sym::Scalar>("N0", options.get_string("nucleation_site_density"), "nucleation_site_density",
                                       factory);
  _k = declare_parameter<sym::Scalar>("k", options.get_string("boltzmann_constant"), "boltzmann_constant", factory);
  declare_output_distinct(_J, TypeKind::Scalar, "nucleation_flux_magnitude");
}

void
NucleationFluxMagnitude::define(Staging & s) const
{
  const sym::Sym kT = param(s, _k).sym() * s.input<sym::Scalar>(_T).sym();
  const sym::Sym prefactor = s.input<sym::Scalar>(_Z).sym() * s.input<sym::Scalar>(_beta).sym() * param(s, _N0).sym();
  s.output(_J, sym::Scalar(prefactor * sym::exp(-(s.input<sym::Scalar>(_barrier).sym() / kT))));
}

NEML2_REGISTER(Model, NucleationFluxMagnitude);
} // namespace neml2

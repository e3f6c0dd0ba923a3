// ModeMixity: β = δs / δn where δn > 0, else 0.
#include "neml2/models/solid_mechanics/traction_separation/mode_mixity.h"

namespace neml2
{
OptionSchema
ModeMixity::expected_options()
{
  return Model::expected_options()
      .doc("Mode-mixity ratio: mode_mixity = tangential_separation / normal_separation in opening "
           "(normal_separation > 0), 0 in compression.")
      .optional("normal_separation", OptionKind::String, "normal_separation",
                "the normal separation, usually the positive part of the normal jump (input)")
      .optional("tangential_separation", OptionKind::String, "tangential_separation",
                "the magnitude of the tangential separation (input)")
      .optional("mode_mixity", OptionKind::String, "mode_mixity", "the mode-mixity ratio (output)");
}

ModeMixity::ModeMixity(const Options & options, Factory &)
  : Model(options),
    _dn(options.get_string("normal_separation")),
    _ds(options.get_string("tangential_separation")),
    _beta(options.get_string("mode_mixity"))
{
  if (_dn == _ds)
    throw options.error("tangential_separation", "normal_separation and tangential_separation must differ");
  declare_input(_dn, TypeKind::Scalar);
  declare_input(_ds, TypeKind::Scalar);
  declare_output_distinct(_beta, TypeKind::Scalar, "mode_mixity");
}

void
ModeMixity::define(Staging & s) const
{
  const sym::Sym dn = s.input<sym::Scalar>(_dn), ds = s.input<sym::Scalar>(_ds);
  const auto opening = sym::heaviside(dn);
  // The unselected (compression) lanes divide by 1, never by zero.
  s.output(_beta, sym::Scalar(sym::where(opening, ds / sym::where(opening, dn, dn.lit(1.0)), dn.lit(0.0))));
}

NEML2_REGISTER(Model, ModeMixity);
} // namespace neml2
